using Mailroom.Core.Accounts;
using Mailroom.Core.Audit;
using Mailroom.Core.Common;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Dispositions;

public sealed record DispositionInput(string? Name, int? ParentId = null, int? AccountId = null);

/// <summary>A disposition with its whole path ("Sales / Order / Refunded") and whether agents can apply it (a leaf).</summary>
public sealed record DispositionView(int Id, string Name, int? ParentId, int? AccountId, int Level, string Path, bool IsLeaf);

/// <summary>The administrator's dispositions (global and per account); agents read those of their accounts.</summary>
public sealed class DispositionCatalog(MailroomDb db, TimeProvider time)
{
    /// <summary>
    /// Without an account: every disposition (administrators) or the global ones. With one: the global ones
    /// and that account's, which is what an agent disposing an interaction of it may choose from.
    /// </summary>
    public async Task<IReadOnlyList<DispositionView>> ListAsync(Actor actor, int? accountId, CancellationToken ct)
    {
        if (accountId is { } id)
        {
            await db.RequireAccountAsync(actor, id, ct);
        }

        var all = await db.Dispositions.AsNoTracking()
            .Where(d => d.AccountId == null || (accountId == null ? actor.IsAdmin : d.AccountId == accountId)).ToListAsync(ct);
        return Views(all);
    }

    public async Task<DispositionView> CreateAsync(Actor actor, DispositionInput input, CancellationToken ct)
    {
        actor.RequireAdmin();
        var disposition = new Disposition { Name = "", CreatedAt = time.GetUtcNow().UtcDateTime };
        await ApplyAsync(disposition, input, ct);
        db.Dispositions.Add(disposition);
        var parent = await FindAsync(db, disposition.ParentId, ct);
        db.Audit(actor, "disposition created", $"disposition {(parent is null ? "" : parent.Path + " / ")}{disposition.Name}",
            await db.AccountInWordsAsync(disposition.AccountId, ct), time.GetUtcNow().UtcDateTime);
        return await SaveAsync(disposition, ct);
    }

    /// <summary>Renames it; its place in the tree (parent, account) stays, so applied paths never change meaning.</summary>
    public async Task<DispositionView> RenameAsync(Actor actor, int id, DispositionInput input, CancellationToken ct)
    {
        actor.RequireAdmin();
        var disposition = await LoadAsync(id, ct);
        var name = input.Name?.Trim();
        new Validator().Required("name", name).Length("name", name, 1, 100).ThrowIfInvalid();
        var path = (await FindAsync(db, id, ct))!.Path;
        if (AuditTrail.Changes(("name", disposition.Name, name)) is { } changes)
        {
            db.Audit(actor, "disposition renamed", $"disposition {path}", changes, time.GetUtcNow().UtcDateTime);
        }

        disposition.Name = name!;
        return await SaveAsync(disposition, ct);
    }

    /// <summary>Interactions disposed with it keep their history entry; their disposition becomes none.</summary>
    public async Task DeleteAsync(Actor actor, int id, CancellationToken ct)
    {
        actor.RequireAdmin();
        var disposition = await LoadAsync(id, ct);
        if (await db.Dispositions.AnyAsync(d => d.ParentId == id, ct))
        {
            throw new ConflictException($"'{disposition.Name}' has lower-level dispositions; delete those first.");
        }

        if (await db.ActionPlanSteps.AnyAsync(s => s.DispositionId == id, ct))
        {
            throw new ConflictException($"'{disposition.Name}' is used by an action plan's Close step; change that step first.");
        }

        db.Audit(actor, "disposition deleted", $"disposition {(await FindAsync(db, id, ct))!.Path}", await db.AccountInWordsAsync(disposition.AccountId, ct),
            time.GetUtcNow().UtcDateTime);
        db.Dispositions.Remove(disposition);
        db.Append(new CatalogChanged("dispositions", disposition.AccountId), time.GetUtcNow().UtcDateTime, disposition.AccountId);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The applicable (lowest-level) disposition for an interaction of <paramref name="accountId"/>, or 400 naming the field.</summary>
    public static async Task<DispositionView> RequireApplicableAsync(MailroomDb db, int dispositionId, int accountId, CancellationToken ct)
    {
        var all = Views(await db.Dispositions.AsNoTracking().Where(d => d.AccountId == null || d.AccountId == accountId).ToListAsync(ct));
        var found = all.FirstOrDefault(d => d.Id == dispositionId)
            ?? throw ValidationFailedException.For("dispositionId", $"dispositionId {dispositionId} is not a disposition of this account.");
        return found.IsLeaf ? found : throw ValidationFailedException.For("dispositionId", $"dispositionId '{found.Path}' has lower levels; choose one of them.");
    }

    public static async Task<DispositionView?> FindAsync(MailroomDb db, int? dispositionId, CancellationToken ct)
    {
        if (dispositionId is not { } id)
        {
            return null;
        }

        // Three levels at most: the disposition and its ancestors are all there is to load.
        var chain = new List<Disposition>();
        for (int? next = id; next is { } n && chain.Count < Disposition.MaxLevels;)
        {
            var d = await db.Dispositions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == n, ct);
            if (d is null)
            {
                break;
            }

            chain.Add(d);
            next = d.ParentId;
        }

        // The chain alone cannot tell whether it has children: ask.
        return chain.Count == 0 ? null : Views(chain).First(v => v.Id == id) with { IsLeaf = !await db.Dispositions.AnyAsync(x => x.ParentId == id, ct) };
    }

    private async Task<Disposition> LoadAsync(int id, CancellationToken ct) =>
        await db.Dispositions.FirstOrDefaultAsync(d => d.Id == id, ct) ?? throw new NotFoundException($"Disposition {id}");

    private async Task ApplyAsync(Disposition disposition, DispositionInput input, CancellationToken ct)
    {
        var name = input.Name?.Trim();
        var v = new Validator().Required("name", name).Length("name", name, 1, 100);
        v.When(input.AccountId is { } a && !await db.Accounts.AnyAsync(x => x.Id == a, ct), "accountId", $"account {input.AccountId} does not exist.");
        var parent = input.ParentId is { } p ? await db.Dispositions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == p, ct) : null;
        v.When(input.ParentId is not null && parent is null, "parentId", $"disposition {input.ParentId} does not exist.");
        v.When(parent is not null && parent.AccountId != input.AccountId, "parentId", "must belong to the same account (or both be global).");
        v.When(parent is not null && parent.Level >= Disposition.MaxLevels, "parentId", $"is already at level {Disposition.MaxLevels}; dispositions have at most three levels.");
        v.When(name is not null && await db.Dispositions.AnyAsync(d => d.Name == name && d.ParentId == input.ParentId && d.AccountId == input.AccountId, ct),
            "name", $"'{name}' already exists at this place.");
        v.ThrowIfInvalid();
        disposition.Name = name!;
        disposition.ParentId = input.ParentId;
        disposition.AccountId = input.AccountId;
        disposition.Level = (parent?.Level ?? 0) + 1;
    }

    private async Task<DispositionView> SaveAsync(Disposition disposition, CancellationToken ct)
    {
        db.Append(new CatalogChanged("dispositions", disposition.AccountId), time.GetUtcNow().UtcDateTime, disposition.AccountId);
        await db.SaveChangesAsync(ct);
        return (await FindAsync(db, disposition.Id, ct))!;
    }

    private static List<DispositionView> Views(IReadOnlyCollection<Disposition> all)
    {
        var byId = all.ToDictionary(d => d.Id);
        var parents = all.Where(d => d.ParentId is not null).Select(d => d.ParentId!.Value).ToHashSet();
        string PathOf(Disposition d) => d.ParentId is { } p && byId.TryGetValue(p, out var parent) ? $"{PathOf(parent)} / {d.Name}" : d.Name;
        return all.Select(d => new DispositionView(d.Id, d.Name, d.ParentId, d.AccountId, d.Level, PathOf(d), !parents.Contains(d.Id)))
            .OrderBy(d => d.Path, StringComparer.OrdinalIgnoreCase).ToList();
    }
}
