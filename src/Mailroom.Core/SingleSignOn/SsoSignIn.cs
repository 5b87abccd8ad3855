using Mailroom.Core.Accounts;
using Mailroom.Core.Audit;
using Mailroom.Core.Common;
using Mailroom.Core.Storage;
using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.SingleSignOn;

/// <summary>Who the company's identity provider says signed in, as its ID token tells it.</summary>
public sealed record SsoIdentity(string? Email, string? Name, IReadOnlyCollection<string> Groups);

/// <summary>The person signed in, or why not.</summary>
public sealed record SsoOutcome(User? User, SsoRefusal? Refusal);

/// <summary>Why a sign-in the provider vouched for is refused here; the sign-in page says what to do about each.</summary>
public enum SsoRefusal
{
    NoEmail,
    NoMappedGroup,
    Deactivated,
}

/// <summary>
/// A staff sign-in through the company's identity provider. The provider is the source of truth for who works here:
/// a person is created at their first sign-in, and at every sign-in their role and email accounts follow their
/// groups as mapped by an administrator. Someone in no mapped group, or deactivated here, is refused.
/// </summary>
public sealed class SsoSignIn(MailroomDb db, TimeProvider time)
{
    public async Task<SsoOutcome> SignInAsync(SsoIdentity identity, string? clientIp, CancellationToken ct)
    {
        var email = identity.Email?.Trim().ToLowerInvariant();
        if (email is null || !Validator.IsEmail(email) || email.Length > 320)
        {
            return await RefuseAsync(email ?? "(no email)", "the provider sent no email address", SsoRefusal.NoEmail, clientIp, ct);
        }

        var groups = identity.Groups.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var mappings = (await db.SsoGroupMappings.AsNoTracking().ToListAsync(ct)).Where(m => groups.Contains(m.Group)).ToList();
        if (mappings.Count == 0)
        {
            return await RefuseAsync(email, $"in no mapped group (groups {Listed(groups)})", SsoRefusal.NoMappedGroup, clientIp, ct);
        }

        var user = await db.Users.FirstOrDefaultAsync(u => u.Email == email, ct);
        if (user is { IsActive: false })
        {
            return await RefuseAsync(email, "deactivated", SsoRefusal.Deactivated, clientIp, ct);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var actor = user is null ? null : new Actor(user.Id, user.Role);
        if (user is null)
        {
            user = new User { Email = email, DisplayName = DisplayName(identity, email), CreatedAt = now };
            db.Users.Add(user);
        }

        var role = mappings.Max(m => m.Role);
        var accountIds = mappings.SelectMany(m => m.AccountIds).Distinct().ToList();
        var accounts = await db.Accounts.Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Key, ct);
        var changes = await FollowGroupsAsync(user, role, accounts, ct);
        // A person created now has no id yet: their first entry is the system's, "user created by single sign-on".
        db.Audit(actor, actor is null ? "user created by single sign-on" : "signed in", $"user {email}",
            string.Join("; ", new[] { "single sign-on", $"groups {Listed(mappings.Select(m => m.Group))}", changes }.OfType<string>()), now, clientIp);
        await db.SaveChangesAsync(ct);
        return new SsoOutcome(user, null);
    }

    // Role and accounts are the groups' now; what shrinks closes the person's open pages (they reopen with less).
    private async Task<string?> FollowGroupsAsync(User user, Role role, Dictionary<int, string> accounts, CancellationToken ct)
    {
        var before = user.Id == 0 ? [] : await db.AccountMembers.Where(m => m.UserId == user.Id).ToListAsync(ct);
        var removed = before.Where(m => !accounts.ContainsKey(m.AccountId)).ToList();
        var added = accounts.Keys.Where(a => before.All(m => m.AccountId != a)).ToList();
        db.AccountMembers.RemoveRange(removed);
        foreach (var accountId in added)
        {
            db.AccountMembers.Add(new AccountMember { AccountId = accountId, User = user });
        }

        var roleChange = user.Id != 0 && user.Role != role ? $"role {Words(user.Role)} → {Words(role)}" : null;
        if (roleChange is not null || removed.Count > 0)
        {
            user.AccessVersion++;
        }

        user.Role = role;
        var keys = removed.Count == 0 ? [] : await db.Accounts.Where(a => removed.Select(r => r.AccountId).Contains(a.Id)).Select(a => a.Key).ToListAsync(ct);
        var memberships = added.Select(a => "+" + accounts[a]).Concat(keys.Select(k => "−" + k)).ToList();
        return string.Join("; ", new[] { user.Id == 0 ? $"role {Words(role)}" : roleChange, memberships.Count == 0 ? null : "accounts " + string.Join(", ", memberships) }
            .OfType<string>()) is { Length: > 0 } text ? text : null;
    }

    private async Task<SsoOutcome> RefuseAsync(string email, string why, SsoRefusal refusal, string? clientIp, CancellationToken ct)
    {
        db.Audit(null, "sign-in refused", $"user {email}", "single sign-on: " + why, time.GetUtcNow().UtcDateTime, clientIp);
        await db.SaveChangesAsync(ct);
        return new SsoOutcome(null, refusal);
    }

    private static string DisplayName(SsoIdentity identity, string email) =>
        identity.Name?.Trim() is { Length: > 0 and <= 200 } name ? name : email;

    private static string Listed(IEnumerable<string> groups) => groups.Any() ? string.Join(", ", groups.Order().Take(20)) : "none";

    private static string Words(Role role) => role.ToString().ToLowerInvariant();
}
