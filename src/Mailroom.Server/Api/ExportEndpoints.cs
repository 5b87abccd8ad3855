using Mailroom.Core.Audit;
using Mailroom.Core.Exports;
using Mailroom.Core.Search;
using Mailroom.Core.Storage;
using Mailroom.Server.Auth;
using Mailroom.Server.Media;
using Microsoft.EntityFrameworkCore;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Mailroom.Server.Api;

/// <summary>What leaves Mailroom as a file: CSV of lists and searches, an interaction as a zip of .eml files or a PDF transcript.</summary>
internal static class ExportEndpoints
{
    public static void MapExportEndpoints(this RouteGroupBuilder api)
    {
        var interactions = api.MapGroup("/interactions").WithTags("Exports");

        // The list's filters, or a selection (?ids=1,2,3) within what the actor may see; streamed as it is read.
        interactions.MapGet("/export.csv", async ([AsParameters] ListQuery list, string? ids, HttpContext h, MailroomDb db, InteractionFinder finder,
            CancellationToken ct) =>
        {
            var query = await finder.FilterAsync(h.User.Actor(), list.ToFilter(), ct, everything: true);
            var selected = IdList.Parse(ids, "ids");
            if (selected is not null)
            {
                query = query.Where(i => selected.Contains(i.Id));
            }

            await StreamCsvAsync(h, db, query, ct);
        }).WithName("exportInteractionsCsv").WithSummary("The interaction list's filters, or a selection (?ids=1,2,3), as CSV").WithResponseHeader(RowCountHeader, RowCountDescription)
            .Produces<string>(Status200OK, CsvMediaType).ProducesValidationProblem();
        api.MapPost("/search/export.csv", async (AdvancedSearch body, HttpContext h, MailroomDb db, AdvancedSearchQuery advanced, CancellationToken ct) =>
            await StreamCsvAsync(h, db, await advanced.BuildAsync(h.User.Actor(), body with { Page = 0, PageSize = 200 }, ct), ct)).WithTags("Exports")
            .WithName("exportSearchCsv").WithSummary("An advanced search's results as CSV").WithResponseHeader(RowCountHeader, RowCountDescription).Produces<string>(Status200OK, CsvMediaType);

        interactions.MapGet("/{id:long}/download.zip", async (long id, bool? attachments, HttpContext h, InteractionArchive archive, CancellationToken ct) =>
        {
            // Access is checked before the first byte, so a 404 is still a clean ProblemDetails answer.
            await using var buffer = new MemoryStream();
            await archive.WriteAsync(h.User.Actor(), id, attachments ?? true, buffer, ct);
            SafeDownload.Protect(h.Response);
            return TypedResults.File(buffer.ToArray(), "application/zip", $"interaction-{id}{(attachments ?? true ? "" : "-without-attachments")}.zip");
        }).WithName("downloadInteractionZip").WithSummary("An interaction's messages as .eml files in a zip, ?attachments=false without their files")
            .Produces<Stream>(Status200OK, "application/zip").ProducesProblems(Status400BadRequest, Status404NotFound);
        interactions.MapGet("/{id:long}/transcript.pdf", async (long id, bool? attachments, HttpContext h, InteractionTranscript transcript, CancellationToken ct) =>
        {
            await using var buffer = new MemoryStream();
            await transcript.WriteAsync(h.User.Actor(), id, attachments ?? true, buffer, ct);
            SafeDownload.Protect(h.Response);
            return TypedResults.File(buffer.ToArray(), "application/pdf", $"interaction-{id}.pdf");
        }).WithName("downloadInteractionTranscript").WithSummary("An interaction's transcript as PDF, ?attachments=false without the list of its files")
            .Produces<Stream>(Status200OK, "application/pdf").ProducesProblems(Status400BadRequest, Status404NotFound);


    }

    /// <summary>How many rows the CSV will hold, sent ahead so a browser can show the download's progress in percent.</summary>
    public const string RowCountHeader = "X-Row-Count";

    private const string RowCountDescription = "How many rows the CSV holds, sent before them so a download can show its progress.";

    internal const string CsvMediaType = "text/csv";

    internal const string Csv = CsvMediaType + "; charset=utf-8";

    private static async Task StreamCsvAsync(HttpContext h, MailroomDb db, IQueryable<Core.Interactions.Interaction> query, CancellationToken ct)
    {
        // One COUNT over the same filtered query: far cheaper than the rows themselves, and the body cannot say it before the end.
        var rows = await query.CountAsync(ct);
        h.Response.Headers[RowCountHeader] = rows.ToString(System.Globalization.CultureInfo.InvariantCulture);
        db.Audit(h.User.Actor(), "exported", "interactions list", $"CSV of {rows} interactions", h.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, h.Connection.RemoteIpAddress?.ToString());
        await db.SaveChangesAsync(ct);
        h.Response.ContentType = Csv;
        h.Response.Headers.ContentDisposition = "attachment; filename=\"interactions.csv\"";
        await InteractionCsv.WriteAsync(db, query, h.Response.Body, ct);
    }
}
