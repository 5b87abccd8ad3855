using Mailroom.Core.Accounts;
using Mailroom.Core.Common;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Mail.Inbound;

/// <summary>A stored message byte for byte, as it arrived: for "download .eml", audits and re-processing.</summary>
public sealed class RawMessages(MailroomDb db, BlobStore blobs)
{
    public async Task<Stream> OpenAsync(Actor actor, long messageId, CancellationToken ct)
    {
        var visible = db.VisibleAccountIds(actor);
        // Access follows the interaction: after an account transfer the new account's members see it.
        var sha = await db.Messages.AsNoTracking()
            .Where(m => m.Id == messageId && db.Interactions.Any(i => i.Id == m.InteractionId && visible.Contains(i.AccountId)))
            .Select(m => m.RawSha256)
            .FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException($"Message {messageId}");
        return blobs.OpenRead(sha);
    }
}
