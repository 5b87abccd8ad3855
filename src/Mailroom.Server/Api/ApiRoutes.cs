namespace Mailroom.Server.Api;

internal static class ApiRoutes
{
    /// <summary>One group per feature under <c>/api</c>; every group but sign-in requires a signed-in user.</summary>
    public static void MapMailroomApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").DeclareProblemsOfItsShape();
        api.MapAuthEndpoints();
        api.MapSingleSignOnStart();
        app.MapOAuthSignInEndpoints();
        var secured = api.MapGroup("").RequireSignIn();
        secured.MapUserEndpoints();
        secured.MapAccountEndpoints();
        secured.MapOAuthAppEndpoints();
        secured.MapQueueEndpoints();
        secured.MapContactEndpoints();
        secured.MapTransferEndpoints();
        secured.MapInteractionEndpoints();
        secured.MapSearchEndpoints();
        secured.MapExportEndpoints();
        secured.MapReportEndpoints();
        secured.MapOutboundEndpoints();
        secured.MapInboundEndpoints();
        secured.MapRoutingEndpoints();
        secured.MapNoteEndpoints();
        secured.MapTagEndpoints();
        secured.MapSkillEndpoints();
        secured.MapTwoFactorEndpoints();
        secured.MapSingleSignOnEndpoints();
        secured.MapAuditEndpoints();
        secured.MapSubStatusEndpoints();
        secured.MapDraftEndpoints();
        secured.MapDispositionEndpoints();
        secured.MapClosingEndpoints();
        secured.MapCannedAnswerEndpoints();
        secured.MapJourneyEndpoints();
        secured.MapSettingsEndpoints();
        secured.MapSetupEndpoints();
        secured.MapServiceLevelEndpoints();
        secured.MapParkingEndpoints();
    }
}
