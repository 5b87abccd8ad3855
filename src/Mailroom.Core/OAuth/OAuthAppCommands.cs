using Mailroom.Core.Audit;
using Mailroom.Core.Common;
using Mailroom.Core.Security;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.OAuth;

/// <summary>Administration of app registrations: one per tenant and provider, shared by its accounts.</summary>
public sealed class OAuthAppCommands(MailroomDb db, SecretProtector secrets, TimeProvider time)
{
    public async Task<IReadOnlyList<OAuthAppView>> ListAsync(Actor actor, CancellationToken ct)
    {
        actor.RequireAdmin();
        var apps = await db.OAuthApps.AsNoTracking().OrderBy(a => a.Name).ToListAsync(ct);
        return apps.Select(OAuthAppView.From).ToList();
    }

    public async Task<OAuthAppView> GetAsync(Actor actor, int id, CancellationToken ct)
    {
        actor.RequireAdmin();
        return OAuthAppView.From(await LoadAsync(id, ct));
    }

    public async Task<OAuthAppView> CreateAsync(Actor actor, OAuthAppInput input, CancellationToken ct)
    {
        actor.RequireAdmin();
        input.Validate();
        await RequireUniqueNameAsync(input.Name!, null, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var app = new OAuthApp { Name = "", ClientId = "", CreatedAt = now };
        Apply(app, input, now);
        db.OAuthApps.Add(app);
        db.Audit(actor, "app registration created", $"app registration {app.Name}", Summary(app), now);
        await db.SaveChangesAsync(ct);
        return OAuthAppView.From(app);
    }

    public async Task<OAuthAppView> UpdateAsync(Actor actor, int id, OAuthAppInput input, CancellationToken ct)
    {
        actor.RequireAdmin();
        input.Validate();
        var app = await LoadAsync(id, ct);
        await RequireUniqueNameAsync(input.Name!, id, ct);
        var before = (app.Name, Settings: Summary(app), Secret: app.ClientSecretCipher);
        Apply(app, input, time.GetUtcNow().UtcDateTime);
        // The secret itself never reaches the log: only that it was replaced.
        var changes = AuditTrail.Changes(("name", before.Name, app.Name), ("settings", before.Settings, Summary(app)));
        var secretChanged = before.Secret != app.ClientSecretCipher;
        if (changes is not null || secretChanged)
        {
            db.Audit(actor, "app registration changed", $"app registration {app.Name}",
                string.Join("; ", new[] { changes, secretChanged ? "client secret replaced" : null }.OfType<string>()), time.GetUtcNow().UtcDateTime);
        }

        await ForgetAccessTokensAsync(id, ct);
        await db.SaveChangesAsync(ct);
        return OAuthAppView.From(app);
    }

    public async Task DeleteAsync(Actor actor, int id, CancellationToken ct)
    {
        actor.RequireAdmin();
        var app = await LoadAsync(id, ct);
        var users = await db.Accounts.Where(a => a.OAuthAppId == id).Select(a => a.Key).ToListAsync(ct);
        if (users.Count > 0)
        {
            throw new ConflictException($"App registration '{app.Name}' signs in accounts {string.Join(", ", users)}: switch them to another first.");
        }

        db.OAuthApps.Remove(app);
        db.Audit(actor, "app registration deleted", $"app registration {app.Name}", Summary(app), time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }

    // Tokens issued to the old client id or scopes are not what the administrator now configured.
    private async Task ForgetAccessTokensAsync(int appId, CancellationToken ct)
    {
        foreach (var account in await db.Accounts.Where(a => a.OAuthAppId == appId).ToListAsync(ct))
        {
            account.OAuth.AccessTokenCipher = null;
            account.OAuth.AccessTokenExpiresAt = null;
        }
    }

    private async Task<OAuthApp> LoadAsync(int id, CancellationToken ct) =>
        await db.OAuthApps.FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException($"App registration {id}");

    private async Task RequireUniqueNameAsync(string name, int? exceptId, CancellationToken ct)
    {
        var trimmed = name.Trim();
        if (await db.OAuthApps.AnyAsync(a => a.Name == trimmed && a.Id != exceptId, ct))
        {
            throw ValidationFailedException.For("name", $"'{trimmed}' is already the name of another app registration.");
        }
    }

    private static string Summary(OAuthApp app) => string.Join(", ", new[]
    {
        app.Profile.ToString(), app.Tenant is null ? null : "tenant " + app.Tenant, "client " + app.ClientId,
        app.AuthorizationEndpoint, app.TokenEndpoint, app.Scopes is null ? null : "scopes " + app.Scopes,
    }.OfType<string>());

    private void Apply(OAuthApp app, OAuthAppInput input, DateTime now)
    {
        app.Name = input.Name!.Trim();
        app.Profile = input.Profile;
        app.Tenant = string.IsNullOrWhiteSpace(input.Tenant) ? null : input.Tenant.Trim();
        app.ClientId = input.ClientId!.Trim();
        app.ClientSecretCipher = input.ClientSecret is null ? app.ClientSecretCipher : secrets.Protect(input.ClientSecret);
        var generic = input.Profile == OAuthProfile.Generic;
        app.AuthorizationEndpoint = generic ? Blank(input.AuthorizationEndpoint) : null;
        app.TokenEndpoint = generic ? Blank(input.TokenEndpoint) : null;
        app.Scopes = generic ? Blank(input.Scopes) : null;
        app.Mechanism = generic ? input.Mechanism : OAuthMechanism.Xoauth2;
        app.UpdatedAt = now;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
