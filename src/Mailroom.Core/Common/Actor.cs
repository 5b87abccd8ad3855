using Mailroom.Core.Users;

namespace Mailroom.Core.Common;

/// <summary>Who is asking: every use case checks role and account membership against it.</summary>
public sealed record Actor(int UserId, Role Role)
{
    /// <summary>Mailroom itself (an action plan's auto reply): sees every account, is nobody in history.</summary>
    public static readonly Actor System = new(0, Role.Admin);

    /// <summary>The user to record as author; null for <see cref="System"/>.</summary>
    public int? PersonId => this == System ? null : UserId;

    public bool IsAdmin => Role == Role.Admin;

    public bool IsSupervisorOrAdmin => Role is Role.Supervisor or Role.Admin;

    public void RequireAdmin()
    {
        if (!IsAdmin)
        {
            throw new ForbiddenException("Only an administrator may do this.");
        }
    }

    public void RequireSupervisor()
    {
        if (!IsSupervisorOrAdmin)
        {
            throw new ForbiddenException("Only a supervisor or an administrator may do this.");
        }
    }
}
