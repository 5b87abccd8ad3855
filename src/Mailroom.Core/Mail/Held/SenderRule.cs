namespace Mailroom.Core.Mail.Held;

/// <summary>
/// An account's verdict on a sender, by address (<c>ann@customer.test</c>) or by domain (<c>customer.test</c>,
/// which covers its subdomains too): blocked mail is held, allowed mail skips the automatic, spam and flood holds.
/// </summary>
public sealed class SenderRule
{
    public long Id { get; set; }
    public int AccountId { get; set; }

    /// <summary>An address or a domain, lower-cased, without a leading @.</summary>
    public required string Sender { get; set; }

    public SenderRuleKind Kind { get; set; }
    public int? CreatedByUserId { get; set; }
    public DateTime CreatedAt { get; set; }
}

public enum SenderRuleKind
{
    Block = 0,
    Allow = 1,
}
