using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using Mailroom.Core.Mail.Outbound;

namespace Mailroom.Core.Tests.Mail.Outbound;

public sealed class DeliveryFailureTests
{
    public static TheoryData<Exception, bool> Failures => new()
    {
        // Postfix while its SASL backend (Dovecot) is down: AUTH fails, but only for now.
        { AuthFailed(454, "4.7.0 Temporary authentication failure"), false },
        { AuthFailed(535, "5.7.8 Error: authentication failed"), true },
        { new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, (SmtpStatusCode)452, "4.2.2 Mailbox full"), false },
        { new SmtpCommandException(SmtpErrorCode.MessageNotAccepted, SmtpStatusCode.ServiceNotAvailable, "4.3.2 Shutting down"), false },
        { new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable, "5.1.1 No such user"), true },
        { new AuthenticationException("No compatible authentication mechanisms found."), true },
        { new SocketException((int)SocketError.ConnectionRefused), false },
        { new TimeoutException("Could not connect to SMTP within 10 s"), false },
        { new IOException("The server hung up."), false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Classify_ByTheServersReplyCode_4xxIsTemporary_5xxPermanent_NoCodeTemporary(Exception failure, bool permanent)
    {
        Assert.Equal(permanent, DeliveryFailure.Classify(failure).Permanent);
    }

    [Fact]
    public void Classify_TemporaryAuthenticationFailure_KeepsTheServersWordsForTheAgent()
    {
        Assert.Contains("Temporary authentication failure", DeliveryFailure.Classify(AuthFailed(454, "4.7.0 Temporary authentication failure")).Text);
    }

    // The shape MailKit throws for a refused AUTH: the reply rides on the inner exception.
    private static AuthenticationException AuthFailed(int code, string text) =>
        new($"{code}: {text}", new SmtpCommandException(SmtpErrorCode.UnexpectedStatusCode, (SmtpStatusCode)code, text));
}
