using Mailroom.Core.Common;
using Mailroom.Core.Interactions;
using Mailroom.Core.Mail.Outbound;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Tests.Mail.Outbound;

public sealed class ForwardTests
{
    [Fact]
    public async Task Forward_WithTheOriginalsAttachments_SendsThemToAnyAddress()
    {
        await using var h = await OutboundHarness.CreateAsync();
        var account = await h.AccountAsync("support@example.test", "SUP");
        var pdf = "%PDF-1.4 invoice"u8.ToArray();
        var seeded = await IncomingMailSeed.CreateAsync(h.Db, h.Blobs, account.Id,
            new IncomingMailSeed.Customer { Attachments = [("invoice.pdf", "application/pdf", pdf)] }, h.Now);

        var queued = await h.Forward().RunAsync(h.Agent, seeded.InteractionId,
            new ComposeInput { To = ["accounting@partner.test"], Cc = ["boss@partner.test"], Body = "FYI", Format = BodyFormat.Text }, CancellationToken.None);

        var raw = await h.RawAsync(queued.MessageId);
        Assert.Equal(["accounting@partner.test"], raw.To.Mailboxes.Select(m => m.Address));
        Assert.Equal(["boss@partner.test"], raw.Cc.Mailboxes.Select(m => m.Address));
        Assert.Equal("Fwd: " + seeded.Subject, raw.Subject);
        var attachment = Assert.Single(raw.Attachments.OfType<MimeKit.MimePart>());
        Assert.Equal("invoice.pdf", attachment.FileName);
        using var decoded = new MemoryStream();
        await attachment.Content!.DecodeToAsync(decoded);
        Assert.Equal(pdf, decoded.ToArray());
        Assert.Contains("Forwarded message", raw.TextBody, StringComparison.Ordinal);
        var stored = await h.Db.Attachments.AsNoTracking().Where(a => a.MessageId == queued.MessageId).SingleAsync();
        Assert.Equal(Mailroom.Core.Storage.BlobStore.Hash(pdf), stored.BlobSha256);
    }

    [Fact]
    public async Task Forward_WithoutRecipients_NamesTheToField()
    {
        await using var h = await OutboundHarness.CreateAsync();
        var account = await h.AccountAsync("support@example.test", "SUP");
        var seeded = await IncomingMailSeed.CreateAsync(h.Db, h.Blobs, account.Id, new IncomingMailSeed.Customer(), h.Now);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            h.Forward().RunAsync(h.Agent, seeded.InteractionId, new ComposeInput { Body = "FYI" }, CancellationToken.None));

        Assert.Contains("to", error.Errors.Keys);
    }

    [Fact]
    public async Task NewMessage_FromAMembersAccount_StartsAnOpenInteractionAssignedToTheSender()
    {
        await using var h = await OutboundHarness.CreateAsync();
        var account = await h.AccountAsync("sales@example.test", "SAL");

        var queued = await h.NewMessage().RunAsync(h.Agent,
            new ComposeInput { AccountId = account.Id, To = ["lead@customer.test"], Subject = "Our offer", Body = "<p>Hello</p>" }, CancellationToken.None);

        var interaction = await h.Db.Interactions.AsNoTracking().FirstAsync(i => i.Id == queued.InteractionId);
        Assert.Equal((account.Id, InteractionStatus.Open, h.Agent.UserId), (interaction.AccountId, interaction.Status, interaction.AssignedUserId));
        var raw = await h.RawAsync(queued.MessageId);
        Assert.Equal("sales@example.test", raw.From.Mailboxes.Single().Address);
        Assert.Null(raw.InReplyTo);
        // HTML gets a generated text part.
        Assert.Equal("Hello", raw.TextBody?.Trim());
        Assert.Equal("<p>Hello</p>", raw.HtmlBody);
    }

    [Fact]
    public async Task NewMessage_FromAnAccountTheAgentIsNotIn_IsNotFound()
    {
        await using var h = await OutboundHarness.CreateAsync();
        var account = await h.AccountAsync("sales@example.test", "SAL");
        await h.Db.AccountMembers.ExecuteDeleteAsync();

        await Assert.ThrowsAsync<NotFoundException>(() => h.NewMessage().RunAsync(h.Agent,
            new ComposeInput { AccountId = account.Id, To = ["lead@customer.test"], Subject = "Offer", Body = "x" }, CancellationToken.None));
    }
}
