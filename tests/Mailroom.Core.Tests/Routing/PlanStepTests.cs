using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Mailroom.Core.Calendars;
using Mailroom.Core.Common;
using Mailroom.Core.Interactions;
using Mailroom.Core.Queues;
using Mailroom.Core.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Mailroom.Core.Tests.Routing;

/// <summary>Action plan steps GotoIf, Auto reply and Webhook ("Actions").</summary>
public sealed class PlanStepTests
{
    private const string Mail = """
        From: Carla Customer <carla@customer.test>
        To: support@example.test
        Subject: Invoice 42 is wrong
        Message-ID: <m1@customer.test>
        X-Priority-Customer: gold
        Content-Type: text/plain

        Please fix my invoice.
        """;

    [Theory]
    [InlineData(ConditionField.Subject, null, ConditionOperator.Contains, "INVOICE", true)]
    [InlineData(ConditionField.Subject, null, ConditionOperator.Equals, "invoice", false)]
    [InlineData(ConditionField.From, null, ConditionOperator.Regex, @"@customer\.test>$", true)]
    [InlineData(ConditionField.Body, null, ConditionOperator.Contains, "fix my", true)]
    [InlineData(ConditionField.Header, "X-Priority-Customer", ConditionOperator.Equals, "Gold", true)]
    [InlineData(ConditionField.Header, "X-Missing", ConditionOperator.Contains, "", false)]
    public async Task GotoIf_Condition_JumpsToThenOrElse(ConditionField field, string? header, ConditionOperator op, string value, bool matches)
    {
        await using var h = await RoutingHarness.CreateAsync();
        var billing = (await h.AddAgentsAsync(1))[0];
        var general = (await h.AddAgentsAsync(1))[0];
        var billingQueue = await h.AddQueueAsync(RoutingStrategy.RingAll, [billing], servesAccount: false);
        var generalQueue = await h.AddQueueAsync(RoutingStrategy.RingAll, [general], servesAccount: false);
        await h.SetPlanAsync(
            new ActionPlanStep { Kind = PlanStepKind.GotoIf, ConditionField = field, HeaderName = header, ConditionOperator = op, ConditionValue = value, Target = 2, ElseTarget = 1 },
            new ActionPlanStep { Kind = PlanStepKind.Queue, QueueId = generalQueue, TimeoutSeconds = 60 },
            new ActionPlanStep { Kind = PlanStepKind.Queue, QueueId = billingQueue, TimeoutSeconds = 60 });

        var id = await h.NewInteractionFromMailAsync(Mail);

        Assert.Equal(matches ? [billing] : [general], await h.OfferedToAsync(id));
    }

    [Fact]
    public void GotoIf_CatastrophicRegex_TimesOutAsNoMatch()
    {
        var step = new ActionPlanStep { ConditionField = ConditionField.Subject, ConditionOperator = ConditionOperator.Regex, ConditionValue = "^(a+)+$" };
        var facts = new MessageFacts("", "", "", new string('a', 40) + "!", "", Array.Empty<string>().ToLookup(x => x));
        Assert.False(PlanCondition.Matches(step, facts));
    }

    [Fact]
    public async Task AutoReply_OncePerInteraction_SentOnceWithAntiLoopHeadersAndNotTheLastMessage()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var agent = (await h.AddAgentsAsync(1))[0];
        await h.AddQueueAsync(RoutingStrategy.RingAll, [agent]);
        await h.SetPlanAsync(
            new ActionPlanStep { Kind = PlanStepKind.AutoReply, Template = "<p>We got your mail about {{subject}}.</p>", ReplyAll = false },
            new ActionPlanStep { Kind = PlanStepKind.AutoReply, Template = "<p>Second</p>" });

        var id = await h.NewInteractionFromMailAsync(Mail);
        Assert.Equal([agent], await h.OfferedToAsync(id)); // the plan did not wait for the replies
        await h.RunPlanActionsAsync();

        await using var db = h.Database.NewContext();
        var reply = Assert.Single(await db.Messages.Where(m => m.InteractionId == id && m.Direction == MessageDirection.Outgoing).ToListAsync());
        Assert.Equal((MessageKind.AutoReply, "carla@customer.test", "m1@customer.test"), (reply.Kind, reply.To.Split('<', '>')[1], reply.InReplyTo));
        Assert.Contains("Invoice 42 is wrong", reply.TextBody, StringComparison.Ordinal);
        var mime = await MimeMessage.LoadAsync(h.Blobs.OpenRead(reply.RawSha256));
        Assert.Equal(("auto-replied", "All"), (mime.Headers["Auto-Submitted"], mime.Headers["X-Auto-Response-Suppress"]));
        var interaction = await db.Interactions.FirstAsync(i => i.Id == id);
        Assert.Equal((null, null), (interaction.LastMessageDirection, interaction.FirstResponseAt));
        Assert.Contains(await db.History.Where(x => x.InteractionId == id).Select(x => x.Details).ToListAsync(), d => d!.StartsWith("not sent: the interaction already", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true, "carla@customer.test")]
    [InlineData(false, "support@example.test")]
    public async Task AutoReply_AutomaticOrOwnMail_IsNeverAnswered(bool automatic, string from)
    {
        await using var h = await RoutingHarness.CreateAsync();
        await h.SetPlanAsync(new ActionPlanStep { Kind = PlanStepKind.AutoReply, Template = "<p>Thanks</p>", AutoReplyMode = AutoReplyMode.EveryMessage });

        var id = await h.NewInteractionFromMailAsync(Mail.Replace("carla@customer.test", from, StringComparison.Ordinal), isAutomatic: automatic);
        await h.RunPlanActionsAsync();

        await using var db = h.Database.NewContext();
        Assert.False(await db.Messages.AnyAsync(m => m.InteractionId == id && m.Direction == MessageDirection.Outgoing));
        Assert.Equal(PlanActionState.Skipped, (await db.PlanActions.SingleAsync(a => a.InteractionId == id)).State);
    }

    [Fact]
    public async Task Webhook_LoopbackListener_ReceivesTheInteractionAndHistoryRecordsIt()
    {
        using var listener = new HttpListener();
        var port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/hook/");
        listener.Start();
        var received = Task.Run(async () =>
        {
            var context = await listener.GetContextAsync();
            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            context.Response.StatusCode = 204;
            context.Response.Close();
            return (context.Request.HttpMethod, body);
        });
        await using var h = await RoutingHarness.CreateAsync();
        await h.SetPlanAsync(new ActionPlanStep { Kind = PlanStepKind.Webhook, Url = $"http://127.0.0.1:{port}/hook/" });

        var id = await h.NewInteractionFromMailAsync(Mail);
        await h.RunPlanActionsAsync();

        var (method, json) = await received.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("POST", method);
        var payload = JsonDocument.Parse(json).RootElement;
        Assert.Equal((id, "Invoice 42 is wrong", "carla@customer.test"),
            (payload.GetProperty("interactionId").GetInt64(), payload.GetProperty("subject").GetString(), payload.GetProperty("message").GetProperty("from").GetString()));
        await using var db = h.Database.NewContext();
        Assert.Contains(await db.History.Where(x => x.InteractionId == id).Select(x => x.Action).ToListAsync(), a => a == "webhook");
    }

    [Fact]
    public async Task Webhook_NobodyListening_RetriedThenFailedInHistoryWhileThePlanGoesOn()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var agent = (await h.AddAgentsAsync(1))[0];
        await h.AddQueueAsync(RoutingStrategy.RingAll, [agent]);
        await h.SetPlanAsync(new ActionPlanStep { Kind = PlanStepKind.Webhook, Url = $"http://127.0.0.1:{FreePort()}/gone" });

        var id = await h.NewInteractionFromMailAsync(Mail);
        Assert.Equal([agent], await h.OfferedToAsync(id));
        for (var attempt = 0; attempt < RunPlanActions.MaxAttempts; attempt++)
        {
            await h.RunPlanActionsAsync();
            h.Clock.Advance(TimeSpan.FromSeconds(31));
        }

        await using var db = h.Database.NewContext();
        var action = await db.PlanActions.SingleAsync(a => a.InteractionId == id);
        Assert.Equal((PlanActionState.Failed, RunPlanActions.MaxAttempts), (action.State, action.Attempts));
        Assert.Contains(await db.History.Where(x => x.InteractionId == id).Select(x => x.Action).ToListAsync(), a => a == "webhook failed");
    }

    public static TheoryData<PlanStepInput[], string> BadPlans => new()
    {
        { [new(PlanStepKind.GotoIf, Target: 1, ElseTarget: 0, ConditionValue: "x"), new(PlanStepKind.Webhook, Url: "http://127.0.0.1/x")], "steps[0]" },
        { [new(PlanStepKind.GotoIf, Target: 0, ElseTarget: 5, ConditionValue: "x")], "steps[0]" },
        { [new(PlanStepKind.AutoReply, Template: "{{#if x}}never closed")], "steps[0]" },
        { [new(PlanStepKind.Webhook, Url: "file:///etc/passwd")], "steps[0]" },
        { [new(PlanStepKind.Webhook, Url: "http://127.0.0.1/x"), new(PlanStepKind.GotoIf, ConditionOperator: ConditionOperator.Regex, ConditionValue: "(", Target: 0, ElseTarget: 0)], "steps[1]" },
        { [new(PlanStepKind.Webhook, Url: "http://127.0.0.1/x"), new(PlanStepKind.Queue, QueueId: 999)], "steps[1]" },
    };

    [Theory]
    [MemberData(nameof(BadPlans))]
    public async Task SavePlan_BadStep_IsA400NamingIt(PlanStepInput[] steps, string field)
    {
        await using var h = await RoutingHarness.CreateAsync();
        await using var scope = h.Scope();
        var save = scope.ServiceProvider.GetRequiredService<SaveActionPlan>();

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => save.RunAsync(new Actor(1, Users.Role.Admin), h.AccountId, new ActionPlanInput(steps), default));

        Assert.Contains(field, ex.Errors.Keys);
    }

    [Fact]
    public async Task SavePlan_LoopThroughAnIntervalBoundQueue_IsRefusedButAPlainQueueLoopIsFine()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var queue = await h.AddQueueAsync(RoutingStrategy.RingAll, []);
        int interval;
        await using (var db = h.Database.NewContext())
        {
            var i = new WorkingInterval { Name = "Hours", TimeZone = "UTC", Rules = new([new SubInterval("9:00", "17:00")], []) };
            db.Intervals.Add(i);
            await db.SaveChangesAsync();
            interval = i.Id;
        }

        await using var scope = h.Scope();
        var save = scope.ServiceProvider.GetRequiredService<SaveActionPlan>();
        var admin = new Actor(1, Users.Role.Admin);

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => save.RunAsync(admin, h.AccountId,
            new ActionPlanInput([new(PlanStepKind.Queue, QueueId: queue, IntervalId: interval), new(PlanStepKind.Goto, Target: 0)]), default));
        Assert.Equal(["steps[1]"], ex.Errors.Keys);
        var saved = await save.RunAsync(admin, h.AccountId, new ActionPlanInput([new(PlanStepKind.Queue, QueueId: queue), new(PlanStepKind.Goto, Target: 0)]), default);
        Assert.Equal(2, saved.Steps.Count);
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
