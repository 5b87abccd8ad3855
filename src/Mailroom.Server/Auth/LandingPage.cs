using Mailroom.Core.Users;

namespace Mailroom.Server.Auth;

/// <summary>The page each role starts on after signing in: agents work, supervisors watch, administrators set up.</summary>
internal static class LandingPage
{
    public static string For(Role role) => role switch
    {
        Role.Admin => "/",
        Role.Supervisor => "/supervisor",
        _ => "/desktop",
    };
}
