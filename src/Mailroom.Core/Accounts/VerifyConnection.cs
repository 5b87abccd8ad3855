using System.Diagnostics;
using Mailroom.Core.Common;
using Mailroom.Core.Mail;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Accounts;

/// <summary>Connects and authenticates to the account's SMTP and IMAP servers and reports each outcome in the server's words.</summary>
public sealed class VerifyConnection(MailroomDb db, MailConnections connections)
{
    public async Task<ConnectionReport> RunAsync(Actor actor, int accountId, CancellationToken ct)
    {
        actor.RequireAdmin();
        var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == accountId, ct)
            ?? throw new NotFoundException($"Email account {accountId}");
        var imap = await CheckAsync(async () =>
        {
            using var client = await connections.OpenImapAsync(account, ct);
            var folder = await client.GetFolderAsync(account.Imap.Mailbox, ct);
            await folder.StatusAsync(MailKit.StatusItems.Count, ct);
            await client.DisconnectAsync(true, ct);
        });
        var smtp = await CheckAsync(async () =>
        {
            using var client = await connections.OpenSmtpAsync(account, ct);
            await client.DisconnectAsync(true, ct);
        });
        return new ConnectionReport(imap, smtp);
    }

    private static async Task<ConnectionCheck> CheckAsync(Func<Task> check)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            await check();
            return new ConnectionCheck(true, null, watch.ElapsedMilliseconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new ConnectionCheck(false, Describe(ex), watch.ElapsedMilliseconds);
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        MailKit.Security.AuthenticationException => $"Authentication failed: {ex.Message}",
        OAuth.OAuthException o => $"The identity provider refused a token: {o.Message}. {o.Advice}",
        MailKit.FolderNotFoundException f => $"Mailbox '{f.FolderName}' does not exist on the server.",
        System.Net.Sockets.SocketException s => $"Cannot connect: {s.Message}",
        _ => ex.Message,
    };
}

public sealed record ConnectionReport(ConnectionCheck Imap, ConnectionCheck Smtp)
{
    public bool Ok => Imap.Ok && Smtp.Ok;
}

public sealed record ConnectionCheck(bool Ok, string? Error, long ElapsedMs);
