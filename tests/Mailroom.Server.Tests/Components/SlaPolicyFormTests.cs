using Mailroom.Core.ServiceLevels;
using Mailroom.Server.Components.Pages.Admin;

namespace Mailroom.Server.Tests.Components;

/// <summary>The service-levels editor's mapping between what is typed and what is stored, without a browser.</summary>
public sealed class SlaPolicyFormTests
{
    [Theory]
    [InlineData(4, DurationUnit.Hours, 240)]
    [InlineData(90, DurationUnit.Minutes, 90)]
    [InlineData(0, DurationUnit.Hours, 0)]
    public void ToMinutes_CountsTheUnit(int amount, DurationUnit unit, int minutes) =>
        Assert.Equal(minutes, new SlaTargetForm { Amount = amount, Unit = unit }.ToMinutes());

    [Fact]
    public void ToMinutes_Empty_IsNotMeasured_AndTooManyHoursStayOutOfRange()
    {
        Assert.Null(new SlaTargetForm().ToMinutes());
        Assert.Equal(int.MaxValue, new SlaTargetForm { Amount = int.MaxValue, Unit = DurationUnit.Hours }.ToMinutes());
    }

    [Theory]
    [InlineData(240, 4, DurationUnit.Hours)]
    [InlineData(90, 90, DurationUnit.Minutes)]
    [InlineData(null, null, DurationUnit.Hours)]
    public void From_WholeHoursShowAsHours_OthersAsMinutes(int? minutes, int? amount, DurationUnit unit)
    {
        var target = SlaTargetForm.From(minutes);
        Assert.Equal((amount, unit), (target.Amount, target.Unit));
    }

    [Fact]
    public void FromThenToInput_KeepsEveryField()
    {
        var view = new SlaPolicyView(7, "Gold", 3, 4, 5, 240, 30, null, 80,
            new SlaActionsInput(NotifySupervisors: true), new SlaActionsInput(false, 9, 11, 12));

        var input = SlaPolicyForm.From(view).ToInput();

        Assert.Equal(new SlaPolicyInput("Gold", 3, 4, 5, 240, 30, null, 80, view.AtRisk, view.Breach), input);
    }

    [Fact]
    public void New_StartsAtTheDefaultThreshold_WithNothingMeasured()
    {
        var input = new SlaPolicyForm().ToInput();

        Assert.Equal((75, (int?)null, (int?)null), (input.AtRiskPercent, input.FirstResponseMinutes, input.AccountId));
        Assert.Equal(new SlaActionsInput(), input.AtRisk);
    }
}
