using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Server.Tests.Transfers;

/// <summary>What the transfer API tests set up through the API (accounts, members, groups) or straight in the database (interactions).</summary>
internal static class TransferApi
{
    public static async Task<int> CreateAccountAsync(HttpClient admin, object transfer)
    {
        var key = "T" + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();
        var response = await admin.PostAsJsonAsync("/api/accounts", new
        {
            name = key,
            key,
            address = $"{key.ToLowerInvariant()}@example.test",
            active = true,
            imap = new { host = "127.0.0.1", port = 1 },
            smtp = new { host = "127.0.0.1", port = 1 },
            transfer,
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    public static async Task AddMemberAsync(HttpClient admin, int accountId, int userId) =>
        (await admin.PostAsync($"/api/accounts/{accountId}/members/{userId}", null)).EnsureSuccessStatusCode();

    public static async Task<int> CreateGroupAsync(HttpClient admin, int[] members, params int[] accountIds)
    {
        var response = await admin.PostAsJsonAsync("/api/queues", new
        {
            name = "G" + Guid.NewGuid().ToString("N")[..8],
            members = members.Select((m, i) => new { userId = m, priority = i }),
            accountIds,
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    /// <summary>An account that allows transfers to agents (60 s), with two agent members signed in.</summary>
    public static async Task<(int Account, (int Id, HttpClient Client) A, (int Id, HttpClient Client) B)> TwoAgentsAsync(MailroomApp server)
    {
        var admin = await server.AdminClientAsync();
        var account = await CreateAccountAsync(admin, new { toAgentAllowed = true, toAgentTimeoutSeconds = 60 });
        var a = await server.CreateUserAsync(admin);
        var b = await server.CreateUserAsync(admin);
        await AddMemberAsync(admin, account, a.Id);
        await AddMemberAsync(admin, account, b.Id);
        return (account, a, b);
    }

    public static async Task OnlineAsync(HttpClient agent) =>
        (await agent.PutAsJsonAsync("/api/me/presence", new { presence = "online" }, MailroomApp.Json)).EnsureSuccessStatusCode();

    /// <summary>The id of the agent's open offer of the interaction, once routing made it (10 s at most, unless told).</summary>
    public static async Task<long> OfferAsync(HttpClient agent, long interactionId, TimeSpan? patience = null)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var offers = await agent.GetFromJsonAsync<JsonElement>("/api/me/offers");
            if (offers.EnumerateArray().FirstOrDefault(o => o.GetProperty("interactionId").GetInt64() == interactionId) is { ValueKind: JsonValueKind.Object } offer)
            {
                return offer.GetProperty("id").GetInt64();
            }

            Assert.True(waited.Elapsed < (patience ?? TimeSpan.FromSeconds(10)), $"Interaction {interactionId} was never offered to the agent.");
            await Task.Delay(100);
        }
    }

    /// <summary>An open interaction with one customer message, owned by <paramref name="assignedTo"/>; not routed.</summary>
    public static async Task<long> SeedInteractionAsync(MailroomApp server, int accountId, int? assignedTo = null, int? queueId = null)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MailroomDb>();
        var now = DateTime.SpecifyKind(new DateTime(2026, 11, 1, 9, 0, 0), DateTimeKind.Utc);
        var interaction = new Interaction { AccountId = accountId, Subject = "Order", AssignedUserId = assignedTo, QueueId = queueId, CreatedAt = now, LastActivityAt = now };
        db.Interactions.Add(interaction);
        await db.SaveChangesAsync();
        db.Messages.Add(new Message
        {
            InteractionId = interaction.Id,
            AccountId = accountId,
            Direction = MessageDirection.Incoming,
            From = "customer@customer.test",
            MessageIdHeader = $"{Guid.NewGuid():N}@customer.test",
            RawSha256 = new string('b', 64),
            CreatedAt = now,
        });
        await db.SaveChangesAsync();
        return interaction.Id;
    }

    public static async Task<Interaction> LoadAsync(MailroomApp server, long id)
    {
        using var scope = server.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<MailroomDb>().Interactions.AsNoTracking().SingleAsync(i => i.Id == id);
    }

    public static async Task<string?> ReasonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("reason", out var r) ? r.GetString() : null;
}
