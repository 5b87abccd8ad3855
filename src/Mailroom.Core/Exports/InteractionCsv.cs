using System.Globalization;
using System.Text;
using Mailroom.Core.Interactions;
using Mailroom.Core.Search;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Exports;

/// <summary>
/// The CSV of a list ("download the information about them in a CSV file"): streamed row by row from the
/// database to the response, so an export of any size holds one row in memory.
/// </summary>
public static class InteractionCsv
{
    /// <summary>Column names a supervisor reads in a spreadsheet; names, never database ids.</summary>
    public const string Header = "Interaction,Account,Created (UTC),Last activity (UTC),Status,Closed unmanaged,Sub-status,Disposition,Contact,Contact email,Subject,Agent,Unread,Reopened,Last message,Preview";

    public static async Task WriteAsync(MailroomDb db, IQueryable<Interaction> query, Stream output, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 65536, leaveOpen: true);
        await writer.WriteLineAsync(Header);
        var written = 0;
        await foreach (var r in InteractionRows.Project(db, query.Newest()).AsAsyncEnumerable().WithCancellation(ct))
        {
            await writer.WriteLineAsync(string.Join(',',
                r.Id.ToString(CultureInfo.InvariantCulture), Cell(r.AccountKey), Date(r.CreatedAt), Date(r.LastActivityAt),
                r.Status == InteractionStatus.Open ? "open" : "closed", r.ClosedUnmanaged ? "yes" : "no", Cell(r.SubStatusName), Cell(r.DispositionName),
                Cell(r.Contact), Cell(r.ContactEmail), Cell(r.Subject), Cell(r.AssignedName), r.UnreadCount.ToString(CultureInfo.InvariantCulture),
                r.Reopened ? "yes" : "no", r.LastDirection switch { MessageDirection.Incoming => "from the customer", MessageDirection.Outgoing => "from us", _ => "" },
                Cell(r.Preview)));
            if (++written % 500 == 0)
            {
                await writer.FlushAsync(ct);
            }
        }
    }

    /// <summary>RFC 4180 quoting, and a leading quote for cells a spreadsheet would run as a formula.</summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    private static string Date(DateTime value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
