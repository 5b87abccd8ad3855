namespace Mailroom.Core.Queues;

public sealed record QueueInput
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public RoutingStrategy Strategy { get; init; } = RoutingStrategy.RingAll;
    public int AgentTimeoutSeconds { get; init; } = 30;
    public int Weight { get; init; }
    public IReadOnlyList<QueueMemberInput> Members { get; init; } = [];
    public IReadOnlyList<int> AccountIds { get; init; } = [];
}

public sealed record QueueMemberInput(int UserId, int Priority = 0, int? MaxConcurrent = null);

public sealed record QueueView(int Id, string Name, string? Description, RoutingStrategy Strategy, int AgentTimeoutSeconds,
    int Weight, IReadOnlyList<QueueMemberInput> Members, IReadOnlyList<int> AccountIds)
{
    public static QueueView From(MailQueue q) => new(q.Id, q.Name, q.Description, q.Strategy, q.AgentTimeoutSeconds, q.Weight,
        q.Members.OrderBy(m => m.Priority).Select(m => new QueueMemberInput(m.UserId, m.Priority, m.MaxConcurrent)).ToList(),
        q.Accounts.Select(a => a.AccountId).Order().ToList());
}
