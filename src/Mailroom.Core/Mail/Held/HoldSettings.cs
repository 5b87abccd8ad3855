namespace Mailroom.Core.Mail.Held;

/// <summary>
/// How strict an account's Held stage is. The defaults hold what a contact center does not want offered to an
/// agent; a mailbox behind a filter that already judged the mail may route more of it.
/// </summary>
public sealed class HoldSettings
{
    public const int DefaultFloodLimit = 10;
    public const int DefaultFloodWindowMinutes = 5;
    public const int DefaultExpiryDays = 30;

    /// <summary>Automatic mail (auto replies, lists, bulk) is routed like a customer's instead of being held.</summary>
    public bool RouteAutomaticMail { get; set; }

    /// <summary>Hold at or above this SpamAssassin score (X-Spam-Status score=); unset: SpamAssassin's own Yes/No.</summary>
    public double? SpamAssassinScore { get; set; }

    /// <summary>Hold at or above this rspamd score (X-Rspamd-Score); unset: rspamd's own action.</summary>
    public double? RspamdScore { get; set; }

    /// <summary>Mail whose Authentication-Results say dmarc=fail is routed instead of held.</summary>
    public bool RouteDmarcFailures { get; set; }

    /// <summary>More than this many mails from one sender within <see cref="FloodWindowMinutes"/> is a flood.</summary>
    public int FloodLimit { get; set; } = DefaultFloodLimit;

    public int FloodWindowMinutes { get; set; } = DefaultFloodWindowMinutes;

    /// <summary>Held mail nobody released is deleted after this many days.</summary>
    public int ExpiryDays { get; set; } = DefaultExpiryDays;

    public HoldSettings Copy() => (HoldSettings)MemberwiseClone();
}
