namespace Mailroom.Core.Interactions;

/// <summary>An email in an interaction, incoming or outgoing, with its raw bytes in the blob store.</summary>
public sealed class Message
{
    public long Id { get; set; }
    public long InteractionId { get; set; }

    /// <summary>The account that received or sent it; it stays when the interaction moves to another account.</summary>
    public int AccountId { get; set; }

    public MessageDirection Direction { get; set; }
    public MessageKind Kind { get; set; } = MessageKind.Customer;

    /// <summary>The RFC 5322 Message-ID without angle brackets; threading looks it up in every account.</summary>
    public string? MessageIdHeader { get; set; }

    public string? InReplyTo { get; set; }

    /// <summary>The References ids, space separated, without angle brackets.</summary>
    public string? References { get; set; }

    public string From { get; set; } = "";
    public string? FromName { get; set; }

    /// <summary>Set when the message had no usable From: the header the sender was taken from ("Sender", "Reply-To").</summary>
    public string? FromFallback { get; set; }

    public string To { get; set; } = "";
    public string Cc { get; set; } = "";
    public string Bcc { get; set; } = "";
    public string? ReplyTo { get; set; }
    public string Subject { get; set; } = "";
    public DateTime? Date { get; set; }
    public string? TextBody { get; set; }
    public string? HtmlBody { get; set; }

    /// <summary>SHA-256 of the raw bytes: the blob's address and, with the Message-ID, the resync identity.</summary>
    public required string RawSha256 { get; set; }

    public long RawSize { get; set; }

    /// <summary>The account's address was only in Cc or Bcc (the UI says "you were in Cc").</summary>
    public AddressedAs AddressedAs { get; set; } = AddressedAs.To;

    /// <summary>Auto-Submitted, Precedence bulk/list/junk: never answered by an auto reply.</summary>
    public bool IsAutomatic { get; set; }

    /// <summary>Where the raw message came from in the mailbox, for exactly-once ingestion.</summary>
    public string? ImapMailbox { get; set; }

    public long? UidValidity { get; set; }
    public long? Uid { get; set; }

    public int? SentByUserId { get; set; }
    public DateTime CreatedAt { get; set; }

    public List<Attachment> Attachments { get; set; } = [];
}

public enum MessageKind
{
    Customer = 0,
    Agent = 1,
    AutoReply = 2,
    TransferNotice = 3,
}

public enum AddressedAs
{
    To = 0,
    Cc = 1,
    Bcc = 2,
}
