using Mailroom.Core.ServiceLevels;
using Mailroom.Server.Components.Shared;

namespace Mailroom.Server.Components.Pages.Admin;

/// <summary>How the service-levels table reads a policy: durations, names and actions, never minutes counts or ids.</summary>
public static class SlaPolicyWords
{
    /// <summary>"30 min", "4 h", "1 h 30 min" (<see cref="ServiceLevelWords"/>); a target left empty is not measured.</summary>
    public static string Duration(int? minutes) => minutes is int m ? ServiceLevelWords.Duration(TimeSpan.FromMinutes(m)) : "not measured";

    /// <summary>Which interactions the policy measures: an account's, a queue's in every account, both, or every account's.</summary>
    public static string AppliesTo(string? account, string? queue) => (account, queue) switch
    {
        ({ } a, { } q) => $"{a}, queue {q}",
        ({ } a, null) => a,
        (null, { } q) => $"queue {q} in all accounts",
        _ => "all accounts",
    };

    public static string WorkingHours(string? interval) => interval ?? "around the clock";

    /// <summary>"notify supervisors, priority 5, to queue Billing, tag VIP", or "nothing".</summary>
    public static string Actions(SlaActionsInput actions, Func<int, string> queueName, Func<int, string> tagName)
    {
        var words = new List<string>();
        if (actions.NotifySupervisors)
        {
            words.Add("notify supervisors");
        }

        if (actions.RaisePriorityTo is { } priority)
        {
            words.Add($"priority {priority}");
        }

        if (actions.OverflowQueueId is { } queue)
        {
            words.Add($"to queue {queueName(queue)}");
        }

        if (actions.TagId is { } tag)
        {
            words.Add($"tag {tagName(tag)}");
        }

        return words.Count == 0 ? "nothing" : string.Join(", ", words);
    }
}
