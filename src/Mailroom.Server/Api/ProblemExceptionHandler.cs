using System.Text.Json;
using Mailroom.Core.Common;
using Mailroom.Core.Storage;
using Mailroom.Core.Transfers;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Mailroom.Server.Api;

/// <summary>Turns the use cases' exceptions into ProblemDetails, so bad input is a 400 naming the field, never a 500.</summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, StorageAlarm storage) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails? problem = exception switch
        {
            ValidationFailedException v => new HttpValidationProblemDetails(v.Errors.ToDictionary(e => e.Key, e => e.Value))
            {
                Status = 400,
                Title = "Some fields are not valid.",
                Detail = string.Join(" ", v.Errors.SelectMany(e => e.Value)),
            },
            BadHttpRequestException { InnerException: JsonException json } => JsonProblem(json),
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "The request is not valid.", Detail = bad.Message },
            NotFoundException nf => new ProblemDetails { Status = 404, Title = "Not found.", Detail = nf.Message },
            ForbiddenException f => new ProblemDetails { Status = 403, Title = "Not allowed.", Detail = f.Message },
            ConflictException c => new ProblemDetails { Status = 409, Title = "Conflict.", Detail = c.Message },
            TransferRefusedException r => new ProblemDetails
            {
                Status = 409,
                Title = "The transfer cannot happen.",
                Detail = r.Message,
                Extensions = { ["reason"] = TransferToGroup.Reason(r) },
            },
            // Not the caller's fault and nothing lost: 503, so clients retry, and the administrators see why.
            _ when StorageFull.Is(exception) => new ProblemDetails
            {
                Status = 503,
                Title = "Storage full.",
                Detail = "Mailroom's disk is full, so nothing could be saved. An administrator must free space; then try again.",
            },
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        if (problem.Status == 503)
        {
            // The set-up checklist tells the administrators which request found the disk full.
            storage.Raise($"saving {http.Request.Method} {http.Request.Path}");
        }

        http.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    // "$.imap.port" -> "imap.port": the same field names the validators use.
    private static HttpValidationProblemDetails JsonProblem(JsonException json)
    {
        var field = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "body" : json.Path.TrimStart('$', '.');
        var message = $"{field} has a value of the wrong type or format.";
        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = 400,
            Title = "The request body is not valid JSON for this operation.",
            Detail = message,
        };
    }
}
