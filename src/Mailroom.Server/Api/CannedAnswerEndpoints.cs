using Mailroom.Core.CannedAnswers;
using Mailroom.Core.Templates;
using Mailroom.Server.Auth;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Mailroom.Server.Api;

/// <summary>Canned answers: administrators keep them; agents get the merged list of an interaction and a rendered one.</summary>
internal static class CannedAnswerEndpoints
{
    public static void MapCannedAnswerEndpoints(this RouteGroupBuilder api)
    {
        var answers = api.MapGroup("/canned-answers").WithTags("Canned answers").ProducesProblem(Status403Forbidden);
        answers.MapGet("", async (int? accountId, HttpContext h, CannedAnswerCatalog c, CancellationToken ct) =>
            TypedResults.Ok(await c.ListAsync(h.User.Actor(), accountId, ct)))
            .WithName("listCannedAnswers").WithSummary("All canned answers, or the general ones and those of ?accountId= (administrators)")
            .ProducesProblem(Status400BadRequest);
        answers.MapPost("", async (CannedAnswerInput input, HttpContext h, CannedAnswerCatalog c, CancellationToken ct) =>
        {
            var answer = await c.CreateAsync(h.User.Actor(), input, ct);
            return TypedResults.Created($"/api/canned-answers/{answer.Id}", answer);
        }).WithName("createCannedAnswer").WithSummary("Create a canned answer");
        answers.MapPut("/{id:int}", async (int id, CannedAnswerInput input, HttpContext h, CannedAnswerCatalog c, CancellationToken ct) =>
            TypedResults.Ok(await c.UpdateAsync(h.User.Actor(), id, input, ct)))
            .WithName("updateCannedAnswer").WithSummary("Change a canned answer").ProducesProblem(Status404NotFound);
        answers.MapDelete("/{id:int}", async (int id, HttpContext h, CannedAnswerCatalog c, CancellationToken ct) =>
        {
            await c.DeleteAsync(h.User.Actor(), id, ct);
            return TypedResults.NoContent();
        }).WithName("deleteCannedAnswer").WithSummary("Delete a canned answer").ProducesProblem(Status404NotFound);

        var forInteraction = api.MapGroup("/interactions/{id:long}/canned-answers").WithTags("Canned answers").ProducesProblem(Status404NotFound);
        forInteraction.MapGet("", async (long id, HttpContext h, CannedAnswersForInteraction c, CancellationToken ct) =>
            TypedResults.Ok(await c.ListAsync(h.User.Actor(), id, ct)))
            .WithName("listCannedAnswersForInteraction").WithSummary("The canned answers an agent may use on this interaction");
        forInteraction.MapGet("/{answerId:int}/rendered", async (long id, int answerId, QueryEnum<TemplateOutput>? format, HttpContext h,
            CannedAnswersForInteraction c, CancellationToken ct) =>
            TypedResults.Ok(await c.RenderAsync(h.User.Actor(), id, answerId, format?.Value ?? TemplateOutput.Html, ct)))
            .WithName("renderCannedAnswer").WithSummary("A canned answer filled in for this interaction, as ?format=html (default) or text")
            .ProducesProblem(Status400BadRequest);
    }
}
