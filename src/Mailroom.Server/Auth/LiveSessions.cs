using System.Collections.Concurrent;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Server.Auth;

/// <summary>
/// Every open Blazor circuit and SignalR connection, with the user's security stamp and access version as they
/// were when it opened. <see cref="LiveSessionSweeper"/> compares them with the database every few seconds, in one
/// query for all of them, and closes those whose user was deactivated, changed role, signed out, changed password
/// or lost an account: an open page must not keep powers its user no longer has.
/// </summary>
public sealed class LiveSessions
{
    private readonly ConcurrentDictionary<object, Session> _sessions = new();

    /// <summary>Closes one session; called at most once.</summary>
    public delegate Task Close();

    private sealed record Session(int UserId, string? Stamp, int AccessVersion, Close Close);

    /// <summary>Reads what the user's session must match now; null when the user may not have one at all.</summary>
    public static async Task<(string Stamp, int AccessVersion)?> CurrentAsync(MailroomDb db, int userId, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId && u.IsActive)
            .Select(u => new { u.SecurityStamp, u.AccessVersion }).FirstOrDefaultAsync(ct);
        return user is null ? null : (user.SecurityStamp, user.AccessVersion);
    }

    public void Add(object key, int userId, string? stamp, int accessVersion, Close close) =>
        _sessions[key] = new Session(userId, stamp, accessVersion, close);

    public void Remove(object key) => _sessions.TryRemove(key, out _);

    /// <summary>One pass: closes every session that no longer matches its user.</summary>
    public async Task SweepAsync(MailroomDb db, CancellationToken ct)
    {
        // Only the sessions open before the query are judged by its answer: one that opens meanwhile was checked
        // against the database as it opened, and its user's absence from the answer must not read as "deleted".
        var open = _sessions.ToArray();
        if (open.Length == 0)
        {
            return;
        }

        var ids = open.Select(s => s.Value.UserId).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.IsActive, u.SecurityStamp, u.AccessVersion }).ToDictionaryAsync(u => u.Id, ct);
        foreach (var entry in open)
        {
            var (session, user) = (entry.Value, users.GetValueOrDefault(entry.Value.UserId));
            var valid = user is { IsActive: true } && user.SecurityStamp == session.Stamp && user.AccessVersion == session.AccessVersion;
            if (!valid && _sessions.TryRemove(entry))
            {
                await session.Close();
            }
        }
    }
}

/// <summary>Runs <see cref="LiveSessions.SweepAsync"/> every two seconds.</summary>
internal sealed class LiveSessionSweeper(LiveSessions sessions, IServiceScopeFactory scopes, TimeProvider time, ILogger<LiveSessionSweeper> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await sessions.SweepAsync(scope.ServiceProvider.GetRequiredService<MailroomDb>(), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Checking open sessions failed; next pass in {Interval}", Interval);
            }
        }
    }
}
