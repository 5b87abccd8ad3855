using Mailroom.Core.Common;
using Mailroom.Core.Interactions;
using Mailroom.Core.Mail.Outbound;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Tests.Mail.Outbound;

public sealed class ReplyTests
{
    [Fact]
    public async Task Reply_ToACustomerMessage_SetsThreadingHeadersFromTheOriginal()
    {
        await using var h = await OutboundHarness.CreateAsync();
        var account = await h.AccountAsync("support@example.test", "SUP");
        var seeded = await IncomingMailSeed.CreateAsync(h.Db, h.Blobs, account.Id,
            new IncomingMailSeed.Customer { References = "<first@customer.test> <second@customer.test>" }, h.Now);

        var queued = await h.Reply().RunAsync(h.Agent, seeded.InteractionId, new ComposeInput { Body = "<p>On its way.</p>" }, CancellationToken.None);

        var raw = await h.RawAsync(queued.MessageId);
        Assert.Equal(seeded.MessageIdHeader, raw.InReplyTo);
        Assert.Equal(["first@customer.test", "second@customer.test", seeded.MessageIdHeader], raw.References.ToArray());
        Assert.Equal(queued.MessageIdHeader, raw.MessageId);
        Assert.EndsWith("@example.test", raw.MessageId, StringComparison.Ordinal);
        Assert.Equal("Re: " + seeded.Subject, raw.Subject);
        Assert.Equal("customer@customer.test", Assert.Single(raw.To.Mailboxes).Address);
    }

    [Fact]
    public async Task Reply_AfterAnAccountTransfer_LeavesFromTheCurrentAccount()
    {
        await using var h = await OutboundHarness.CreateAsync();
        var before = await h.AccountAsync("support@example.test", "SUP");
        var after = await h.AccountAsync("sales@example.test", "SAL");
        var seeded = await IncomingMailSeed.CreateAsync(h.Db, h.Blobs, before.Id,
            new IncomingMailSeed.Customer { To = "support@example.test", Cc = "sales@example.test, boss@customer.test" }, h.Now);
        var interaction = await h.Db.Interactions.FirstAsync(i => i.Id == seeded.InteractionId);
        interaction.AccountId = after.Id;
        interaction.TransferAccountId = before.Id;
        await h.Db.SaveChangesAsync();

        var queued = await h.ReplyAll().RunAsync(h.Agent, seeded.InteractionId, new ComposeInput { Body = "Moved." }, CancellationToken.None);

        var raw = await h.RawAsync(queued.MessageId);
        Assert.Equal("sales@example.test", Assert.Single(raw.From.Mailboxes).Address);
        Assert.Equal("sales@example.test", Assert.Single(raw.ReplyTo.Mailboxes).Address);
        Assert.EndsWith("@example.test", raw.MessageId, StringComparison.Ordinal);
        // Neither the old nor the new account mails itself.
        Assert.Equal(["customer@customer.test"], raw.To.Mailboxes.Select(m => m.Address));
        Assert.Equal(["boss@customer.test"], raw.Cc.Mailboxes.Select(m => m.Address));
        var stored = await h.Db.Messages.AsNoTracking().FirstAsync(m => m.Id == queued.MessageId);
        Assert.Equal(after.Id, stored.AccountId);
    }

    [Fact]
    public async Task Reply_Queued_StoresOutgoingMessageOutboxRowAndUpdatesTheInteraction()
    {
        await using var h = await OutboundHarness.CreateAsync();
        var account = await h.AccountAsync("support@example.test", "SUP", signature: "<b>{{agentName}}</b>, {{accountName}}");
        var seeded = await IncomingMailSeed.CreateAsync(h.Db, h.Blobs, account.Id, new IncomingMailSeed.Customer(), h.Now);
        var pending = h.Db.SubStatuses.Add(new Mailroom.Core.SubStatuses.SubStatus { Name = "Pending", IsBuiltIn = true, CreatedAt = h.Now }).Entity;
        await h.Db.SaveChangesAsync();

        var queued = await h.Reply().RunAsync(h.Agent, seeded.InteractionId,
            new ComposeInput { Body = "<p>Done</p>", Bcc = ["audit@example.test"], Send = SendAction.SendAs, SubStatusId = pending.Id }, CancellationToken.None);

        var message = await h.Db.Messages.AsNoTracking().FirstAsync(m => m.Id == queued.MessageId);
        Assert.Equal(MessageDirection.Outgoing, message.Direction);
        Assert.Equal(MessageKind.Agent, message.Kind);
        Assert.Equal(h.Agent.UserId, message.SentByUserId);
        Assert.Equal("audit@example.test", message.Bcc);
        Assert.Contains("<b>Ann Agent</b>, SUP team", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Ann Agent, SUP team", message.TextBody, StringComparison.Ordinal);
        Assert.Equal(Mailroom.Core.Storage.BlobStore.Hash(await h.Blobs.ReadAllAsync(message.RawSha256)), message.RawSha256);
        var outbox = await h.Db.Outbox.AsNoTracking().SingleAsync(o => o.MessageId == message.Id);
        Assert.Equal(OutboxState.Queued, outbox.State);
        Assert.Equal(h.Now, outbox.NextAttemptAt);
        Assert.Equal(h.Now.AddHours(24), outbox.GiveUpAt);
        var interaction = await h.Db.Interactions.AsNoTracking().FirstAsync(i => i.Id == seeded.InteractionId);
        Assert.Equal(MessageDirection.Outgoing, interaction.LastMessageDirection);
        Assert.Equal(h.Now, interaction.FirstResponseAt);
        Assert.Equal(pending.Id, interaction.SubStatusId);
        Assert.Equal(InteractionStatus.Open, interaction.Status);
        Assert.Contains(await h.Db.Events.AsNoTracking().Select(e => e.Type).ToListAsync(), t => t == nameof(MessageStored));
    }

    [Fact]
    public async Task Reply_SendAndClose_ClosesTheInteraction_AndAClosedOneRefusesAnotherReply()
    {
        await using var h = await OutboundHarness.CreateAsync();
        var account = await h.AccountAsync("support@example.test", "SUP");
        var seeded = await IncomingMailSeed.CreateAsync(h.Db, h.Blobs, account.Id, new IncomingMailSeed.Customer(), h.Now);

        await h.Reply().RunAsync(h.Agent, seeded.InteractionId, new ComposeInput { Body = "Bye", Send = SendAction.SendAndClose }, CancellationToken.None);

        var interaction = await h.Db.Interactions.AsNoTracking().FirstAsync(i => i.Id == seeded.InteractionId);
        Assert.Equal(InteractionStatus.Closed, interaction.Status);
        Assert.Equal(h.Now, interaction.ClosedAt);
        await Assert.ThrowsAsync<ConflictException>(() =>
            h.Reply().RunAsync(h.Agent, seeded.InteractionId, new ComposeInput { Body = "Again" }, CancellationToken.None));
    }

    [Fact]
    public async Task Reply_ByAnAgentOutsideTheAccount_IsNotFound()
    {
        await using var h = await OutboundHarness.CreateAsync();
        var account = await h.AccountAsync("support@example.test", "SUP");
        var seeded = await IncomingMailSeed.CreateAsync(h.Db, h.Blobs, account.Id, new IncomingMailSeed.Customer(), h.Now);

        await Assert.ThrowsAsync<NotFoundException>(() =>
            h.Reply().RunAsync(new Actor(h.Agent.UserId + 100, Mailroom.Core.Users.Role.Agent), seeded.InteractionId, new ComposeInput { Body = "x" }, CancellationToken.None));
    }
}
