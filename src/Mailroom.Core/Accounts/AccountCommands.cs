using Mailroom.Core.Audit;
using Mailroom.Core.Common;
using Mailroom.Core.Events;
using Mailroom.Core.Security;
using Mailroom.Core.Storage;
using Mailroom.Core.Templates;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Accounts;

/// <summary>Administration of email accounts and of who may work in them.</summary>
public sealed class AccountCommands(MailroomDb db, SecretProtector secrets, TimeProvider time, TemplateRenderer templates)
{
    public async Task<IReadOnlyList<AccountView>> ListAsync(Actor actor, CancellationToken ct)
    {
        var visible = db.VisibleAccountIds(actor);
        var accounts = await db.Accounts.AsNoTracking().Include(a => a.Members)
            .Where(a => visible.Contains(a.Id)).OrderBy(a => a.Name).ToListAsync(ct);
        return accounts.Select(AccountView.From).ToList();
    }

    public async Task<AccountView> GetAsync(Actor actor, int id, CancellationToken ct)
    {
        await db.RequireAccountAsync(actor, id, ct);
        return AccountView.From(await LoadAsync(id, ct));
    }

    public async Task<AccountView> CreateAsync(Actor actor, AccountInput input, CancellationToken ct)
    {
        actor.RequireAdmin();
        input = input.WithDefaults();
        AccountValidation.Validate(input, templates);
        await RequireUniqueKeyAsync(input.Key!, null, ct);
        await RequireContactListAsync(input.DefaultContactListId, ct);
        await RequireOAuthAppAsync(input, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var account = new EmailAccount { Name = "", Key = "", Address = "", CreatedAt = now };
        Apply(account, input, now);
        db.Accounts.Add(account);
        db.Audit(actor, "account created", $"account {account.Key}", account.Address, now);
        await db.SaveChangesAsync(ct);
        db.Append(new AccountChanged(account.Id, Deleted: false), now, account.Id);
        await db.SaveChangesAsync(ct);
        return AccountView.From(account);
    }

    public async Task<AccountView> UpdateAsync(Actor actor, int id, AccountInput input, CancellationToken ct)
    {
        actor.RequireAdmin();
        input = input.WithDefaults();
        AccountValidation.Validate(input, templates);
        var account = await LoadAsync(id, ct);
        await RequireUniqueKeyAsync(input.Key!, id, ct);
        await RequireContactListAsync(input.DefaultContactListId, ct);
        await RequireOAuthAppAsync(input, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var before = (account.Key, account.Address, account.Active, account.Retention.Days, account.Retention.Mode, account.Retention.LegalHold);
        Apply(account, input, now);
        db.Audit(actor, "account changed", $"account {account.Key}", AuditTrail.Changes(("key", before.Key, account.Key), ("address", before.Address, account.Address),
            ("active", before.Active, account.Active), ("retention days", before.Days, account.Retention.Days), ("retention", before.Mode, account.Retention.Mode),
            ("legal hold", before.LegalHold, account.Retention.LegalHold)) ?? "settings saved", now);
        db.Append(new AccountChanged(account.Id, Deleted: false), now, account.Id);
        await db.SaveChangesAsync(ct);
        return AccountView.From(account);
    }

    public async Task DeleteAsync(Actor actor, int id, CancellationToken ct)
    {
        actor.RequireAdmin();
        var account = await LoadAsync(id, ct);
        if (await db.Interactions.AnyAsync(i => i.AccountId == id, ct))
        {
            throw new ConflictException($"Email account '{account.Key}' still holds interactions: deactivate it instead, or delete or transfer them first.");
        }

        db.Accounts.Remove(account);
        db.Audit(actor, "account deleted", $"account {account.Key}", account.Address, time.GetUtcNow().UtcDateTime);
        db.Append(new AccountChanged(id, Deleted: true), time.GetUtcNow().UtcDateTime, accountId: null);
        await db.SaveChangesAsync(ct);
    }

    public async Task<AccountView> SetMembersAsync(Actor actor, int id, IReadOnlyCollection<int> userIds, CancellationToken ct)
    {
        actor.RequireAdmin();
        var account = await LoadAsync(id, ct);
        var known = await db.Users.Where(u => userIds.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct);
        var unknown = userIds.Except(known).ToList();
        if (unknown.Count > 0)
        {
            throw ValidationFailedException.For("userIds", $"userIds {string.Join(", ", unknown)} are not users.");
        }

        var removed = account.Members.Where(m => !userIds.Contains(m.UserId)).Select(m => m.UserId).ToList();
        account.Members.RemoveAll(m => !userIds.Contains(m.UserId));
        // Their open pages and live connections (counters of this account included) close and reopen without it.
        foreach (var user in await db.Users.Where(u => removed.Contains(u.Id)).ToListAsync(ct))
        {
            user.AccessVersion++;
        }

        var added = userIds.Where(u => account.Members.All(m => m.UserId != u)).ToList();
        foreach (var userId in added)
        {
            account.Members.Add(new AccountMember { AccountId = id, UserId = userId });
        }

        var emails = await db.Users.Where(u => added.Contains(u.Id) || removed.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, ct);
        var changes = added.Select(u => "+" + emails[u]).Concat(removed.Select(u => "−" + emails[u])).ToList();
        if (changes.Count > 0)
        {
            db.Audit(actor, "members changed", $"account {account.Key}", string.Join(", ", changes), time.GetUtcNow().UtcDateTime);
        }

        db.Append(new AccountChanged(id, Deleted: false), time.GetUtcNow().UtcDateTime, id);
        await db.SaveChangesAsync(ct);
        return AccountView.From(account);
    }

    public async Task<AccountView> AddMemberAsync(Actor actor, int id, int userId, CancellationToken ct)
    {
        var current = (await LoadAsync(id, ct)).Members.Select(m => m.UserId);
        return await SetMembersAsync(actor, id, current.Append(userId).Distinct().ToList(), ct);
    }

    public async Task<AccountView> RemoveMemberAsync(Actor actor, int id, int userId, CancellationToken ct)
    {
        var current = (await LoadAsync(id, ct)).Members.Select(m => m.UserId);
        return await SetMembersAsync(actor, id, current.Where(u => u != userId).ToList(), ct);
    }

    private async Task<EmailAccount> LoadAsync(int id, CancellationToken ct) =>
        await db.Accounts.Include(a => a.Members).FirstOrDefaultAsync(a => a.Id == id, ct)
        ?? throw new NotFoundException($"Email account {id}");

    private async Task RequireUniqueKeyAsync(string key, int? exceptId, CancellationToken ct)
    {
        if (await db.Accounts.AnyAsync(a => a.Key == key && a.Id != exceptId, ct))
        {
            throw ValidationFailedException.For("key", $"'{key}' is already used by another account.");
        }
    }

    private async Task RequireContactListAsync(int? listId, CancellationToken ct)
    {
        if (listId is int id && !await db.ContactLists.AnyAsync(l => l.Id == id, ct))
        {
            throw ValidationFailedException.For("defaultContactListId", $"contact list {id} does not exist.");
        }
    }

    private async Task RequireOAuthAppAsync(AccountInput input, CancellationToken ct)
    {
        if (input.AuthMethod != MailAuthMethod.OAuth)
        {
            return;
        }

        if (input.OAuthAppId is not int id)
        {
            throw ValidationFailedException.For("oAuthAppId", "is required to sign in with OAuth: choose the app registration.");
        }

        if (!await db.OAuthApps.AnyAsync(a => a.Id == id, ct))
        {
            throw ValidationFailedException.For("oAuthAppId", $"app registration {id} does not exist.");
        }
    }

    private void Apply(EmailAccount a, AccountInput input, DateTime now)
    {
        a.Name = input.Name!.Trim();
        a.Key = input.Key!.Trim();
        a.Address = input.Address!.Trim().ToLowerInvariant();
        a.DefaultContactListId = input.DefaultContactListId;
        a.Active = input.Active;
        a.Service = input.Service;
        a.Description = input.Description;
        a.Imap.Host = input.Imap.Host?.Trim() ?? "";
        a.Imap.Port = input.Imap.Port;
        a.Imap.Ssl = input.Imap.Ssl;
        a.Imap.Authentication = input.Imap.Authentication;
        a.Imap.Username = input.Imap.Username;
        a.Imap.Mailbox = input.Imap.Mailbox;
        a.Imap.ConnectionTimeoutSeconds = input.Imap.ConnectionTimeoutSeconds;
        a.Imap.AuthenticationTimeoutSeconds = input.Imap.AuthenticationTimeoutSeconds;
        a.Imap.PasswordCipher = input.Imap.Password is null ? a.Imap.PasswordCipher : secrets.Protect(input.Imap.Password);
        a.Smtp.Host = input.Smtp.Host?.Trim() ?? "";
        a.Smtp.Port = input.Smtp.Port;
        a.Smtp.Secure = input.Smtp.Secure;
        a.Smtp.Authentication = input.Smtp.Authentication;
        a.Smtp.Username = input.Smtp.Username;
        a.Smtp.PasswordCipher = input.Smtp.Password is null ? a.Smtp.PasswordCipher : secrets.Protect(input.Smtp.Password);
        ApplyAuthMethod(a, input);
        a.MarkAsUnreadAllowed = input.MarkAsUnreadAllowed;
        a.WaitForAssignedAgentSeconds = input.WaitForAssignedAgentSeconds;
        a.WaitForAssignedQueueSeconds = input.WaitForAssignedQueueSeconds;
        a.SignatureTemplate = input.SignatureTemplate;
        a.Notification = input.Notification;
        a.Transfer = input.Transfer;
        a.Disposition = input.Disposition;
        a.SaveCopyToSentFolder = input.SaveCopyToSentFolder;
        a.Hold = input.Hold.Copy();
        a.Retention = input.Retention?.Copy() ?? a.Retention;
        a.UpdatedAt = now;
        MailServicePresets.Apply(a);
    }

    // A grant belongs to the registration that issued it: another registration (or leaving OAuth) forgets it.
    private static void ApplyAuthMethod(EmailAccount a, AccountInput input)
    {
        var appId = input.AuthMethod == MailAuthMethod.OAuth ? input.OAuthAppId : null;
        if (a.OAuthAppId != appId)
        {
            a.OAuth = new();
        }

        a.AuthMethod = input.AuthMethod;
        a.OAuthAppId = appId;
    }
}
