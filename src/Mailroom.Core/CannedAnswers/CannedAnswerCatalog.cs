using Mailroom.Core.Audit;
using Mailroom.Core.Common;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Mailroom.Core.Templates;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.CannedAnswers;

public sealed record CannedAnswerInput(string? Name, string? Body, int? AccountId = null);

/// <summary><see cref="IsGeneral"/> marks the general ones (a small icon) apart from the account's local ones.</summary>
public sealed record CannedAnswerView(int Id, int? AccountId, string Name, string Body, bool IsGeneral)
{
    public static CannedAnswerView From(CannedAnswer c) => new(c.Id, c.AccountId, c.Name, c.Body, c.AccountId is null);
}

/// <summary>Administrators keep the general and the per-account canned answers.</summary>
public sealed class CannedAnswerCatalog(MailroomDb db, TemplateRenderer templates, TimeProvider time)
{
    public const int MaxBodyLength = 100_000;

    /// <summary>Administrators only: all of them, or the general ones plus one account's when <paramref name="accountId"/> is given.</summary>
    public async Task<IReadOnlyList<CannedAnswerView>> ListAsync(Actor actor, int? accountId, CancellationToken ct)
    {
        actor.RequireAdmin();
        var rows = await db.CannedAnswers.AsNoTracking()
            .Where(c => accountId == null || c.AccountId == null || c.AccountId == accountId)
            .OrderBy(c => c.AccountId != null).ThenBy(c => c.Name).ToListAsync(ct);
        return rows.Select(CannedAnswerView.From).ToList();
    }

    public async Task<CannedAnswerView> CreateAsync(Actor actor, CannedAnswerInput input, CancellationToken ct)
    {
        actor.RequireAdmin();
        var now = time.GetUtcNow().UtcDateTime;
        var answer = new CannedAnswer { Name = "", Body = "", CreatedAt = now };
        await ApplyAsync(answer, input, now, ct);
        db.CannedAnswers.Add(answer);
        db.Audit(actor, "canned answer created", $"canned answer {answer.Name}", await db.AccountInWordsAsync(answer.AccountId, ct), now);
        return await SaveAsync(answer, ct);
    }

    public async Task<CannedAnswerView> UpdateAsync(Actor actor, int id, CannedAnswerInput input, CancellationToken ct)
    {
        actor.RequireAdmin();
        var answer = await LoadAsync(id, ct);
        var before = (answer.Name, Account: await db.AccountInWordsAsync(answer.AccountId, ct), answer.Body);
        await ApplyAsync(answer, input, time.GetUtcNow().UtcDateTime, ct);
        var changes = AuditTrail.Changes(("name", before.Name, answer.Name), ("for", before.Account, await db.AccountInWordsAsync(answer.AccountId, ct)));
        if (changes is not null || before.Body != answer.Body)
        {
            db.Audit(actor, "canned answer changed", $"canned answer {answer.Name}",
                string.Join("; ", new[] { changes, before.Body != answer.Body ? "text changed" : null }.OfType<string>()), time.GetUtcNow().UtcDateTime);
        }

        return await SaveAsync(answer, ct);
    }

    public async Task DeleteAsync(Actor actor, int id, CancellationToken ct)
    {
        actor.RequireAdmin();
        var answer = await LoadAsync(id, ct);
        db.CannedAnswers.Remove(answer);
        db.Audit(actor, "canned answer deleted", $"canned answer {answer.Name}", await db.AccountInWordsAsync(answer.AccountId, ct), time.GetUtcNow().UtcDateTime);
        db.Append(new CatalogChanged("canned-answers", answer.AccountId), time.GetUtcNow().UtcDateTime, answer.AccountId);
        await db.SaveChangesAsync(ct);
    }

    private async Task<CannedAnswer> LoadAsync(int id, CancellationToken ct) =>
        await db.CannedAnswers.FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException($"Canned answer {id}");

    private async Task ApplyAsync(CannedAnswer answer, CannedAnswerInput input, DateTime now, CancellationToken ct)
    {
        var name = input.Name?.Trim();
        var v = new Validator().Required("name", name).Length("name", name, 1, 100)
            .Required("body", input.Body).Length("body", input.Body, 1, MaxBodyLength);
        templates.Validate(v, "body", input.Body);
        v.When(input.AccountId is { } a && !await db.Accounts.AnyAsync(x => x.Id == a, ct), "accountId", $"account {input.AccountId} does not exist.");
        v.ThrowIfInvalid();
        answer.Name = name!;
        answer.Body = input.Body!;
        answer.AccountId = input.AccountId;
        answer.UpdatedAt = now;
    }

    private async Task<CannedAnswerView> SaveAsync(CannedAnswer answer, CancellationToken ct)
    {
        db.Append(new CatalogChanged("canned-answers", answer.AccountId), time.GetUtcNow().UtcDateTime, answer.AccountId);
        await db.SaveChangesAsync(ct);
        return CannedAnswerView.From(answer);
    }
}
