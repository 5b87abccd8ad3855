using Mailroom.Core.Accounts;
using Mailroom.Core.Common;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Search;

public sealed record AgentChoice(int Id, string Name);

/// <summary>
/// The people the list's Agent filter offers: those who share an account with the actor (everyone, for an
/// administrator). Agents may not read the user administration, yet they filter by their colleagues.
/// </summary>
public sealed class AgentChoices(MailroomDb db)
{
    public async Task<IReadOnlyList<AgentChoice>> ListAsync(Actor actor, CancellationToken ct)
    {
        var visible = db.VisibleAccountIds(actor);
        var members = db.AccountMembers.Where(m => visible.Contains(m.AccountId)).Select(m => m.UserId);
        return await db.Users.AsNoTracking().Where(u => actor.IsAdmin || members.Contains(u.Id))
            .OrderBy(u => u.DisplayName).Select(u => new AgentChoice(u.Id, u.DisplayName)).ToListAsync(ct);
    }
}
