using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.Core.Routing;
using Mailroom.Core.Storage;
using Mailroom.Server.Tests.Transfers;
using Mailroom.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using static Mailroom.Server.Tests.Transfers.TransferApi;

namespace Mailroom.Server.Tests.Work;

/// <summary>Who may answer an interaction, and reading that does not get in the way of a transfer.</summary>
public sealed class OwnershipApiTests : IClassFixture<TransferToAccountTests.App>
{
    private readonly MailroomApp _server;

    public OwnershipApiTests(TransferToAccountTests.App app) => _server = app.Server;

    [Fact]
    public async Task Reply_ByAColleagueOfTheOwner_Answers403AndSendsNothing()
    {
        var (account, (ownerId, owner), (_, colleague)) = await TwoAgentsAsync(_server);
        var id = await SeedInteractionAsync(_server, account, assignedTo: ownerId);

        var refused = await colleague.PostAsJsonAsync($"/api/interactions/{id}/reply", new { body = "<p>Me too.</p>" });
        var answered = await owner.PostAsJsonAsync($"/api/interactions/{id}/reply", new { body = "<p>On its way.</p>" });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("belongs to another agent", await DetailAsync(refused), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, answered.StatusCode);
    }

    [Fact]
    public async Task Reply_WhileOfferedToAnotherAgent_Answers409_UntilTakenOverWhichWithdrawsTheOffer()
    {
        var (account, (offeredId, _), (_, other)) = await TwoAgentsAsync(_server);
        var id = await SeedInteractionAsync(_server, account);
        long offerId;
        await using (var scope = _server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MailroomDb>();
            var now = TimeProvider.System.GetUtcNow().UtcDateTime;
            var offer = new Offer { InteractionId = id, UserId = offeredId, CreatedAt = now, DueAt = now.AddMinutes(5) };
            db.Offers.Add(offer);
            await db.SaveChangesAsync();
            offerId = offer.Id;
        }

        var refused = await other.PostAsJsonAsync($"/api/interactions/{id}/reply", new { body = "<p>Hi</p>" });
        (await other.PostAsJsonAsync($"/api/interactions/{id}/assign", new { })).EnsureSuccessStatusCode();
        var answered = await other.PostAsJsonAsync($"/api/interactions/{id}/reply", new { body = "<p>Hi</p>" });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("is being offered", await DetailAsync(refused), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, answered.StatusCode);
        await using (var scope = _server.Services.CreateAsyncScope())
        {
            var offer = await scope.ServiceProvider.GetRequiredService<MailroomDb>().Offers.FindAsync(offerId);
            Assert.Equal(OfferState.Withdrawn, offer!.State);
        }

        var history = await other.GetStringAsync($"/api/interactions/{id}");
        Assert.Contains("assigned", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TransferToAgent_RightAfterOpeningAndReading_IsNotAConflict()
    {
        var (account, (ownerId, owner), (targetId, target)) = await TwoAgentsAsync(_server);
        var id = await SeedInteractionAsync(_server, account, assignedTo: ownerId);
        await OnlineAsync(target);
        var opened = await owner.GetFromJsonAsync<JsonElement>($"/api/interactions/{id}");
        var version = Version(opened);

        (await owner.PostAsync($"/api/interactions/{id}/read", null)).EnsureSuccessStatusCode();
        var transfer = await owner.PostAsJsonAsync($"/api/interactions/{id}/transfer/agent", new { userId = targetId, expectedVersion = version });

        Assert.Equal(HttpStatusCode.OK, transfer.StatusCode);
    }

    [Theory]
    [InlineData("open")]
    [InlineData("Open")]
    [InlineData("CLOSED")]
    public async Task List_StatusSpelledAsTheApiWritesItOrInAnyCase_IsAccepted(string status)
    {
        var admin = await _server.AdminClientAsync();

        var response = await admin.GetAsync($"/api/interactions?status={status}&scope=all");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task List_UnknownStatus_Answers400NamingIt()
    {
        var admin = await _server.AdminClientAsync();

        var response = await admin.GetAsync("/api/interactions?status=pending");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Status", await DetailAsync(response), StringComparison.Ordinal);
    }

    private static int Version(JsonElement detail) =>
        (detail.TryGetProperty("interaction", out var row) ? row : detail).GetProperty("version").GetInt32();

    private static async Task<string> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString() ?? "";
}
