namespace Mailroom.Core.Routing;

/// <summary>
/// Where an interaction stands in routing, one row per interaction. Its <see cref="DueAt"/> is a timer: the
/// <see cref="RoutingTimerWorker"/> of any instance moves it on, so a restart or a second instance loses nothing.
/// </summary>
public sealed class RoutingTask
{
    public long InteractionId { get; set; }

    /// <summary>The queue this step is bound to; null = the queues serving the interaction's account.</summary>
    public int? QueueId { get; set; }

    public RoutingStep Step { get; set; } = RoutingStep.Queue;
    public RoutingState State { get; set; } = RoutingState.Waiting;

    /// <summary>When the step (or the wait for a new round) runs out; null = wait for an eligible agent.</summary>
    public DateTime? DueAt { get; set; }

    /// <summary>The owner a new message first waits for ("Wait for the Assigned Agent").</summary>
    public int? StickyUserId { get; set; }

    /// <summary>The sender an offered transfer returns to, unread, when nobody accepts it in time.</summary>
    public int? ReturnToUserId { get; set; }

    /// <summary>The action plan step being run, while the task is in one.</summary>
    public int? PlanPosition { get; set; }

    public int Round { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Two instances moving the same task on collide on it; the loser drops its work.</summary>
    public int Version { get; set; }
}

public enum RoutingStep
{
    /// <summary>Offered to the agent who owns the interaction only.</summary>
    StickyAgent = 0,

    /// <summary>Offered in the owner's queue only.</summary>
    StickyQueue = 1,

    /// <summary>Normal routing in the queues serving the account (no plan, or the plan ran out).</summary>
    Queue = 2,

    /// <summary>An action plan's Queue step: offered in that queue until the step's timeout.</summary>
    PlanQueue = 3,

    /// <summary>An action plan's Agent step: offered to that agent until the step's timeout.</summary>
    PlanAgent = 4,

    /// <summary>A transfer to a queue: offered there until the account's queue-transfer timeout, then back to the sender.</summary>
    TransferQueue = 5,

    /// <summary>A transfer to an agent: offered to that agent until the account's agent-transfer timeout, then back.</summary>
    TransferAgent = 6,
}

public enum RoutingState
{
    Offering = 0,
    Waiting = 1,
    Done = 2,
}
