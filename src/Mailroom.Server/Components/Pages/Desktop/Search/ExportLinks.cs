using System.Globalization;
using Mailroom.Core.Search;

namespace Mailroom.Server.Components.Pages.Desktop.Search;

/// <summary>The export endpoints' addresses, built from what the list shows (see Api/ExportEndpoints).</summary>
internal static class ExportLinks
{
    public const string AdvancedSearchCsv = "/api/search/export.csv";

    /// <summary>The CSV of the filtered list, or of just <paramref name="ids"/> within it.</summary>
    public static string ListCsv(InteractionFilter filter, IEnumerable<long>? ids = null)
    {
        var query = new List<string>();
        void Add(string name, object? value)
        {
            if (value is not null)
            {
                query.Add(name + "=" + Uri.EscapeDataString(Convert.ToString(value, CultureInfo.InvariantCulture)!));
            }
        }

        Add("accountId", filter.AccountId);
        Add("scope", filter.Scope);
        Add("status", filter.Status);
        Add("unread", filter.Unread?.ToString().ToLowerInvariant());
        Add("q", filter.Query);
        Add("from", filter.StartedFrom?.ToString("o", CultureInfo.InvariantCulture));
        Add("to", filter.StartedTo?.ToString("o", CultureInfo.InvariantCulture));
        Add("agentId", filter.AgentId);
        foreach (var tag in filter.TagIds ?? [])
        {
            Add("tags", tag);
        }

        Add("ids", ids is null ? null : string.Join(',', ids));
        return "/api/interactions/export.csv?" + string.Join('&', query);
    }

    public static string Zip(long id, bool attachments) => $"/api/interactions/{id}/download.zip?attachments={(attachments ? "true" : "false")}";

    public static string Transcript(long id, bool attachments) => $"/api/interactions/{id}/transcript.pdf?attachments={(attachments ? "true" : "false")}";
}
