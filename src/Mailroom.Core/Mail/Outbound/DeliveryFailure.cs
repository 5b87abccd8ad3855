using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Mailroom.Core.Mail.Outbound;

/// <summary>Whether an SMTP failure is worth retrying, and the words to show the agent.</summary>
public sealed record DeliveryFailure(bool Permanent, string Text)
{
    public static DeliveryFailure Classify(Exception ex) => ex switch
    {
        // 5xx is the server's final answer (unknown mailbox, message too big, relay denied …).
        SmtpCommandException smtp when (int)smtp.StatusCode >= 500 => new(true, $"{(int)smtp.StatusCode} {smtp.Message}"),
        SmtpCommandException smtp => new(false, $"{(int)smtp.StatusCode} {smtp.Message}"),
        // A wrong password does not get better by retrying; the admin must fix the account.
        AuthenticationException auth => new(true, auth.Message),
        SmtpProtocolException or IOException or SocketException or TimeoutException or ServiceNotConnectedException
            or SslHandshakeException => new(false, ex.Message),
        _ => new(false, ex.Message),
    };
}
