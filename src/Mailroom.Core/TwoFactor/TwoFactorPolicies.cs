using Mailroom.Core.Audit;
using Mailroom.Core.Common;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.TwoFactor;

public sealed record TwoFactorPolicyInput(bool? RequiredForAgents, bool? RequiredForSupervisors, bool? RequiredForAdmins);

public sealed record TwoFactorPolicyView(bool RequiredForAgents, bool RequiredForSupervisors, bool RequiredForAdmins);

/// <summary>
/// Which roles must use two-factor sign-in. Once required, a person of that role who has not set it up can, after
/// their password, do nothing but set it up.
/// </summary>
public sealed class TwoFactorPolicies(MailroomDb db, TimeProvider time)
{
    public async Task<TwoFactorPolicy> GetAsync(CancellationToken ct) =>
        await db.TwoFactorPolicies.AsNoTracking().FirstOrDefaultAsync(ct) ?? new TwoFactorPolicy();

    public async Task<TwoFactorPolicyView> ViewAsync(Actor actor, CancellationToken ct)
    {
        actor.RequireAdmin();
        return View(await GetAsync(ct));
    }

    public async Task<TwoFactorPolicyView> UpdateAsync(Actor actor, TwoFactorPolicyInput input, CancellationToken ct)
    {
        actor.RequireAdmin();
        new Validator()
            .When(input.RequiredForAgents is null, "requiredForAgents", "is required (true or false).")
            .When(input.RequiredForSupervisors is null, "requiredForSupervisors", "is required (true or false).")
            .When(input.RequiredForAdmins is null, "requiredForAdmins", "is required (true or false).")
            .ThrowIfInvalid();
        var policy = await db.TwoFactorPolicies.FirstOrDefaultAsync(ct);
        if (policy is null)
        {
            policy = new TwoFactorPolicy();
            db.TwoFactorPolicies.Add(policy);
        }

        var changes = AuditTrail.Changes(("agents", policy.RequiredForAgents, input.RequiredForAgents), ("supervisors", policy.RequiredForSupervisors, input.RequiredForSupervisors),
            ("administrators", policy.RequiredForAdmins, input.RequiredForAdmins));
        db.Audit(actor, "two-factor policy changed", "required for roles", changes ?? "unchanged", time.GetUtcNow().UtcDateTime);
        (policy.RequiredForAgents, policy.RequiredForSupervisors, policy.RequiredForAdmins) =
            (input.RequiredForAgents!.Value, input.RequiredForSupervisors!.Value, input.RequiredForAdmins!.Value);
        policy.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return View(policy);
    }

    private static TwoFactorPolicyView View(TwoFactorPolicy p) => new(p.RequiredForAgents, p.RequiredForSupervisors, p.RequiredForAdmins);
}
