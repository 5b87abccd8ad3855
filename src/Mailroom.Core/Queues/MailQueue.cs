using Mailroom.Core.Accounts;
using Mailroom.Core.Users;

namespace Mailroom.Core.Queues;

/// <summary>
/// A mail queue, also used as a "group": its members receive the interactions routed to it.
/// </summary>
public sealed class MailQueue
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public RoutingStrategy Strategy { get; set; } = RoutingStrategy.RingAll;

    /// <summary>Seconds an offer waits for the agent before it moves on.</summary>
    public int AgentTimeoutSeconds { get; set; } = 30;

    /// <summary>0–10: an agent in several queues gets the waiting interactions of the heavier queue first.</summary>
    public int Weight { get; set; }

    /// <summary>The agent engaged last time, so "rrmemory" can go on with the next one.</summary>
    public int? LastEngagedUserId { get; set; }

    public DateTime CreatedAt { get; set; }

    public List<QueueMember> Members { get; set; } = [];

    /// <summary>The accounts whose interactions this queue may receive (the group's routing rule per account).</summary>
    public List<QueueAccount> Accounts { get; set; } = [];
}

public enum RoutingStrategy
{
    /// <summary>"beepall": every eligible agent at once; the first accept wins.</summary>
    RingAll = 0,

    /// <summary>"rrmemory": the next agent after the one engaged last time.</summary>
    RoundRobinMemory = 1,
    LeastRecent = 2,
    FewestOpen = 3,
    Random = 4,
}

public sealed class QueueMember
{
    public int QueueId { get; set; }
    public MailQueue? Queue { get; set; }
    public int UserId { get; set; }
    public User? User { get; set; }

    /// <summary>Lower first ("who gets tickets first").</summary>
    public int Priority { get; set; }

    /// <summary>Optional cap on concurrent assignments from this queue; null = the agent's own capacity.</summary>
    public int? MaxConcurrent { get; set; }
}

public sealed class QueueAccount
{
    public int QueueId { get; set; }
    public MailQueue? Queue { get; set; }
    public int AccountId { get; set; }
    public EmailAccount? Account { get; set; }
}
