using Mailroom.Core.Common;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Accounts;

/// <summary>
/// Which accounts an actor may see: administrators all of them, everyone else only those they were added to.
/// Every query over interactions, messages and reports is filtered through this.
/// </summary>
public static class AccountAccess
{
    public static IQueryable<int> VisibleAccountIds(this MailroomDb db, Actor actor) =>
        actor.IsAdmin
            ? db.Accounts.Select(a => a.Id)
            : db.AccountMembers.Where(m => m.UserId == actor.UserId).Select(m => m.AccountId);

    public static async Task<bool> CanSeeAccountAsync(this MailroomDb db, Actor actor, int accountId, CancellationToken ct) =>
        actor.IsAdmin
            ? await db.Accounts.AnyAsync(a => a.Id == accountId, ct)
            : await db.AccountMembers.AnyAsync(m => m.UserId == actor.UserId && m.AccountId == accountId, ct);

    /// <summary>Throws 404 (not 403) for an account the actor may not see, so nobody learns it exists.</summary>
    public static async Task RequireAccountAsync(this MailroomDb db, Actor actor, int accountId, CancellationToken ct)
    {
        if (!await db.CanSeeAccountAsync(actor, accountId, ct))
        {
            throw new NotFoundException($"Email account {accountId}");
        }
    }
}
