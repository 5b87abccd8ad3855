using System.Net.Http.Json;
using Mailroom.Core.Accounts;
using Mailroom.Core.Interactions;
using Mailroom.Core.Mail.Outbound;
using Mailroom.Core.Storage;
using Mailroom.Core.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Mailroom.Core.Routing;

/// <summary>What a webhook receives: the interaction and the customer message the plan ran for.</summary>
public sealed record WebhookPayload(string Event, long InteractionId, int AccountId, string Account, string Subject, string Status,
    int? AssignedUserId, DateTime CreatedAt, WebhookMessage? Message);

public sealed record WebhookMessage(long Id, string From, string To, string Cc, string Subject, string? Text, DateTime CreatedAt);

/// <summary>The HTTP client of webhooks: one per process, a short timeout so a dead endpoint costs little.</summary>
public sealed class WebhookClient : IDisposable
{
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public void Dispose() => Http.Dispose();
}

/// <summary>
/// Carries out due <see cref="PlanAction"/>s: auto replies through the outbound use case (with the anti-loop
/// rules of RFC 3834), webhooks as an HTTP POST retried three times. Every outcome is in the history.
/// </summary>
public sealed class RunPlanActions(MailroomDb db, AutomaticReply reply, TemplateRenderer templates, WebhookClient webhooks, TimeProvider time,
    ILogger<RunPlanActions> logger)
{
    public const int MaxAttempts = 3;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<int> ProcessDueAsync(CancellationToken ct)
    {
        var due = await db.PlanActions.AsNoTracking().Where(a => a.State == PlanActionState.Pending && a.NextAttemptAt <= Now)
            .OrderBy(a => a.NextAttemptAt).Select(a => new { a.Id, a.Attempts }).Take(20).ToListAsync(ct);
        var done = 0;
        foreach (var item in due)
        {
            // Claimed by a conditional update, so two instances never run the same action.
            var claimed = await db.PlanActions.Where(a => a.Id == item.Id && a.State == PlanActionState.Pending && a.Attempts == item.Attempts)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Attempts, item.Attempts + 1).SetProperty(a => a.NextAttemptAt, Now + Lease), ct);
            if (claimed == 1)
            {
                await RunAsync(await db.PlanActions.FirstAsync(a => a.Id == item.Id, ct), ct);
                db.ChangeTracker.Clear();
                done++;
            }
        }

        return done;
    }

    private async Task RunAsync(PlanAction action, CancellationToken ct)
    {
        var (state, details) = (PlanActionState.Done, "");
        try
        {
            (state, details) = action.Kind == PlanStepKind.AutoReply ? await AutoReplyAsync(action, ct) : await WebhookAsync(action, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            (state, details) = (action.Attempts >= MaxAttempts ? PlanActionState.Failed : PlanActionState.Pending, ex.Message);
        }
        catch (Exception ex) when (ex is Common.ConflictException or Common.ValidationFailedException or Common.NotFoundException)
        {
            (state, details) = (PlanActionState.Failed, ex.Message);
        }

        action.State = state;
        action.LastError = state is PlanActionState.Done ? null : details;
        if (state == PlanActionState.Pending)
        {
            // 5 s, then 30 s: a webhook that is briefly down still gets the interaction.
            action.NextAttemptAt = Now + (action.Attempts == 1 ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(30));
            logger.LogInformation("Plan action {Id} failed (attempt {Attempt}): {Error}", action.Id, action.Attempts, details);
        }
        else
        {
            var what = action.Kind == PlanStepKind.AutoReply ? "auto-reply" : "webhook";
            db.Record(action.InteractionId, null, state == PlanActionState.Failed ? what + " failed" : what, details, Now);
        }

        await db.SaveChangesAsync(ct);
    }

    private async Task<(PlanActionState, string)> AutoReplyAsync(PlanAction action, CancellationToken ct)
    {
        var message = action.MessageId is { } id ? await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct) : null;
        var interaction = await db.Interactions.AsNoTracking().FirstAsync(i => i.Id == action.InteractionId, ct);
        var account = await db.Accounts.AsNoTracking().FirstAsync(a => a.Id == interaction.AccountId, ct);
        if (await WhyNotAsync(action, message, interaction, account, ct) is { } why)
        {
            return (PlanActionState.Skipped, "not sent: " + why);
        }

        var body = templates.Render(action.Template ?? "", new Dictionary<string, object?>
        {
            ["subject"] = message!.Subject,
            ["from"] = message.From,
            ["fromName"] = message.FromName,
            ["account"] = account.Name,
            ["accountAddress"] = account.Address,
            ["interactionId"] = interaction.Id,
        });
        var queued = await reply.RunAsync(interaction.Id, message.Id, body, action.ReplyAll, ct);
        return (PlanActionState.Done, $"message {queued.MessageId} answering message {message.Id}");
    }

    // RFC 3834: never answer a robot, a list or ourselves; and the step's mode decides how often.
    private async Task<string?> WhyNotAsync(PlanAction action, Message? message, Interaction interaction, EmailAccount account, CancellationToken ct)
    {
        var autoReplies = db.Messages.Where(m => m.InteractionId == interaction.Id && m.Kind == MessageKind.AutoReply);
        var firstCustomer = await db.Messages.Where(m => m.InteractionId == interaction.Id && m.Direction == MessageDirection.Incoming)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Select(m => (long?)m.Id).FirstOrDefaultAsync(ct);
        var ownAddresses = await db.Accounts.Select(a => a.Address).ToListAsync(ct);
        return message switch
        {
            null => "the interaction has no customer message",
            _ when interaction.Status != InteractionStatus.Open => "the interaction is closed",
            { IsAutomatic: true } => "the message is automatic (Auto-Submitted or Precedence bulk/list/junk)",
            _ when ownAddresses.Contains(message.From, StringComparer.OrdinalIgnoreCase) || message.From.Equals(account.Address, StringComparison.OrdinalIgnoreCase)
                => "the message comes from a Mailroom account",
            _ when action.AutoReplyMode == AutoReplyMode.OncePerInteraction && await autoReplies.AnyAsync(ct) => "the interaction already had its auto reply",
            _ when action.AutoReplyMode == AutoReplyMode.FirstMessageOnly && firstCustomer != message.Id => "it is not the interaction's first message",
            _ when message.MessageIdHeader is { } mid && await autoReplies.AnyAsync(m => m.InReplyTo == mid, ct) => "this message already had an auto reply",
            _ => null,
        };
    }

    private async Task<(PlanActionState, string)> WebhookAsync(PlanAction action, CancellationToken ct)
    {
        var interaction = await db.Interactions.AsNoTracking().FirstAsync(i => i.Id == action.InteractionId, ct);
        var account = await db.Accounts.AsNoTracking().Where(a => a.Id == interaction.AccountId).Select(a => a.Name).FirstAsync(ct);
        var message = action.MessageId is { } id
            ? await db.Messages.AsNoTracking().Where(m => m.Id == id)
                .Select(m => new WebhookMessage(m.Id, m.From, m.To, m.Cc, m.Subject, m.TextBody, m.CreatedAt)).FirstOrDefaultAsync(ct)
            : null;
        var payload = new WebhookPayload("interaction", interaction.Id, interaction.AccountId, account, interaction.Subject,
            interaction.Status.ToString().ToLowerInvariant(), interaction.AssignedUserId, interaction.CreatedAt, message);
        using var response = await webhooks.Http.PostAsJsonAsync(action.Url, payload, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{action.Url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        return (PlanActionState.Done, $"POST {action.Url}: {(int)response.StatusCode}");
    }
}
