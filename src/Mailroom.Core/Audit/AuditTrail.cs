using Mailroom.Core.Common;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Audit;

/// <summary>Adds audit entries to the caller's unit of work, so that the fact and its record commit together.</summary>
public static class AuditTrail
{
    public static void Audit(this MailroomDb db, Actor? actor, string action, string target, string? details, DateTime at, string? clientIp = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            At = at,
            ActorUserId = actor?.PersonId,
            Action = action,
            Target = Cut(target, AuditEntry.TargetLength)!,
            Details = Cut(details, AuditEntry.DetailsLength),
            ClientIp = clientIp,
        });

    /// <summary>"a → b" for each of the named values that differ, joined; null when nothing did.</summary>
    public static string? Changes(params (string Name, object? Before, object? After)[] values)
    {
        var changed = values.Where(v => !Equals(v.Before, v.After)).Select(v => $"{v.Name} {v.Before ?? "(none)"} → {v.After ?? "(none)"}").ToList();
        return changed.Count == 0 ? null : string.Join("; ", changed);
    }

    /// <summary>"+a, −b": who or what joined and left a set, by name; null when nothing did.</summary>
    public static string? Membership(IEnumerable<string> before, IEnumerable<string> after)
    {
        var (was, now) = (before.ToHashSet(), after.ToHashSet());
        var changes = now.Where(n => !was.Contains(n)).Order().Select(n => "+" + n).Concat(was.Where(w => !now.Contains(w)).Order().Select(w => "−" + w)).ToList();
        return changes.Count == 0 ? null : string.Join(", ", changes);
    }

    /// <summary>"account SUP", or "all accounts" for what belongs to none (a general canned answer, a global disposition).</summary>
    public static async Task<string> AccountInWordsAsync(this MailroomDb db, int? accountId, CancellationToken ct) => accountId is { } id
        ? "account " + await db.Accounts.Where(a => a.Id == id).Select(a => a.Key).FirstAsync(ct)
        : "all accounts";

    private static string? Cut(string? text, int length) => text is { Length: > 0 } t && t.Length > length ? t[..(length - 1)] + "…" : text;
}
