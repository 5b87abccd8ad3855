using Mailroom.Core.TwoFactor;
using Mailroom.Server.Auth;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Mailroom.Server.Api;

/// <summary>Two-factor sign-in: one's own set-up, an administrator's reset of someone else's, and which roles must have it.</summary>
internal static class TwoFactorEndpoints
{
    public sealed record CodeInput(string? Code);

    public sealed record RecoveryCodesView(IReadOnlyList<string> RecoveryCodes);

    public static void MapTwoFactorEndpoints(this RouteGroupBuilder api)
    {
        var mine = api.MapGroup("/me/two-factor").WithTags("Two-factor sign-in");
        mine.MapGet("", async (HttpContext h, TwoFactorEnrolment c, CancellationToken ct) => TypedResults.Ok(await c.StatusAsync(h.User.Actor(), ct)))
            .WithName("getTwoFactor").WithSummary("Whether the caller signs in with a second factor, and whether their role must");
        mine.MapPost("", async (HttpContext h, TwoFactorEnrolment c, CancellationToken ct) => TypedResults.Ok(await c.BeginAsync(h.User.Actor(), ct)))
            .WithName("beginTwoFactor").WithSummary("Start the set-up: a new secret for the authenticator app").ProducesProblem(Status409Conflict);
        mine.MapPost("/confirm", async (CodeInput input, HttpContext h, TwoFactorEnrolment c, CancellationToken ct) =>
            TypedResults.Ok(new RecoveryCodesView(await c.ConfirmAsync(h.User.Actor(), input.Code, ct))))
            .WithName("confirmTwoFactor").WithSummary("Confirm with the app's first code: two-factor is on; the answer holds the recovery codes, once")
            .ProducesProblem(Status409Conflict);
        mine.MapPost("/off", async (CodeInput input, HttpContext h, TwoFactorEnrolment c, CancellationToken ct) =>
        {
            var actor = h.User.Actor();
            await c.DisableAsync(actor, actor.UserId, input.Code, ct);
            return TypedResults.NoContent();
        }).WithName("turnOffTwoFactor").WithSummary("Turn it off, with a current code or a recovery code");

        api.MapDelete("/users/{id:int}/two-factor", async (int id, HttpContext h, TwoFactorEnrolment c, CancellationToken ct) =>
        {
            await c.DisableAsync(h.User.Actor(), id, null, ct);
            return TypedResults.NoContent();
        }).WithTags("Two-factor sign-in").WithName("resetTwoFactor")
            .WithSummary("Reset someone's two-factor sign-in (administrators; for a lost phone: they are signed out everywhere)")
            .ProducesProblems(Status403Forbidden, Status404NotFound);

        var policy = api.MapGroup("/settings/two-factor").WithTags("Two-factor sign-in").ProducesProblem(Status403Forbidden);
        policy.MapGet("", async (HttpContext h, TwoFactorPolicies c, CancellationToken ct) => TypedResults.Ok(await c.ViewAsync(h.User.Actor(), ct)))
            .WithName("getTwoFactorPolicy").WithSummary("Which roles must sign in with a second factor (administrators)");
        policy.MapPut("", async (TwoFactorPolicyInput input, HttpContext h, TwoFactorPolicies c, CancellationToken ct) =>
            TypedResults.Ok(await c.UpdateAsync(h.User.Actor(), input, ct)))
            .WithName("updateTwoFactorPolicy").WithSummary("Require a second factor of agents, supervisors and/or administrators");
    }
}
