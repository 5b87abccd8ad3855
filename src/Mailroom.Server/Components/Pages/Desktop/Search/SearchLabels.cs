using Mailroom.Core.Search;

namespace Mailroom.Server.Components.Pages.Desktop.Search;

/// <summary>Words for the advanced search's fields and operators; the API keeps the short names.</summary>
internal static class SearchLabels
{
    private static readonly Dictionary<string, string> Fields = new()
    {
        ["id"] = "Interaction id",
        ["subject"] = "Subject",
        ["messageText"] = "Message text",
        ["status"] = "Status",
        ["account"] = "Account key",
        ["contactEmail"] = "Contact email",
        ["contactFirstName"] = "Contact first name",
        ["contactLastName"] = "Contact last name",
        ["agent"] = "Agent name",
        ["agentId"] = "Agent id",
        ["firstAgentId"] = "First agent id",
        ["queueId"] = "Queue id",
        ["subStatusId"] = "Sub-status id",
        ["dispositionId"] = "Disposition id",
        ["unreadCount"] = "Unread messages",
        ["reopened"] = "Reopened",
        ["createdAt"] = "Started",
        ["lastActivityAt"] = "Last activity",
        ["firstResponseAt"] = "First response",
        ["closedAt"] = "Closed",
    };

    private static readonly Dictionary<string, string> Operators = new()
    {
        [SearchOperators.EqualsOp] = "equals",
        [SearchOperators.NotEquals] = "does not equal",
        [SearchOperators.Contains] = "contains",
        [SearchOperators.StartsWith] = "starts with",
        [SearchOperators.EndsWith] = "ends with",
        [SearchOperators.GreaterThan] = "is after / above",
        [SearchOperators.LessThan] = "is before / below",
        [SearchOperators.IsEmpty] = "is empty",
    };

    public static string Field(string name) => Fields.GetValueOrDefault(name, name);

    public static string Operator(string name) => Operators.GetValueOrDefault(name, name);
}
