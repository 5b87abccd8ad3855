using Mailroom.Core.ServiceLevels;
using Mailroom.Server.Components.Pages.Admin;

namespace Mailroom.Server.Tests.Components;

public sealed class SlaPolicyWordsTests
{
    [Theory]
    [InlineData(30, "30 min")]
    [InlineData(240, "4 h")]
    [InlineData(90, "1 h 30 min")]
    [InlineData(null, "not measured")]
    public void Duration_ReadsAsHoursAndMinutes(int? minutes, string words) => Assert.Equal(words, SlaPolicyWords.Duration(minutes));

    [Theory]
    [InlineData("ACME", null, "ACME")]
    [InlineData(null, "Billing", "queue Billing in all accounts")]
    [InlineData("ACME", "Billing", "ACME, queue Billing")]
    [InlineData(null, null, "all accounts")]
    public void AppliesTo_NamesAccountAndQueue(string? account, string? queue, string words) =>
        Assert.Equal(words, SlaPolicyWords.AppliesTo(account, queue));

    [Fact]
    public void Actions_NameQueuesAndTags_NeverTheirIds()
    {
        var actions = new SlaActionsInput(NotifySupervisors: true, RaisePriorityTo: 5, OverflowQueueId: 3, TagId: 4);

        Assert.Equal("notify supervisors, priority 5, to queue Billing, tag VIP", SlaPolicyWords.Actions(actions, _ => "Billing", _ => "VIP"));
        Assert.Equal("nothing", SlaPolicyWords.Actions(new SlaActionsInput(), _ => "", _ => ""));
    }
}
