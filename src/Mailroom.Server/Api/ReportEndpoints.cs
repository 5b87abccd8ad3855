using Mailroom.Core.Reports;
using Mailroom.Server.Auth;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Mailroom.Server.Api;

/// <summary>Reports over a period: the figures as JSON for the charts, and the same as CSV for a spreadsheet.</summary>
internal static class ReportEndpoints
{
    public static void MapReportEndpoints(this RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/reports").WithTags("Reports");
        reports.MapGet("/interactions", async (DateTime from, DateTime to, string? accounts, HttpContext h, InteractionReports run, CancellationToken ct) =>
            TypedResults.Ok(await run.RunAsync(h.User.Actor(), Request(from, to, accounts), ct)))
            .WithName("reportInteractions").WithSummary("Interaction figures from ?from= to ?to=, for the ?accounts=1,2 the caller may see")
            .ProducesValidationProblem();
        reports.MapGet("/interactions.csv", async (DateTime from, DateTime to, string? accounts, HttpContext h, InteractionReports run, CancellationToken ct) =>
            TypedResults.Text(InteractionReports.ToCsv(await run.RunAsync(h.User.Actor(), Request(from, to, accounts), ct)), ExportEndpoints.Csv))
            .WithName("reportInteractionsCsv").WithSummary("The interaction report as CSV").Produces<string>(Status200OK, ExportEndpoints.CsvMediaType).ProducesValidationProblem();
        reports.MapGet("/service-levels", async (DateTime from, DateTime to, string? accounts, HttpContext h, ServiceLevelReports run, CancellationToken ct) =>
            TypedResults.Ok(await run.RunAsync(h.User.Actor(), Request(from, to, accounts), ct)))
            .WithName("reportServiceLevels").WithSummary("Service level from ?from= to ?to=: targets met in time, offers and how they ended, the open backlog's age")
            .ProducesValidationProblem();
        reports.MapGet("/service-levels.csv", async (DateTime from, DateTime to, string? accounts, HttpContext h, ServiceLevelReports run, CancellationToken ct) =>
            TypedResults.Text(ServiceLevelReports.ToCsv(await run.RunAsync(h.User.Actor(), Request(from, to, accounts), ct)), ExportEndpoints.Csv))
            .WithName("reportServiceLevelsCsv").WithSummary("The service-level report as CSV, one row per account")
            .Produces<string>(Status200OK, ExportEndpoints.CsvMediaType).ProducesValidationProblem();
    }

    private static ReportRequest Request(DateTime from, DateTime to, string? accounts) =>
        new(Utc(from), Utc(to), IdList.Parse(accounts, "accounts")?.Select(a => (int)a).ToList());

    private static DateTime Utc(DateTime d) => d.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : d.ToUniversalTime();
}
