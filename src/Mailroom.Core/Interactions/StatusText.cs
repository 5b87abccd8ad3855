namespace Mailroom.Core.Interactions;

/// <summary>The status as the agent reads it: Open, Open - Pending, Closed, Closed Unmanaged.</summary>
public static class StatusText
{
    public static string Of(InteractionStatus status, bool closedUnmanaged, string? subStatus) => status switch
    {
        InteractionStatus.Closed => closedUnmanaged ? "Closed Unmanaged" : "Closed",
        _ => subStatus is null ? "Open" : $"Open - {subStatus}",
    };
}
