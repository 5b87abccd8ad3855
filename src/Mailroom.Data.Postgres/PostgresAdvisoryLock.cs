using Mailroom.Core.Mail.Inbound.Leases;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Mailroom.Data.Postgres;

/// <summary>
/// Account locks as PostgreSQL session advisory locks, all held on one dedicated connection of this node. The
/// server releases them the moment that session ends: a node killed with -9, or whose link died (TCP keepalive),
/// loses its accounts at once. A node that stalls with its socket still open is cut off by
/// <c>idle_session_timeout</c>, which a live node never reaches because every lease pass uses the session.
/// Each node also holds a lock of its own on the session, which is how nodes count each other.
/// </summary>
public sealed class PostgresAdvisoryLock(string connectionString, TimeSpan idleTimeout, ILogger<PostgresAdvisoryLock> logger)
    : IMailboxLock, IAsyncDisposable
{
    // The two-key form of advisory locks: the first key names what is locked, so no other user of the database
    // collides with these (and pg_locks shows them as classid / objid).
    private const int AccountKey = 0x4D52_0001;
    private const int NodeKey = 0x4D52_0002;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly int _nodeId = Random.Shared.Next(1, int.MaxValue);
    private NpgsqlConnection? _session;
    private bool _opened;

    public async Task<bool> EnsureSessionAsync(CancellationToken ct) =>
        await UseAsync(async session =>
        {
            if (session is not null)
            {
                try
                {
                    await using var ping = new NpgsqlCommand("SELECT 1", session);
                    await ping.ExecuteScalarAsync(ct);
                    return true;
                }
                catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or IOException)
                {
                    logger.LogWarning("Lock session lost: {Error}", ex.Message);
                    await DropAsync();
                }
            }

            // A first session has lost nothing; a replacement has lost everything the one before held.
            var first = !_opened;
            await OpenAsync(ct);
            _opened = true;
            return first;
        }, ct);

    public Task<bool> TryLockAsync(int accountId, CancellationToken ct) =>
        UseAsync(async session => await ScalarAsync<bool>(Required(session), "SELECT pg_try_advisory_lock(@p0, @p1)", ct, AccountKey, accountId), ct);

    public Task UnlockAsync(int accountId, CancellationToken ct) =>
        UseAsync(async session => session is not null && await ScalarAsync<bool>(session, "SELECT pg_advisory_unlock(@p0, @p1)", ct, AccountKey, accountId), ct);

    public Task<int> LiveNodesAsync(CancellationToken ct) =>
        UseAsync(async session => (int)await ScalarAsync<long>(Required(session),
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = @p0::oid AND objsubid = 2 AND granted "
            + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())", ct, NodeKey), ct);

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            await DropAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task OpenAsync(CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            // Its own physical connection: returning it to a pool would keep the locks alive after a "close".
            Pooling = false,
            KeepAlive = 5,
            ApplicationName = "mailroom-leases",
        };
        var session = new NpgsqlConnection(builder.ConnectionString);
        await session.OpenAsync(ct);
        await using (var timeout = new NpgsqlCommand($"SET idle_session_timeout = {(int)idleTimeout.TotalMilliseconds}", session))
        {
            await timeout.ExecuteNonQueryAsync(ct);
        }

        await ScalarAsync<object>(session, "SELECT pg_advisory_lock(@p0, @p1)", ct, NodeKey, _nodeId);
        _session = session;
    }

    private async Task DropAsync()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync();
            _session = null;
        }
    }

    private static NpgsqlConnection Required(NpgsqlConnection? session) =>
        session ?? throw new InvalidOperationException("No lock session: EnsureSessionAsync opens it first.");

    private async Task<T> UseAsync<T>(Func<NpgsqlConnection?, Task<T>> work, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return await work(_session);
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException)
        {
            // The next EnsureSessionAsync opens a new session and reports the locks of this one as lost.
            logger.LogWarning("Lock session failed: {Error}", ex.Message);
            await DropAsync();
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection session, string sql, CancellationToken ct, params int[] keys)
    {
        await using var command = new NpgsqlCommand(sql, session);
        for (var i = 0; i < keys.Length; i++)
        {
            command.Parameters.AddWithValue($"p{i}", keys[i]);
        }

        return (T)(await command.ExecuteScalarAsync(ct))!;
    }
}
