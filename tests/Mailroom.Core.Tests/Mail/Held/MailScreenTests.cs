using System.Text;
using Mailroom.Core.Mail.Held;
using Mailroom.Core.Mail.Inbound;
using Mailroom.Core.Tests.Mail.Inbound;

namespace Mailroom.Core.Tests.Mail.Held;

public sealed class MailScreenTests
{
    private static HoldVerdict? Screen(byte[] raw, HoldSettings? settings = null) => ParsedMail.Parse(raw).Signs.Verdict(settings ?? new HoldSettings());

    private static HoldVerdict? ScreenHeaders(string headers, string subject = "Where is my order?", HoldSettings? settings = null) =>
        Screen(Encoding.UTF8.GetBytes(IngestFixture.Mail(subject, "m@customer.test", extraHeaders: headers)), settings);

    private static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Mail", "Inbound", "Fixtures", name));

    [Fact]
    public void Screen_Rfc3464Report_IsABounce_NamingRecipientStatusDiagnostic_AndTheMessageItReportsOn()
    {
        var verdict = Screen(Fixture("bounce-postfix.eml"));

        Assert.Equal((HoldReason.Bounce, "reply-1@example.test"), (verdict?.Reason, verdict?.ReportsOn));
        Assert.Equal("nobody@customer.test", Assert.Single(verdict!.Failed!).Address);
        Assert.Equal("failed nobody@customer.test 5.1.1 smtp; 550 5.1.1 <nobody@customer.test>: Recipient address rejected: User unknown", verdict!.Detail);
    }

    [Fact]
    public void Screen_QmailFailureNotice_IsABounce()
    {
        var verdict = Screen(Fixture("bounce-qmail.eml"));

        Assert.Equal(HoldReason.Bounce, verdict?.Reason);
        Assert.Contains("failure notice", verdict!.Detail);
    }

    [Theory]
    [InlineData("Auto-Submitted: auto-replied\r\n", "Where is my order?", "Auto-Submitted: auto-replied")]
    [InlineData("Precedence: bulk\r\n", "Where is my order?", "Precedence: bulk")]
    [InlineData("X-Autoreply: yes\r\n", "Where is my order?", "X-Autoreply: yes")]
    [InlineData("X-Autorespond: Thanks\r\n", "Where is my order?", "X-Autorespond: Thanks")]
    [InlineData("", "Out of Office: Re: Your order", "Out-of-office subject: Out of Office: Re: Your order")]
    [InlineData("", "Automatische Antwort: Ihre Bestellung", "Out-of-office subject: Automatische Antwort: Ihre Bestellung")]
    [InlineData("", "Réponse automatique : commande", "Out-of-office subject: Réponse automatique : commande")]
    public void Screen_AutomaticMail_IsAutomatic_WithTheSign(string headers, string subject, string detail) =>
        Assert.Equal(new HoldVerdict(HoldReason.Automatic, detail), ScreenHeaders(headers, subject));

    [Theory]
    [InlineData("X-Spam-Flag: YES\r\nX-Spam-Status: Yes, score=9.1 required=5.0\r\n", "X-Spam-Flag: YES (Yes, score=9.1 required=5.0)")]
    [InlineData("X-Spam-Status: Yes, score=6.0 required=5.0 tests=URIBL\r\n", "X-Spam-Status: Yes, score=6.0 required=5.0 tests=URIBL")]
    [InlineData("X-Rspamd-Action: add header\r\nX-Rspamd-Score: 8.2\r\n", "X-Rspamd-Action: add header")]
    [InlineData("X-Spam: Yes\r\nX-Rspamd-Score: 16.5\r\n", "X-Spam: Yes (score 16.5)")]
    [InlineData("Authentication-Results: mx.example.test; spf=pass smtp.mailfrom=customer.test; dmarc=fail (p=reject) header.from=customer.test\r\n",
        "Authentication-Results: dmarc=fail (p=reject) header.from=customer.test")]
    public void Screen_SpamVerdictOnTheMail_IsSpam(string headers, string detail) =>
        Assert.Equal(new HoldVerdict(HoldReason.Spam, detail), ScreenHeaders(headers));

    [Theory]
    [InlineData("X-Spam-Flag: NO\r\nX-Spam-Status: No, score=0.1\r\nX-Rspamd-Action: no action\r\nAuthentication-Results: mx; dmarc=pass\r\n", "Where is my order?")]
    [InlineData("Auto-Submitted: no\r\n", "Re: out of office again? My order is late")]
    public void Screen_ACustomerWriting_IsNotHeld(string headers, string subject) =>
        Assert.Null(ScreenHeaders(headers, subject));

    [Theory]
    [InlineData("X-Spam-Status: No, score=4.2 required=5.0\r\n", 4.0, null, "SpamAssassin score 4.2 is at or above this account's limit of 4")]
    [InlineData("X-Spam-Flag: YES\r\nX-Spam-Status: Yes, score=6.0 required=5.0\r\n", 8.0, null, null)]
    [InlineData("X-Spam-Score: 7.5\r\n", 7.5, null, "SpamAssassin score 7.5 is at or above this account's limit of 7.5")]
    [InlineData("X-Rspamd-Action: no action\r\nX-Rspamd-Score: 6.1\r\n", null, 6.0, "rspamd score 6.1 is at or above this account's limit of 6")]
    [InlineData("X-Spamd-Result: default: False [9.50 / 15.00]\r\n", null, 9.0, "rspamd score 9.5 is at or above this account's limit of 9")]
    [InlineData("X-Rspamd-Action: add header\r\nX-Rspamd-Score: 8.2\r\n", null, 10.0, null)]
    public void Screen_AnAccountsScoreThreshold_ReplacesTheFiltersVerdict(string headers, double? spamAssassin, double? rspamd, string? detail) =>
        Assert.Equal(detail is null ? null : new HoldVerdict(HoldReason.Spam, detail),
            ScreenHeaders(headers, settings: new HoldSettings { SpamAssassinScore = spamAssassin, RspamdScore = rspamd }));

    [Fact]
    public void Screen_DmarcFailure_IsRouted_WhenTheAccountSaysSo_AndAutomaticMailToo()
    {
        var settings = new HoldSettings { RouteDmarcFailures = true, RouteAutomaticMail = true };

        Assert.Null(ScreenHeaders("Authentication-Results: mx; dmarc=fail header.from=customer.test\r\nAuto-Submitted: auto-replied\r\n", settings: settings));
        Assert.Equal(HoldReason.Bounce, Screen(Fixture("bounce-postfix.eml"), settings)?.Reason);
    }
}
