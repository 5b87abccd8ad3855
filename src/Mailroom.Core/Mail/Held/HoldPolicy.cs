namespace Mailroom.Core.Mail.Held;

/// <summary>
/// Flood / loop protection: more than <see cref="FloodLimit"/> messages from one sender to one account within
/// <see cref="FloodWindow"/> is not a person writing (an auto-responder loop, a broken script); the rest is held
/// until <see cref="FloodHold"/> has passed since the last of it (a loop that keeps going stays held).
/// </summary>
public static class HoldPolicy
{
    public const int FloodLimit = 10;
    public static readonly TimeSpan FloodWindow = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan FloodHold = TimeSpan.FromHours(1);
}
