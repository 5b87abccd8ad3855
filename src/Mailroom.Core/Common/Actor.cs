using Mailroom.Core.Users;

namespace Mailroom.Core.Common;

/// <summary>Who is asking: every use case checks role and account membership against it.</summary>
public sealed record Actor(int UserId, Role Role)
{
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
