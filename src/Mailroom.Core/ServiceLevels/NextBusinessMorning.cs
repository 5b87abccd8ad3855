using Mailroom.Core.Accounts;
using Mailroom.Core.Common;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;

namespace Mailroom.Core.ServiceLevels;

/// <summary>"The next business morning" of an account the actor sees, for parking and for scheduled send (<see cref="BusinessMorning"/>).</summary>
public sealed class NextBusinessMorning(MailroomDb db, TimeProvider time)
{
    public async Task<DateTime> ForAccountAsync(Actor actor, int accountId, CancellationToken ct)
    {
        await db.RequireAccountAsync(actor, accountId, ct);
        return BusinessMorning.Next(await BusinessMorning.AccountHoursAsync(db, accountId, ct), time.GetUtcNow().UtcDateTime);
    }

    public async Task<DateTime> ForInteractionAsync(Actor actor, long interactionId, CancellationToken ct) =>
        await ForAccountAsync(actor, (await db.RequireInteractionAsync(actor, interactionId, ct)).AccountId, ct);
}
