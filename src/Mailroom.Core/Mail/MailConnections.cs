using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Security;
using Mailroom.Core.Accounts;
using Mailroom.Core.OAuth;
using Mailroom.Core.Security;

namespace Mailroom.Core.Mail;

/// <summary>
/// Opens authenticated IMAP and SMTP sessions for an account, honouring its connection and authentication
/// timeouts. Inbound, outbound and "verify connection" all go through here, so they behave the same.
/// </summary>
public sealed class MailConnections(SecretProtector secrets, IMailConnector connector, AccessTokens tokens)
{
    /// <summary>The access tokens OAuth accounts sign in with, for a session that renews its own ahead of expiry.</summary>
    public AccessTokens Tokens => tokens;

    public async Task<ImapClient> OpenImapAsync(EmailAccount account, CancellationToken ct, IProtocolLogger? logger = null)
    {
        var client = logger is null ? new ImapClient() : new ImapClient(logger);
        try
        {
            var settings = account.Imap;
            client.Timeout = (int)TimeSpan.FromSeconds(Math.Max(settings.ConnectionTimeoutSeconds, 30)).TotalMilliseconds;
            await WithTimeoutAsync(settings.ConnectionTimeoutSeconds, "connect to IMAP",
                t => connector.ConnectAsync(client, settings.Host, settings.Port, Security(settings.Ssl, settings.Port, 993), t), ct);
            if (settings.Authentication)
            {
                await AuthenticateAsync(client, account, settings.Username, settings.PasswordCipher, "authenticate to IMAP", ct);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public async Task<SmtpClient> OpenSmtpAsync(EmailAccount account, CancellationToken ct)
    {
        var client = new SmtpClient();
        try
        {
            var settings = account.Smtp;
            var connectTimeout = account.Imap.ConnectionTimeoutSeconds;
            client.Timeout = (int)TimeSpan.FromSeconds(Math.Max(connectTimeout, 60)).TotalMilliseconds;
            await WithTimeoutAsync(connectTimeout, "connect to SMTP",
                t => connector.ConnectAsync(client, settings.Host, settings.Port, Security(settings.Secure, settings.Port, 465), t), ct);
            if (settings.Authentication)
            {
                await AuthenticateAsync(client, account, settings.Username, settings.PasswordCipher, "authenticate to SMTP", ct);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    // A password (or app password) lets MailKit pick the strongest mechanism the server offers; an OAuth account
    // presents a fresh access token with the mechanism its provider speaks. The token is fetched before the
    // authentication timeout starts: a slow token endpoint is not the mail server's fault.
    private async Task AuthenticateAsync(IMailService client, EmailAccount account, string? username, string? passwordCipher,
        string what, CancellationToken ct)
    {
        var user = username ?? account.Address;
        if (account.AuthMethod != MailAuthMethod.OAuth)
        {
            await WithTimeoutAsync(account.Imap.AuthenticationTimeoutSeconds, what,
                t => client.AuthenticateAsync(user, secrets.Unprotect(passwordCipher) ?? "", t), ct);
            return;
        }

        var token = await tokens.GetAsync(account.Id, ct);
        SaslMechanism sasl = token.Mechanism == OAuthMechanism.Oauthbearer
            ? new SaslMechanismOAuthBearer(user, token.Value)
            : new SaslMechanismOAuth2(user, token.Value);
        await WithTimeoutAsync(account.Imap.AuthenticationTimeoutSeconds, what, t => client.AuthenticateAsync(sasl, t), ct);
    }

    // Secure on the implicit-TLS port means TLS from the first byte; on any other port, STARTTLS is required.
    // Off means plain text, for servers on the same host.
    private static SecureSocketOptions Security(bool secure, int port, int implicitTlsPort) =>
        !secure ? SecureSocketOptions.None
        : port == implicitTlsPort ? SecureSocketOptions.SslOnConnect
        : SecureSocketOptions.StartTls;

    private static async Task WithTimeoutAsync(int seconds, string what, Func<CancellationToken, Task> action, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        try
        {
            await action(timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"Could not {what} within {seconds} s: check the host and port, or raise the timeout.");
        }
    }
}
