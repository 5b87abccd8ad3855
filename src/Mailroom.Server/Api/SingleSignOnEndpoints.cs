using Mailroom.Core;
using Mailroom.Core.SingleSignOn;
using Mailroom.Server.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Mailroom.Server.Api;

/// <summary>Staff single sign-on: the browser's way to the company's identity provider, and the groups table.</summary>
internal static class SingleSignOnEndpoints
{
    public sealed record SsoGroupsInput(IReadOnlyList<SsoGroupMappingInput>? Groups);

    public sealed record SsoSettingsView(bool Enabled, string? Authority, string DisplayName, string GroupsClaim, IReadOnlyList<SsoGroupMappingView> Groups);

    /// <summary>Before anyone is signed in.</summary>
    public static void MapSingleSignOnStart(this RouteGroupBuilder api) =>
        api.MapGet("/auth/sso", Challenge).WithTags("Sign-in")
            .WithName("startSingleSignOn").WithSummary("Send the browser to the company's identity provider to sign in; it comes back signed in to returnUrl")
            .Produces(Status302Found).ProducesProblem(Status404NotFound);

    public static void MapSingleSignOnEndpoints(this RouteGroupBuilder api)
    {
        var settings = api.MapGroup("/settings/single-sign-on").WithTags("Single sign-on").ProducesProblem(Status403Forbidden);
        settings.MapGet("", async (HttpContext h, MailroomOptions options, SsoGroupMappings groups, CancellationToken ct) =>
            TypedResults.Ok(View(options.Sso, await groups.ListAsync(h.User.Actor(), ct))))
            .WithName("getSingleSignOn").WithSummary("Whether staff can sign in with the identity provider, and what its groups give (administrators)");
        settings.MapPut("/groups", async (SsoGroupsInput input, HttpContext h, MailroomOptions options, SsoGroupMappings groups, CancellationToken ct) =>
            TypedResults.Ok(View(options.Sso, await groups.ReplaceAsync(h.User.Actor(), input.Groups, ct))))
            .WithName("updateSingleSignOnGroups").WithSummary("Replace the table of groups and the role and accounts each gives (administrators)")
            .ProducesValidationProblem();
    }

    private static IResult Challenge(string? returnUrl, MailroomOptions options) => options.Sso.Enabled
        ? TypedResults.Challenge(new AuthenticationProperties { RedirectUri = AuthEndpoints.LocalPath(returnUrl) }, [SingleSignOnSetup.Scheme])
        : TypedResults.Problem(statusCode: Status404NotFound, title: "Single sign-on is not set up.",
            detail: "Sign in with your email and password, or ask IT to set Mailroom:Sso (see docs/DEPLOY.md).");

    private static SsoSettingsView View(SsoOptions sso, IReadOnlyList<SsoGroupMappingView> groups) =>
        new(sso.Enabled, sso.Authority, sso.DisplayName, sso.GroupsClaim, groups);
}
