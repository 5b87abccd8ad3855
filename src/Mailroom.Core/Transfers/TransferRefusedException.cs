namespace Mailroom.Core.Transfers;

/// <summary>Why a transfer cannot happen; a batch reports it per interaction, a single transfer answers 409 with it.</summary>
public enum TransferRefusal
{
    /// <summary>The account's transfer settings do not allow this kind of transfer.</summary>
    NotAllowedByAccount,
    NotOpen,
    NoInboundMessage,

    /// <summary>The target agent is offline or paused.</summary>
    AgentNotAvailable,

    /// <summary>The target agent is at their email capacity: said at once instead of an offer that never comes.</summary>
    AgentFull,

    /// <summary>The target agent is not a member of the interaction's account (the "rule channel").</summary>
    AgentNotAllowedOnAccount,

    /// <summary>The target group has no routing rule for the interaction's account.</summary>
    NoRoutingRule,
    AlreadyThere,
}

public sealed class TransferRefusedException(TransferRefusal reason, string message) : Exception(message)
{
    public TransferRefusal Reason { get; } = reason;
}
