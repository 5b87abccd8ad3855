using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.Core.Interactions;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Server.Tests.Work;

/// <summary>The work desk on a real loopback socket, so a test can cut the connection an answer travels on.</summary>
public sealed class SocketDesk() : WorkDesk(realSocket: true);

/// <summary>
/// Issue 23: a Send whose answer was lost with its connection is sent again by the client; with the same
/// Idempotency-Key it is the same message, never a second reply to the customer.
/// </summary>
public sealed class SendOnceApiTests(SocketDesk desk) : IClassFixture<SocketDesk>
{
    [Fact]
    public async Task Reply_RepeatedAfterTheConnectionWasCutBeforeTheAnswer_IsTheSameMessage()
    {
        var (account, _) = await desk.AccountAsync();
        var (agentId, agent) = await desk.UserAsync(account);
        var id = await desk.CustomerWritesAsync(account, agentId);
        await using var proxy = FaultProxy.Start(desk.Server.BaseAddress.Port);
        using var cut = ThroughProxy(agent, proxy);
        (await cut.GetAsync($"/api/interactions/{id}/context")).EnsureSuccessStatusCode();

        // The server commits and starts answering; one byte of the answer arrives, then the link is reset. On a
        // loaded machine the client's pool may have let the first connection go, so a new one is cut as well.
        proxy.CutEveryConnectionAfterServerBytes(1);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => cut.SendAsync(Keyed(HttpMethod.Post, $"/api/interactions/{id}/reply", "draft-1", new { body = "Your refund is on its way." })));
        // The reply was queued: the client just never heard so.
        Assert.Single(await OutgoingAsync(id));

        var again = await WorkDesk.JsonAsync(await agent.SendAsync(Keyed(HttpMethod.Post, $"/api/interactions/{id}/reply", "draft-1", new { body = "Your refund is on its way." })), HttpStatusCode.Accepted);
        var third = await WorkDesk.JsonAsync(await agent.SendAsync(Keyed(HttpMethod.Post, $"/api/interactions/{id}/reply", "draft-1", new { body = "Your refund is on its way." })), HttpStatusCode.Accepted);

        var sent = await OutgoingAsync(id);
        var only = Assert.Single(sent);
        Assert.Equal(only.Id, again.GetProperty("messageId").GetInt64());
        Assert.Equal(only.Id, third.GetProperty("messageId").GetInt64());
        Assert.Equal(only.MessageIdHeader, again.GetProperty("messageIdHeader").GetString());
        Assert.Equal(1, await desk.DbAsync(db => db.Outbox.CountAsync(o => o.MessageId == only.Id)));
    }

    [Fact]
    public async Task Reply_SameKeyAtTheSameTime_QueuesOneMessage()
    {
        var (account, _) = await desk.AccountAsync();
        var (agentId, agent) = await desk.UserAsync(account);
        var id = await desk.CustomerWritesAsync(account, agentId);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            agent.SendAsync(Keyed(HttpMethod.Post, $"/api/interactions/{id}/reply-all", "same-click", new { body = "Thanks!" }))));

        var ids = new List<long>();
        foreach (var answer in answers)
        {
            ids.Add((await WorkDesk.JsonAsync(answer, HttpStatusCode.Accepted)).GetProperty("messageId").GetInt64());
        }

        var only = Assert.Single(await OutgoingAsync(id));
        Assert.All(ids, messageId => Assert.Equal(only.Id, messageId));
    }

    [Fact]
    public async Task Keys_AreTheSendersOwn_OtherwiseNewKeysAndNoKeyAreNewMessages()
    {
        var (account, _) = await desk.AccountAsync();
        var (agentId, agent) = await desk.UserAsync(account);
        var (otherId, other) = await desk.UserAsync(account);
        var mine = await desk.CustomerWritesAsync(account, agentId);
        var theirs = await desk.CustomerWritesAsync(account, otherId);

        await WorkDesk.JsonAsync(await agent.SendAsync(Keyed(HttpMethod.Post, $"/api/interactions/{mine}/reply", "k1", new { body = "One" })), HttpStatusCode.Accepted);
        // The same key from another agent is theirs: a message of its own.
        await WorkDesk.JsonAsync(await other.SendAsync(Keyed(HttpMethod.Post, $"/api/interactions/{theirs}/reply", "k1", new { body = "Theirs" })), HttpStatusCode.Accepted);
        // A new key, or none, is a new message; the same key for a different interaction is refused.
        await WorkDesk.JsonAsync(await agent.SendAsync(Keyed(HttpMethod.Post, $"/api/interactions/{mine}/reply", "k2", new { body = "Two" })), HttpStatusCode.Accepted);
        await WorkDesk.JsonAsync(await agent.PostAsJsonAsync($"/api/interactions/{mine}/reply", new { body = "Three" }), HttpStatusCode.Accepted);
        await WorkDesk.JsonAsync(await agent.PostAsJsonAsync($"/api/interactions/{mine}/reply", new { body = "Four" }), HttpStatusCode.Accepted);
        var elsewhere = await desk.CustomerWritesAsync(account, agentId);
        await WorkDesk.JsonAsync(await agent.SendAsync(Keyed(HttpMethod.Post, $"/api/interactions/{elsewhere}/reply", "k1", new { body = "One" })), HttpStatusCode.Conflict);

        Assert.Equal(4, (await OutgoingAsync(mine)).Count);
        Assert.Single(await OutgoingAsync(theirs));
        Assert.Empty(await OutgoingAsync(elsewhere));
    }

    [Fact]
    public async Task NewMessage_RepeatedWithItsKey_StartsOneInteraction()
    {
        var (account, _) = await desk.AccountAsync();
        var (_, agent) = await desk.UserAsync(account);
        var input = new { accountId = account, to = new[] { "someone@customer.test" }, subject = "About your order " + Guid.NewGuid().ToString("N")[..6], body = "Hello" };

        var first = await WorkDesk.JsonAsync(await agent.SendAsync(Keyed(HttpMethod.Post, "/api/messages", "new-1", input)), HttpStatusCode.Accepted);
        var second = await WorkDesk.JsonAsync(await agent.SendAsync(Keyed(HttpMethod.Post, "/api/messages", "new-1", input)), HttpStatusCode.Accepted);

        Assert.Equal(first.GetProperty("interactionId").GetInt64(), second.GetProperty("interactionId").GetInt64());
        Assert.Equal(1, await desk.DbAsync(db => db.Interactions.CountAsync(i => i.Subject == input.subject)));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("")]
    public async Task Reply_WithAKeyNoClientWouldSend_Answers400NamingTheHeader(string key)
    {
        var (account, _) = await desk.AccountAsync();
        var (agentId, agent) = await desk.UserAsync(account);
        var id = await desk.CustomerWritesAsync(account, agentId);

        await WorkDesk.BadRequestNamingAsync(await agent.SendAsync(Keyed(HttpMethod.Post, $"/api/interactions/{id}/reply", key, new { body = "Hi" })), "Idempotency-Key");
        await WorkDesk.BadRequestNamingAsync(await agent.SendAsync(Keyed(HttpMethod.Post, $"/api/interactions/{id}/reply", new string('k', 101), new { body = "Hi" })), "Idempotency-Key");
        Assert.Empty(await OutgoingAsync(id));
    }

    private static HttpRequestMessage Keyed(HttpMethod method, string path, string key, object body)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, options: MailroomApp.Json) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return request;
    }

    // The same agent's token, over a connection through the proxy.
    private static HttpClient ThroughProxy(HttpClient agent, FaultProxy proxy)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{proxy.Port}") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", agent.DefaultRequestHeaders.Authorization!.Parameter);
        return client;
    }

    private Task<List<Message>> OutgoingAsync(long interactionId) =>
        desk.DbAsync(db => db.Messages.AsNoTracking().Where(m => m.InteractionId == interactionId && m.Direction == MessageDirection.Outgoing).ToListAsync());
}
