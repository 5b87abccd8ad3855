using MailKit.Net.Smtp;
using MailKit.Security;

namespace Mailroom.Core.Mail.Outbound;

/// <summary>Whether an SMTP failure is worth retrying, and the words to show the agent.</summary>
public sealed record DeliveryFailure(bool Permanent, string Text)
{
    /// <summary>The connection or login failed, not this message: retried on the short schedule.</summary>
    public bool Connection { get; init; }

    /// <summary>
    /// The server's reply code decides: 5xx is its final answer (unknown mailbox, message too big, relay denied,
    /// a wrong password), every 4xx is temporary by definition (RFC 5321 4.2.1), including
    /// <c>454 4.7.0 Temporary authentication failure</c>, which Postfix says while its SASL backend is down.
    /// Anything without a reply code (refused, timed out, cut off) is temporary too.
    /// </summary>
    public static DeliveryFailure Classify(Exception ex) => (ex, ReplyCode(ex)) switch
    {
        (_, int code) => new(code >= 500, ex is SmtpCommandException ? $"{code} {ex.Message}" : ex.Message),
        // An authentication failure MailKit reports without the server's code (no common mechanism, say).
        (AuthenticationException, null) => new(true, ex.Message),
        _ => new(false, ex.Message),
    };

    // MailKit puts the reply of a failed AUTH on an inner exception.
    private static int? ReplyCode(Exception ex) => ex switch
    {
        SmtpCommandException smtp => (int)smtp.StatusCode,
        AuthenticationException { InnerException: SmtpCommandException smtp } => (int)smtp.StatusCode,
        _ => null,
    };
}
