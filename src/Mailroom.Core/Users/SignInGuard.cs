using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Users;

/// <summary>
/// Brute-force protection: after a few wrong passwords for one address, or many from one client, sign-in is
/// refused for a while that doubles with each further failure (30 s, 1 min, 2 min … at most an hour), whether
/// the address exists or not, so the lock reveals nothing either. A right password clears the address's count.
/// </summary>
public sealed class SignInGuard(MailroomDb db, TimeProvider time)
{
    /// <summary>Wrong passwords for one address before it is locked.</summary>
    public const int AddressFailures = 5;

    /// <summary>Wrong passwords from one client address before it is locked: higher, as a whole office may share one.</summary>
    public const int ClientFailures = 50;

    private static readonly TimeSpan FirstLock = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LongestLock = TimeSpan.FromHours(1);

    /// <summary>How long sign-in stays refused for this address or client; null when it is not.</summary>
    public async Task<TimeSpan?> LockedForAsync(string email, string? clientIp, CancellationToken ct)
    {
        var keys = Keys(email, clientIp);
        var now = time.GetUtcNow().UtcDateTime;
        var until = await db.SignInThrottles.AsNoTracking().Where(t => keys.Contains(t.Key) && t.LockedUntil > now)
            .Select(t => t.LockedUntil).MaxAsync(ct);
        return until is { } u ? u - now : null;
    }

    public async Task RecordFailureAsync(string email, string? clientIp, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var (key, allowed) in Keys(email, clientIp).Select(k => (k, k.StartsWith("ip:", StringComparison.Ordinal) ? ClientFailures : AddressFailures)))
        {
            var row = await db.SignInThrottles.FirstOrDefaultAsync(t => t.Key == key, ct);
            if (row is null)
            {
                db.SignInThrottles.Add(row = new SignInThrottle { Key = key });
            }

            // A quiet day forgives old failures.
            if (now - row.LastFailureAt > TimeSpan.FromDays(1))
            {
                row.Failures = 0;
            }

            row.Failures++;
            row.LastFailureAt = now;
            if (row.Failures >= allowed)
            {
                var doubled = FirstLock * Math.Pow(2, Math.Min(row.Failures - allowed, 10));
                row.LockedUntil = now + (doubled < LongestLock ? doubled : LongestLock);
            }
        }

        await db.SaveChangesAsync(ct);
    }

    public Task RecordSuccessAsync(string email, CancellationToken ct)
    {
        var key = "email:" + email;
        return db.SignInThrottles.Where(t => t.Key == key).ExecuteDeleteAsync(ct);
    }

    private static List<string> Keys(string email, string? clientIp)
    {
        var keys = new List<string> { "email:" + (email.Length > 320 ? email[..320] : email) };
        if (!string.IsNullOrEmpty(clientIp))
        {
            keys.Add("ip:" + clientIp);
        }

        return keys;
    }
}
