using Mailroom.Server.Components.Pages.Desktop;

namespace Mailroom.Server.Tests.Components;

public sealed class LaterChoicesTests
{
    private static readonly DateTime Now = new(2026, 12, 3, 16, 20, 0, DateTimeKind.Utc);
    private static readonly DateTime Morning = new(2026, 12, 4, 8, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(LaterChoices.Hour, "2026-12-03T17:20:00")]
    [InlineData(LaterChoices.FourHours, "2026-12-03T20:20:00")]
    [InlineData(LaterChoices.Morning, "2026-12-04T08:00:00")]
    [InlineData(LaterChoices.ChosenTime, "2026-12-10T09:30:00")]
    public void Resolve_EachChoice_IsItsInstantInUtc(string key, string expected)
    {
        var at = LaterChoices.Resolve(key, Now, Morning, new DateTime(2026, 12, 10, 9, 30, 0, DateTimeKind.Unspecified));

        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), at);
        Assert.Equal(DateTimeKind.Utc, at!.Value.Kind);
    }

    [Theory]
    [InlineData(LaterChoices.ChosenTime)]
    [InlineData("")]
    [InlineData(null)]
    public void Resolve_NoTimeChosen_IsNothing_NeverNow(string? key) => Assert.Null(LaterChoices.Resolve(key, Now, Morning, null));

    [Fact]
    public void Resolve_MorningNotKnownYet_IsNothing() => Assert.Null(LaterChoices.Resolve(LaterChoices.Morning, Now, null, null));

    [Fact]
    public void Times_SayTheMorningInWords() =>
        Assert.Equal("next business morning (Fri 2026-12-04 08:00 UTC)", LaterChoices.Times(Morning).Single(c => c.Key == LaterChoices.Morning).Words);
}
