using Mailroom.Core.Mail.Held;

namespace Mailroom.Server.Components.Pages.Supervisor;

/// <summary>Why a message was held, in the supervisor's words.</summary>
public static class HeldWords
{
    public static string Reason(HoldReason reason) => reason switch
    {
        HoldReason.Bounce => "Bounce: a report that our mail was not delivered",
        HoldReason.Automatic => "Automatic mail (auto reply, list, bulk)",
        HoldReason.Spam => "Spam verdict of the receiving server",
        HoldReason.Flood => "Flood: too many mails from one sender",
        HoldReason.Blocked => "Blocked sender",
        _ => reason.ToString(),
    };
}
