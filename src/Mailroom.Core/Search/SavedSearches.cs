using System.Text.Json;
using Mailroom.Core.Common;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Search;

public sealed record SavedSearchInput(string Name, string Match, IReadOnlyList<SearchCondition> Conditions);

public sealed record SavedSearchView(long Id, string Name, string Match, IReadOnlyList<SearchCondition> Conditions, DateTime CreatedAt);

/// <summary>Saved advanced searches per user: saving under an existing name replaces it.</summary>
public sealed class SavedSearches(MailroomDb db, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<SavedSearchView>> ListAsync(Actor actor, CancellationToken ct) =>
        (await db.Set<SavedSearch>().AsNoTracking().Where(s => s.UserId == actor.UserId).OrderBy(s => s.Name).ToListAsync(ct)).Select(View).ToList();

    public async Task<SavedSearchView> SaveAsync(Actor actor, SavedSearchInput input, CancellationToken ct)
    {
        var validator = new Validator().Required("name", input.Name).Length("name", input.Name?.Trim(), 1, 100);
        validator.When(input.Match is not (AdvancedSearch.All or AdvancedSearch.Any), "match", "must be 'all' or 'any'.");
        validator.When(input.Conditions is null || input.Conditions.Count == 0, "conditions", "at least one condition.");
        validator.ThrowIfInvalid();
        var name = input.Name!.Trim();
        var saved = await db.Set<SavedSearch>().FirstOrDefaultAsync(s => s.UserId == actor.UserId && s.Name == name, ct);
        if (saved is null)
        {
            saved = new SavedSearch { UserId = actor.UserId, Name = name, Conditions = "[]", CreatedAt = time.GetUtcNow().UtcDateTime };
            db.Add(saved);
        }

        saved.Match = input.Match;
        saved.Conditions = JsonSerializer.Serialize(input.Conditions, Json);
        await db.SaveChangesAsync(ct);
        return View(saved);
    }

    public async Task DeleteAsync(Actor actor, long id, CancellationToken ct)
    {
        var deleted = await db.Set<SavedSearch>().Where(s => s.Id == id && s.UserId == actor.UserId).ExecuteDeleteAsync(ct);
        if (deleted == 0)
        {
            throw new NotFoundException($"Saved search {id}");
        }
    }

    private static SavedSearchView View(SavedSearch s) =>
        new(s.Id, s.Name, s.Match, JsonSerializer.Deserialize<List<SearchCondition>>(s.Conditions, Json) ?? [], s.CreatedAt);
}
