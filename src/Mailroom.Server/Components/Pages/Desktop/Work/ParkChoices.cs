using Mailroom.Core.Parking;
using Mailroom.Server.Components.Shared;

namespace Mailroom.Server.Components.Pages.Desktop.Work;

/// <summary>One way to park, as the agent picks it: its key in the select and its words.</summary>
public sealed record ParkChoice(string Key, string Words);

/// <summary>
/// The park menu: an hour, four hours, the account's next business morning, until the customer writes, or a
/// time the agent chooses (UTC, as every time on the desktop). Turns the pick into what the use case takes.
/// </summary>
public static class ParkChoices
{
    public const string Hour = "1h";
    public const string FourHours = "4h";
    public const string Morning = "morning";
    public const string CustomerWrites = "reply";
    public const string ChosenTime = "at";

    public static IReadOnlyList<ParkChoice> For(DateTime morning) =>
    [
        new(Hour, "for 1 hour"),
        new(FourHours, "for 4 hours"),
        new(Morning, $"until the next business morning ({morning:ddd} {RelativeTime.Exact(morning)})"),
        new(CustomerWrites, "until the customer writes"),
        new(ChosenTime, "until a time I choose (UTC)"),
    ];

    /// <summary>Null for an unknown key; a chosen time is taken as UTC, as the desktop shows every time.</summary>
    public static ParkInput? Input(string? key, DateTime now, DateTime morning, DateTime? chosen) => key switch
    {
        Hour => new ParkInput(now.AddHours(1)),
        FourHours => new ParkInput(now.AddHours(4)),
        Morning => new ParkInput(morning),
        CustomerWrites => new ParkInput(null, UntilCustomerWrites: true),
        ChosenTime => new ParkInput(chosen is { } at ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : null),
        _ => null,
    };
}
