using Mailroom.Core.ServiceLevels;

namespace Mailroom.Server.Components.Pages.Admin;

/// <summary>The service-level policy editor's state: what the supervisor types, turned into the use case's input on save.</summary>
public sealed class SlaPolicyForm
{
    public string Name { get; set; } = "";
    public int? AccountId { get; set; }
    public int? QueueId { get; set; }
    public int? IntervalId { get; set; }
    public SlaTargetForm FirstResponse { get; set; } = new();
    public SlaTargetForm NextResponse { get; set; } = new();
    public SlaTargetForm Resolution { get; set; } = new();
    public int? AtRiskPercent { get; set; } = 75;
    public SlaActionsForm AtRisk { get; set; } = new();
    public SlaActionsForm Breach { get; set; } = new();

    public static SlaPolicyForm From(SlaPolicyView view) => new()
    {
        Name = view.Name,
        AccountId = view.AccountId,
        QueueId = view.QueueId,
        IntervalId = view.IntervalId,
        FirstResponse = SlaTargetForm.From(view.FirstResponseMinutes),
        NextResponse = SlaTargetForm.From(view.NextResponseMinutes),
        Resolution = SlaTargetForm.From(view.ResolutionMinutes),
        AtRiskPercent = view.AtRiskPercent,
        AtRisk = SlaActionsForm.From(view.AtRisk),
        Breach = SlaActionsForm.From(view.Breach),
    };

    public SlaPolicyInput ToInput() => new(Name, AccountId, QueueId, IntervalId, FirstResponse.ToMinutes(), NextResponse.ToMinutes(),
        Resolution.ToMinutes(), AtRiskPercent, AtRisk.ToInput(), Breach.ToInput());
}

public enum DurationUnit
{
    Minutes = 0,
    Hours = 1,
}

/// <summary>A target as typed: a number and its unit. Stored in minutes; an empty number is not measured.</summary>
public sealed class SlaTargetForm
{
    public int? Amount { get; set; }
    public DurationUnit Unit { get; set; } = DurationUnit.Hours;

    /// <summary>Whole hours come back as hours ("4 h", not "240 min"), anything else as minutes.</summary>
    public static SlaTargetForm From(int? minutes) => minutes switch
    {
        null => new(),
        var m when m % 60 == 0 => new() { Amount = m / 60, Unit = DurationUnit.Hours },
        var m => new() { Amount = m, Unit = DurationUnit.Minutes },
    };

    /// <summary>Too many hours to count in minutes become the largest number, which the save refuses with its limit.</summary>
    public int? ToMinutes() => Amount is not { } amount ? null
        : Unit == DurationUnit.Hours ? (int)Math.Clamp(amount * 60L, int.MinValue, int.MaxValue)
        : amount;
}

/// <summary>What happens at "at risk" or at the breach, as the checkbox and selects hold it.</summary>
public sealed class SlaActionsForm
{
    public bool NotifySupervisors { get; set; }
    public int? RaisePriorityTo { get; set; }
    public int? OverflowQueueId { get; set; }
    public int? TagId { get; set; }

    public static SlaActionsForm From(SlaActionsInput a) =>
        new() { NotifySupervisors = a.NotifySupervisors, RaisePriorityTo = a.RaisePriorityTo, OverflowQueueId = a.OverflowQueueId, TagId = a.TagId };

    public SlaActionsInput ToInput() => new(NotifySupervisors, RaisePriorityTo, OverflowQueueId, TagId);
}
