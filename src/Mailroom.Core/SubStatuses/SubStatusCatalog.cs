using Mailroom.Core.Audit;
using Mailroom.Core.Common;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.SubStatuses;

/// <summary><paramref name="PausesSla"/>: service-level clocks stop while an interaction has it.</summary>
public sealed record SubStatusInput(string? Name, bool PausesSla = false);

public sealed record SubStatusView(int Id, string Name, bool IsBuiltIn, bool PausesSla)
{
    public static SubStatusView From(SubStatus s) => new(s.Id, s.Name, s.IsBuiltIn, s.IsBuiltIn || s.PausesSla);
}

/// <summary>The administrator's sub-statuses, Pending first; everyone signed in reads them.</summary>
public sealed class SubStatusCatalog(MailroomDb db, TimeProvider time)
{
    public const string DefaultName = "Pending";

    public async Task<IReadOnlyList<SubStatusView>> ListAsync(CancellationToken ct) =>
        (await db.SubStatuses.AsNoTracking().OrderByDescending(s => s.IsBuiltIn).ThenBy(s => s.Name).ToListAsync(ct)).Select(SubStatusView.From).ToList();

    /// <summary>Creates Pending on first start (a seeded row would break PostgreSQL's identity sequence).</summary>
    public async Task EnsureDefaultAsync(CancellationToken ct)
    {
        if (!await db.SubStatuses.AnyAsync(s => s.IsBuiltIn, ct))
        {
            db.SubStatuses.Add(new SubStatus { Name = DefaultName, IsBuiltIn = true, CreatedAt = time.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(ct);
        }
    }

    public async Task<SubStatusView> CreateAsync(Actor actor, SubStatusInput input, CancellationToken ct)
    {
        actor.RequireAdmin();
        var status = new SubStatus { Name = "", CreatedAt = time.GetUtcNow().UtcDateTime };
        await ApplyAsync(status, input, ct);
        db.SubStatuses.Add(status);
        db.Audit(actor, "sub-status created", $"sub-status {status.Name}", status.PausesSla ? "pauses service-level clocks" : null, time.GetUtcNow().UtcDateTime);
        return await SaveAsync(status, ct);
    }

    public async Task<SubStatusView> UpdateAsync(Actor actor, int id, SubStatusInput input, CancellationToken ct)
    {
        actor.RequireAdmin();
        var status = await LoadAsync(id, ct);
        var before = (status.Name, status.PausesSla);
        await ApplyAsync(status, input, ct);
        if (AuditTrail.Changes(("name", before.Name, status.Name), ("pauses service-level clocks", before.PausesSla, status.PausesSla)) is { } changes)
        {
            db.Audit(actor, "sub-status changed", $"sub-status {status.Name}", changes, time.GetUtcNow().UtcDateTime);
        }

        return await SaveAsync(status, ct);
    }

    /// <summary>Interactions that carried a deleted sub-status become plain Open.</summary>
    public async Task DeleteAsync(Actor actor, int id, CancellationToken ct)
    {
        actor.RequireAdmin();
        var status = await LoadAsync(id, ct);
        if (status.IsBuiltIn)
        {
            throw new ConflictException($"'{status.Name}' is the built-in sub-status; it can be renamed, not deleted.");
        }

        if (await db.ActionPlanSteps.AnyAsync(s => s.SubStatusId == id, ct))
        {
            throw new ConflictException($"Sub-status '{status.Name}' is used by an action plan; change its steps first.");
        }

        db.SubStatuses.Remove(status);
        db.Audit(actor, "sub-status deleted", $"sub-status {status.Name}", null, time.GetUtcNow().UtcDateTime);
        db.Append(new CatalogChanged("sub-statuses", null), time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }

    private async Task<SubStatus> LoadAsync(int id, CancellationToken ct) =>
        await db.SubStatuses.FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException($"Sub-status {id}");

    private async Task ApplyAsync(SubStatus status, SubStatusInput input, CancellationToken ct)
    {
        var name = input.Name?.Trim();
        new Validator().Required("name", name).Length("name", name, 1, 50)
            .When(name is not null && await db.SubStatuses.AnyAsync(s => s.Name == name && s.Id != status.Id, ct), "name", $"'{name}' already exists.")
            .ThrowIfInvalid();
        status.Name = name!;
        status.PausesSla = input.PausesSla;
    }

    private async Task<SubStatusView> SaveAsync(SubStatus status, CancellationToken ct)
    {
        db.Append(new CatalogChanged("sub-statuses", null), time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return SubStatusView.From(status);
    }
}
