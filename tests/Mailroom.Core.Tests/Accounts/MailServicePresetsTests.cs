using Mailroom.Core.Accounts;

namespace Mailroom.Core.Tests.Accounts;

public sealed class MailServicePresetsTests
{
    [Theory]
    [InlineData(MailService.Gmail, "imap.gmail.com", "smtp.gmail.com", 465)]
    [InlineData(MailService.Outlook365, "outlook.office365.com", "smtp.office365.com", 587)]
    public void Apply_PresetService_FillsHostsAndPorts(MailService service, string imapHost, string smtpHost, int smtpPort)
    {
        var account = new EmailAccount { Name = "n", Key = "K", Address = "a@b.test", Service = service };

        MailServicePresets.Apply(account);

        Assert.Equal((imapHost, 993, true), (account.Imap.Host, account.Imap.Port, account.Imap.Ssl));
        Assert.Equal((smtpHost, smtpPort), (account.Smtp.Host, account.Smtp.Port));
    }

    [Fact]
    public void Apply_Custom_KeepsWhatTheAdminTyped()
    {
        var account = new EmailAccount { Name = "n", Key = "K", Address = "a@b.test" };
        account.Imap.Host = "127.0.0.1";
        account.Imap.Port = 3143;

        MailServicePresets.Apply(account);

        Assert.Equal(("127.0.0.1", 3143), (account.Imap.Host, account.Imap.Port));
    }
}
