namespace Mailroom.Core.Mail.Held;

/// <summary>
/// What a message says about itself, read once while it is parsed: whether it is a delivery report, what the
/// receiving server's spam filters found, whether it is automatic. An account's settings then decide.
/// </summary>
public sealed record MailSigns(HoldVerdict? Bounce, SpamSigns Spam, HoldVerdict? Automatic)
{
    /// <summary>Bounces first (they are also "automatic"), then spam, then the rest, so the reason shown is the most specific one.</summary>
    public HoldVerdict? Verdict(HoldSettings settings) =>
        Bounce ?? Spam.Verdict(settings) ?? (settings.RouteAutomaticMail ? null : Automatic);
}

/// <summary>
/// The spam filters' findings: each filter's own verdict in its header's words (null when it said no), its
/// score when it gave one, and a DMARC failure from Authentication-Results.
/// </summary>
public sealed record SpamSigns(string? SpamAssassin, double? SpamAssassinScore, string? Rspamd, double? RspamdScore, string? DmarcFail)
{
    public HoldVerdict? Verdict(HoldSettings settings) =>
        Judge("SpamAssassin", SpamAssassin, SpamAssassinScore, settings.SpamAssassinScore)
        ?? Judge("rspamd", Rspamd, RspamdScore, settings.RspamdScore)
        ?? (DmarcFail is not null && !settings.RouteDmarcFailures ? new HoldVerdict(HoldReason.Spam, "Authentication-Results: " + DmarcFail) : null);

    // An account's own threshold replaces the filter's verdict when the filter gave a score; without one, its verdict stands.
    private static HoldVerdict? Judge(string filter, string? verdict, double? score, double? threshold) =>
        (threshold, score) switch
        {
            ({ } limit, { } s) => s >= limit
                ? new HoldVerdict(HoldReason.Spam, FormattableString.Invariant($"{filter} score {s} is at or above this account's limit of {limit}"))
                : null,
            _ => verdict is null ? null : new HoldVerdict(HoldReason.Spam, verdict),
        };
}
