using System.Text.RegularExpressions;
using Mailroom.Core.Audit;
using Mailroom.Core.Common;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Tags;

public sealed record TagInput(string? Name, string? Color);

public sealed record TagView(int Id, string Name, string? Color)
{
    public static TagView From(Tag t) => new(t.Id, t.Name, t.Color);
}

/// <summary>The administrator's tag list; everyone signed in reads it to tag and to filter.</summary>
public sealed partial class TagCatalog(MailroomDb db, TimeProvider time)
{
    public async Task<IReadOnlyList<TagView>> ListAsync(CancellationToken ct) =>
        (await db.Tags.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct)).Select(TagView.From).ToList();

    public async Task<TagView> CreateAsync(Actor actor, TagInput input, CancellationToken ct)
    {
        actor.RequireAdmin();
        var tag = new Tag { Name = "", CreatedAt = time.GetUtcNow().UtcDateTime };
        await ApplyAsync(tag, input, ct);
        db.Tags.Add(tag);
        db.Audit(actor, "tag created", $"tag {tag.Name}", tag.Color is null ? null : $"color {tag.Color}", time.GetUtcNow().UtcDateTime);
        return await SaveAsync(tag, ct);
    }

    public async Task<TagView> UpdateAsync(Actor actor, int id, TagInput input, CancellationToken ct)
    {
        actor.RequireAdmin();
        var tag = await db.Tags.FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw new NotFoundException($"Tag {id}");
        var before = (tag.Name, tag.Color);
        await ApplyAsync(tag, input, ct);
        if (AuditTrail.Changes(("name", before.Name, tag.Name), ("color", before.Color, tag.Color)) is { } changes)
        {
            db.Audit(actor, "tag changed", $"tag {tag.Name}", changes, time.GetUtcNow().UtcDateTime);
        }

        return await SaveAsync(tag, ct);
    }

    /// <summary>Deleting a tag takes it off every interaction that carried it.</summary>
    public async Task DeleteAsync(Actor actor, int id, CancellationToken ct)
    {
        actor.RequireAdmin();
        var tag = await db.Tags.FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw new NotFoundException($"Tag {id}");
        if (await db.ActionPlanSteps.AnyAsync(s => s.TagId == id, ct))
        {
            throw new ConflictException($"Tag '{tag.Name}' is used by an action plan; change its steps first.");
        }

        db.Tags.Remove(tag);
        db.Audit(actor, "tag deleted", $"tag {tag.Name}", null, time.GetUtcNow().UtcDateTime);
        db.Append(new CatalogChanged("tags", null), time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }

    private async Task ApplyAsync(Tag tag, TagInput input, CancellationToken ct)
    {
        var name = input.Name?.Trim();
        var color = string.IsNullOrWhiteSpace(input.Color) ? null : input.Color.Trim().ToLowerInvariant();
        new Validator().Required("name", name).Length("name", name, 1, 50)
            .When(color is not null && !HexColor().IsMatch(color), "color", "must look like #1a2b3c.")
            .When(name is not null && await db.Tags.AnyAsync(t => t.Name == name && t.Id != tag.Id, ct), "name", $"'{name}' already exists.")
            .ThrowIfInvalid();
        tag.Name = name!;
        tag.Color = color;
    }

    private async Task<TagView> SaveAsync(Tag tag, CancellationToken ct)
    {
        db.Append(new CatalogChanged("tags", null), time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return TagView.From(tag);
    }

    [GeneratedRegex("^#[0-9a-f]{6}$")]
    private static partial Regex HexColor();
}
