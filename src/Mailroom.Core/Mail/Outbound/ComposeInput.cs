using System.Text.Json.Serialization;

namespace Mailroom.Core.Mail.Outbound;

/// <summary>What the agent typed: the same shape for reply, reply all, forward and a new message.</summary>
public sealed record ComposeInput
{
    /// <summary>Extra To recipients (reply and reply all compute theirs; forward and new message need at least one).</summary>
    public IReadOnlyList<string>? To { get; init; }

    public IReadOnlyList<string>? Cc { get; init; }
    public IReadOnlyList<string>? Bcc { get; init; }

    /// <summary>Defaults to "Re: …" or "Fwd: …" of the original; required for a new message.</summary>
    public string? Subject { get; init; }

    public string? Body { get; init; }
    public BodyFormat Format { get; init; } = BodyFormat.Html;
    public IReadOnlyList<AttachmentInput>? Attachments { get; init; }
    public SendAction Send { get; init; } = SendAction.Send;

    /// <summary>For <see cref="SendAction.SendAs"/>: the open sub-status to set (e.g. Pending).</summary>
    public int? SubStatusId { get; init; }

    /// <summary>For <see cref="SendAction.SendAndClose"/>: the disposition to close with (required where the account makes it mandatory).</summary>
    public int? DispositionId { get; init; }

    /// <summary>The message answered or forwarded; defaults to the interaction's latest customer message.</summary>
    public long? MessageId { get; init; }

    /// <summary>"Show original message": a reply quotes the message it answers under the agent's words.</summary>
    public bool QuoteOriginal { get; init; }

    /// <summary>Scheduled send: when to send it (UTC), at least a minute and at most a year ahead; null sends now.</summary>
    public DateTime? SendAt { get; init; }

    /// <summary>For a new message: the account it leaves from.</summary>
    public int? AccountId { get; init; }

    /// <summary>See <see cref="SendOnce"/>: from the <c>Idempotency-Key</c> header, never from the body.</summary>
    [JsonIgnore]
    public string? IdempotencyKey { get; init; }
}

/// <summary>A file uploaded earlier (<c>POST /api/uploads</c>); a Content-ID makes it an inline image.</summary>
public sealed record AttachmentInput(string UploadId, string FileName, string? ContentType = null, string? ContentId = null);

public enum BodyFormat
{
    Html = 0,
    Text = 1,
}

/// <summary>What happens with the interaction as the answer leaves.</summary>
public enum SendAction
{
    Send = 0,
    SendAs = 1,
    SendAndClose = 2,
}

/// <summary>The answer of every compose use case.</summary>
public sealed record QueuedMessage(long MessageId, long InteractionId, string MessageIdHeader);
