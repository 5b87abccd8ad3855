using Mailroom.Core.Audit;
using Mailroom.Core.Common;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Users;

/// <summary>
/// Administration of administrators, supervisors and agents. Supervisors read the users of their own accounts
/// (<see cref="UserAccess"/>); anyone else is 404 to them.
/// </summary>
public sealed class UserCommands(MailroomDb db, Passwords passwords, TimeProvider time)
{
    public async Task<IReadOnlyList<UserView>> ListAsync(Actor actor, CancellationToken ct)
    {
        actor.RequireSupervisor();
        var users = await db.VisibleUsers(actor).AsNoTracking().OrderBy(u => u.DisplayName).ToListAsync(ct);
        return users.Select(UserView.From).ToList();
    }

    public async Task<UserView> GetAsync(Actor actor, int id, CancellationToken ct)
    {
        if (actor.UserId != id)
        {
            actor.RequireSupervisor();
        }

        return UserView.From(await db.VisibleUsers(actor).AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw new NotFoundException($"User {id}"));
    }

    public async Task<UserView> CreateAsync(Actor actor, UserInput input, CancellationToken ct)
    {
        actor.RequireAdmin();
        Validate(input, requirePassword: true);
        var email = input.Email!.Trim().ToLowerInvariant();
        await RequireUniqueEmailAsync(email, null, ct);
        var user = new User { Email = email, DisplayName = input.DisplayName!.Trim(), CreatedAt = time.GetUtcNow().UtcDateTime };
        Apply(user, input);
        db.Users.Add(user);
        db.Audit(actor, "user created", $"user {email}", $"role {Words(user.Role)}", time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return UserView.From(user);
    }

    public async Task<UserView> UpdateAsync(Actor actor, int id, UserInput input, CancellationToken ct)
    {
        actor.RequireAdmin();
        Validate(input, requirePassword: false);
        var user = await LoadAsync(id, ct);
        var email = input.Email!.Trim().ToLowerInvariant();
        await RequireUniqueEmailAsync(email, id, ct);
        if (user.Role == Role.Admin && input.Role != Role.Admin && !await AnotherActiveAdminAsync(id, ct))
        {
            throw ValidationFailedException.For("role", "cannot change: this is the last administrator.");
        }

        var before = (user.Email, user.DisplayName, user.Role, user.EmailCapacity, user.IsActive);
        user.Email = email;
        user.DisplayName = input.DisplayName!.Trim();
        Apply(user, input);
        var changes = AuditTrail.Changes(("email", before.Email, user.Email), ("name", before.DisplayName, user.DisplayName),
            ("role", Words(before.Role), Words(user.Role)), ("capacity", before.EmailCapacity, user.EmailCapacity), ("active", before.IsActive, user.IsActive));
        var passwordSet = !string.IsNullOrEmpty(input.Password);
        if (changes is not null || passwordSet)
        {
            db.Audit(actor, "user changed", $"user {email}", string.Join("; ", new[] { changes, passwordSet ? "password set" : null }.OfType<string>()),
                time.GetUtcNow().UtcDateTime);
        }

        await db.SaveChangesAsync(ct);
        return UserView.From(user);
    }

    public async Task DeleteAsync(Actor actor, int id, CancellationToken ct)
    {
        actor.RequireAdmin();
        var user = await LoadAsync(id, ct);
        if (id == actor.UserId)
        {
            throw new ConflictException("You cannot delete yourself.");
        }

        if (user.Role == Role.Admin && !await AnotherActiveAdminAsync(id, ct))
        {
            throw new ConflictException("This is the last administrator.");
        }

        // Keep the row (history and reports name them); only sign-in and routing stop.
        user.IsActive = false;
        db.Audit(actor, "user deactivated", $"user {user.Email}", null, time.GetUtcNow().UtcDateTime);
        user.Presence = Presence.Offline;
        user.Revoke();
        await db.ApiTokens.Where(t => t.UserId == id).ExecuteDeleteAsync(ct);
        await db.SaveChangesAsync(ct);
    }

    private static string Words(Role role) => role.ToString().ToLowerInvariant();

    private void Apply(User user, UserInput input)
    {
        // A new role, a deactivation or a new password ends the sessions and live pages opened before it.
        var revoke = user.Role != input.Role || (user.IsActive && !input.IsActive) || !string.IsNullOrEmpty(input.Password);
        user.Role = input.Role;
        user.EmailCapacity = input.EmailCapacity;
        user.IsActive = input.IsActive;
        if (!string.IsNullOrEmpty(input.Password))
        {
            user.PasswordHash = passwords.Hash(user, input.Password);
        }

        if (revoke && user.Id != 0)
        {
            user.Revoke();
        }
    }

    private static void Validate(UserInput input, bool requirePassword)
    {
        var v = new Validator()
            .Email("email", input.Email)
            .Required("displayName", input.DisplayName).Length("displayName", input.DisplayName, 1, 200)
            .Range("emailCapacity", input.EmailCapacity, 1, 100)
            .When(!Enum.IsDefined(input.Role), "role", "must be admin, supervisor or agent.")
            .When(input.Password is { Length: > 0 and < Passwords.MinimumLength }, "password", $"must have at least {Passwords.MinimumLength} characters.")
            .When(input.Password is { Length: > Passwords.MaximumLength }, "password", $"must have at most {Passwords.MaximumLength} characters.");
        if (requirePassword)
        {
            v.Required("password", input.Password);
        }

        v.ThrowIfInvalid();
    }

    private async Task<User> LoadAsync(int id, CancellationToken ct) =>
        await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw new NotFoundException($"User {id}");

    private async Task RequireUniqueEmailAsync(string email, int? exceptId, CancellationToken ct)
    {
        if (await db.Users.AnyAsync(u => u.Email == email && u.Id != exceptId, ct))
        {
            throw ValidationFailedException.For("email", $"'{email}' is already used by another user.");
        }
    }

    private Task<bool> AnotherActiveAdminAsync(int exceptId, CancellationToken ct) =>
        db.Users.AnyAsync(u => u.Role == Role.Admin && u.IsActive && u.Id != exceptId, ct);
}
