using Mailroom.Core.Accounts;
using Mailroom.Core.Common;
using Mailroom.Core.Storage;

namespace Mailroom.Core.Users;

/// <summary>
/// Which users an actor may see: administrators everyone; anyone else themselves and the members of the accounts
/// they were added to, so a supervisor sees its own team and not another account's.
/// </summary>
public static class UserAccess
{
    public static IQueryable<User> VisibleUsers(this MailroomDb db, Actor actor)
    {
        if (actor.IsAdmin)
        {
            return db.Users;
        }

        var accounts = db.VisibleAccountIds(actor);
        return db.Users.Where(u => u.Id == actor.UserId || db.AccountMembers.Any(m => m.UserId == u.Id && accounts.Contains(m.AccountId)));
    }
}
