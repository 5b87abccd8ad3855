using Mailroom.Core.Accounts;
using Mailroom.Core.AgentPresence;
using Mailroom.Core.Audit;
using Mailroom.Core.Calendars;
using Mailroom.Core.CannedAnswers;
using Mailroom.Core.Closing;
using Mailroom.Core.Common;
using Mailroom.Core.Dispositions;
using Mailroom.Core.Drafts;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Journey;
using Mailroom.Core.Mail.Outbound;
using Mailroom.Core.Notes;
using Mailroom.Core.Parking;
using Mailroom.Core.Queues;
using Mailroom.Core.Retention;
using Mailroom.Core.Routing;
using Mailroom.Core.ServiceLevels;
using Mailroom.Core.SingleSignOn;
using Mailroom.Core.Skills;
using Mailroom.Core.Storage;
using Mailroom.Core.SubStatuses;
using Mailroom.Core.Supervision;
using Mailroom.Core.Tags;
using Mailroom.Core.Transfers;
using Mailroom.Core.TwoFactor;
using Mailroom.Core.Users;
using Mailroom.TestSupport;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Mailroom.Core.Tests.Routing;

/// <summary>
/// Routing on a real database with a fake clock. Events are handed to <see cref="RoutingReactions"/> the way
/// the event stream would, but synchronously, so each step of a test sees the routing it caused.
/// </summary>
internal sealed class RoutingHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private long _delivered;

    private readonly bool _ownsDatabase;

    private RoutingHarness(TestDatabase database, bool ownsDatabase = true)
    {
        Database = database;
        _ownsDatabase = ownsDatabase;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<MailroomDb>(database.Configure);
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(new Random(7));
        services.AddSingleton<RoutingGate>();
        services.AddScoped<Router>().AddScoped<PlanInteractionSteps>().AddScoped<RoutingReactions>().AddScoped<RoutingTimers>();
        services.AddScoped<AcceptOffer>().AddScoped<RejectOffer>().AddScoped<SaveActionPlan>();
        services.AddAgentPresence().AddCalendars().AddSupervision();
        services.AddScoped<TransferToQueue>().AddScoped<TransferToAgent>().AddScoped<TransferToGroup>().AddScoped<AssignInteraction>().AddScoped<TransferViews>();
        services.AddScoped<RunPlanActions>().AddSingleton<WebhookClient>();
        services.AddSingleton(Blobs = new BlobStore(Path.Combine(Path.GetTempPath(), "mailroom-blobs-" + Guid.NewGuid().ToString("N"))));
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        services.AddOutboundMail(new OutboundOptions { Enabled = false })
            .AddNotes().AddTags().AddSkills().AddTwoFactor().AddAudit().AddSubStatuses().AddDrafts().AddDispositions().AddClosing().AddCannedAnswers().AddJourney();
        services.AddScoped<ParkInteraction>().AddScoped<ParkingTimers>();
        services.AddScoped<InteractionPurge>().AddScoped<CustomerErasure>();
        services.AddSingleSignOn().AddScoped<QueueCommands>();
        services.AddScoped<SyncClocks>().AddScoped<SlaTimers>().AddScoped<SlaActionRunner>().AddScoped<InteractionClocks>().AddScoped<SlaPolicyCommands>().AddScoped<SetPriority>();
        _services = services.BuildServiceProvider();
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    public TestDatabase Database { get; }

    public BlobStore Blobs { get; }

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    public int AccountId { get; private set; }

    public static async Task<RoutingHarness> CreateAsync(DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var harness = new RoutingHarness(await TestDatabase.CreateAsync(provider));
        await using var db = harness.Database.NewContext();
        var account = new EmailAccount { Name = "Support", Key = "SUP", Address = "support@example.test", WaitForAssignedAgentSeconds = 10, WaitForAssignedQueueSeconds = 20 };
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        harness.AccountId = account.Id;
        return harness;
    }

    /// <summary>Another instance (or this one after a restart): same database, fresh services and memory, same clock time.</summary>
    public RoutingHarness NewInstance()
    {
        var other = new RoutingHarness(Database, ownsDatabase: false) { AccountId = AccountId };
        other.Clock.SetUtcNow(Clock.GetUtcNow());
        other._delivered = _delivered;
        return other;
    }

    public async Task<int[]> AddAgentsAsync(int count, Presence presence = Presence.Online, bool memberOfAccount = true, int capacity = 5)
    {
        await using var db = Database.NewContext();
        var users = Enumerable.Range(0, count).Select(_ => new User
        {
            Email = $"a{Guid.NewGuid():N}@example.test",
            DisplayName = "Agent",
            Presence = presence,
            EmailCapacity = capacity,
            PauseReason = presence == Presence.Paused ? "lunch" : null,
        }).ToList();
        db.Users.AddRange(users);
        await db.SaveChangesAsync();
        if (memberOfAccount)
        {
            db.AccountMembers.AddRange(users.Select(u => new AccountMember { AccountId = AccountId, UserId = u.Id }));
            await db.SaveChangesAsync();
        }

        return users.Select(u => u.Id).ToArray();
    }

    public async Task<int> AddQueueAsync(RoutingStrategy strategy, IEnumerable<int> members, int timeoutSeconds = 30, bool servesAccount = true, int weight = 0)
    {
        await using var db = Database.NewContext();
        var queue = new MailQueue { Name = "Q" + Guid.NewGuid().ToString("N")[..8], Strategy = strategy, AgentTimeoutSeconds = timeoutSeconds, Weight = weight };
        queue.Members.AddRange(members.Select((id, i) => new QueueMember { UserId = id }));
        if (servesAccount)
        {
            queue.Accounts.Add(new QueueAccount { AccountId = AccountId });
        }

        db.Queues.Add(queue);
        await db.SaveChangesAsync();
        return queue.Id;
    }

    /// <summary>What inbound ingestion does: store the interaction and append InteractionCreated.</summary>
    public async Task<long> NewInteractionAsync(int? assignedUserId = null)
    {
        await using (var db = Database.NewContext())
        {
            var interaction = new Interaction { AccountId = AccountId, Subject = "Help", AssignedUserId = assignedUserId, CreatedAt = Now, LastActivityAt = Now };
            db.Interactions.Add(interaction);
            await db.SaveChangesAsync();
            if (assignedUserId is null)
            {
                db.Append(new InteractionCreated(interaction.Id, AccountId), Now, AccountId, interaction.Id);
                await db.SaveChangesAsync();
            }

            await DeliverAsync();
            return interaction.Id;
        }
    }

    /// <summary>A new interaction opened by a real customer message (raw RFC 5322 text), as ingestion stores it.</summary>
    public async Task<long> NewInteractionFromMailAsync(string raw, bool isAutomatic = false)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(raw.ReplaceLineEndings("\r\n"));
        var mime = await MimeKit.MimeMessage.LoadAsync(new MemoryStream(bytes));
        var sha = await Blobs.PutAsync(bytes);
        await using (var db = Database.NewContext())
        {
            var interaction = new Interaction { AccountId = AccountId, Subject = mime.Subject ?? "", CreatedAt = Now, LastActivityAt = Now };
            db.Interactions.Add(interaction);
            await db.SaveChangesAsync();
            var from = mime.From.Mailboxes.First();
            db.Messages.Add(new Message
            {
                InteractionId = interaction.Id,
                AccountId = AccountId,
                Direction = MessageDirection.Incoming,
                MessageIdHeader = mime.MessageId,
                From = from.Address,
                FromName = from.Name,
                To = mime.To.ToString(),
                Cc = mime.Cc.ToString(),
                Subject = mime.Subject ?? "",
                TextBody = mime.TextBody,
                RawSha256 = sha,
                RawSize = bytes.Length,
                IsAutomatic = isAutomatic,
                CreatedAt = Now,
            });
            db.Append(new InteractionCreated(interaction.Id, AccountId), Now, AccountId, interaction.Id);
            await db.SaveChangesAsync();
            await DeliverAsync();
            return interaction.Id;
        }
    }

    public async Task CustomerWritesAsync(long interactionId)
    {
        await using (var db = Database.NewContext())
        {
            db.Append(new MessageStored(interactionId, 1, AccountId, MessageDirection.Incoming, 1), Now, AccountId, interactionId);
            await db.SaveChangesAsync();
        }

        await DeliverAsync();
    }

    public Task SetPresenceAsync(int userId, Presence presence) =>
        RunAsync<SetPresence>(s => s.RunAsync(new Actor(userId, Role.Agent), userId, new PresenceInput(presence, presence == Presence.Paused ? "break" : null), default));

    public Task<long> AcceptAsync(int userId, long offerId) => RunAsync<AcceptOffer, long>(a => a.RunAsync(new Actor(userId, Role.Agent), offerId, default));

    public Task RejectAsync(int userId, long offerId) => RunAsync<RejectOffer>(r => r.RunAsync(new Actor(userId, Role.Agent), offerId, default));

    /// <summary>Moves the clock and runs the timer workers' passes once.</summary>
    public async Task AdvanceAsync(int seconds)
    {
        Clock.Advance(TimeSpan.FromSeconds(seconds));
        await RunAsync<RoutingTimers>(t => t.ProcessDueAsync(default));
        await RunAsync<SlaTimers>(t => t.ProcessDueAsync(default));
        await RunAsync<ParkingTimers>(t => t.ProcessDueAsync(default));
    }

    public async Task<List<Offer>> OffersAsync(long interactionId, OfferState? state = OfferState.Open)
    {
        await using var db = Database.NewContext();
        return await db.Offers.Where(o => o.InteractionId == interactionId && (state == null || o.State == state)).OrderBy(o => o.Id).ToListAsync();
    }

    /// <summary>Runs the plan action worker's pass once (auto replies, webhooks).</summary>
    public Task RunPlanActionsAsync() => RunAsync<RunPlanActions>(r => r.ProcessDueAsync(default));

    public async Task<int[]> OfferedToAsync(long interactionId) => (await OffersAsync(interactionId)).Select(o => o.UserId).ToArray();

    public async Task<Interaction> InteractionAsync(long id)
    {
        await using var db = Database.NewContext();
        return await db.Interactions.AsNoTracking().FirstAsync(i => i.Id == id);
    }

    public async Task<RoutingTask> TaskAsync(long id)
    {
        await using var db = Database.NewContext();
        return await db.RoutingTasks.AsNoTracking().FirstAsync(t => t.InteractionId == id);
    }

    public async Task<List<StoredEvent>> EventsAsync(string type)
    {
        await using var db = Database.NewContext();
        return await db.Events.Where(e => e.Type == type).OrderBy(e => e.Sequence).ToListAsync();
    }

    public async Task AssignAsync(long interactionId, int userId)
    {
        await using var db = Database.NewContext();
        await db.Interactions.Where(i => i.Id == interactionId).ExecuteUpdateAsync(s => s.SetProperty(i => i.AssignedUserId, userId));
    }

    /// <summary>What closing does (another feature): the interaction closes and InteractionChanged says so.</summary>
    public async Task CloseAsync(long interactionId)
    {
        await using (var db = Database.NewContext())
        {
            await db.Interactions.Where(i => i.Id == interactionId).ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, InteractionStatus.Closed));
        }

        await AnnounceChangeAsync(interactionId, "closed");
    }

    /// <summary>What another feature announces after changing an interaction (a read, a tag, a close).</summary>
    public async Task AnnounceChangeAsync(long interactionId, string what)
    {
        await using (var db = Database.NewContext())
        {
            db.Append(new InteractionChanged(interactionId, AccountId, what), Now, AccountId, interactionId);
            await db.SaveChangesAsync();
        }

        await DeliverAsync();
    }

    public async Task SetPlanAsync(params ActionPlanStep[] steps)
    {
        await using var db = Database.NewContext();
        db.ActionPlanSteps.AddRange(steps.Select((s, i) => { s.AccountId = AccountId; s.Position = i; return s; }));
        await db.SaveChangesAsync();
    }

    public AsyncServiceScope Scope() => _services.CreateAsyncScope();

    /// <summary>Runs a use case in its own scope, then hands the events it caused to routing.</summary>
    public async Task RunAsync<T>(Func<T, Task> action)
        where T : notnull
    {
        await using (var scope = _services.CreateAsyncScope())
        {
            await action(scope.ServiceProvider.GetRequiredService<T>());
        }

        await DeliverAsync();
    }

    public async Task<TResult> RunAsync<T, TResult>(Func<T, Task<TResult>> action)
        where T : notnull
    {
        TResult result;
        await using (var scope = _services.CreateAsyncScope())
        {
            result = await action(scope.ServiceProvider.GetRequiredService<T>());
        }

        await DeliverAsync();
        return result;
    }

    // The event stream's job, done inline: every new event, in order, to routing and to the service-level clocks.
    private async Task DeliverAsync()
    {
        while (true)
        {
            List<StoredEvent> batch;
            await using (var db = Database.NewContext())
            {
                batch = await db.Events.AsNoTracking().Where(e => e.Sequence > _delivered).OrderBy(e => e.Sequence).ToListAsync();
            }

            if (batch.Count == 0)
            {
                return;
            }

            foreach (var e in batch)
            {
                await using var scope = _services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<RoutingReactions>().HandleAsync(e, default);
                if (SlaSubscriber.Concerns(e))
                {
                    await scope.ServiceProvider.GetRequiredService<SyncClocks>().RunAsync(e.InteractionId!.Value, e.At, default);
                }

                _delivered = e.Sequence;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_ownsDatabase)
        {
            await Database.DisposeAsync();
        }
    }
}
