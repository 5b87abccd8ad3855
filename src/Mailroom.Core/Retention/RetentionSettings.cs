namespace Mailroom.Core.Retention;

/// <summary>How long an account keeps what its customers wrote, and whether a legal hold keeps all of it for now.</summary>
public sealed class RetentionSettings
{
    /// <summary>Closed interactions are deleted or anonymised this many days after they closed; null keeps them.</summary>
    public int? Days { get; set; }

    public RetentionMode Mode { get; set; } = RetentionMode.Delete;

    /// <summary>Nothing of the account is removed — by retention or by erasing a customer — until the hold is lifted.</summary>
    public bool LegalHold { get; set; }

    public RetentionSettings Copy() => (RetentionSettings)MemberwiseClone();
}

public enum RetentionMode
{
    /// <summary>The interaction goes with everything in it, as "Delete permanently" does.</summary>
    Delete = 0,

    /// <summary>
    /// The interaction stays for the reports (dates, queue, agent, disposition, service levels) without a word of the
    /// customer's: messages, raw mail, attachments, notes and drafts go, the subject and the customer link are cleared.
    /// </summary>
    Anonymise = 1,
}
