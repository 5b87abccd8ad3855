using Mailroom.Core.Common;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Users;

public sealed record ApiTokenView(int Id, int UserId, string Name, DateTime CreatedAt, DateTime ExpiresAt, DateTime? LastUsedAt);

/// <summary>A person's API tokens, listed and revoked; an administrator may revoke anybody's.</summary>
public sealed class ApiTokens(MailroomDb db)
{
    public async Task<IReadOnlyList<ApiTokenView>> ListAsync(Actor actor, int userId, CancellationToken ct)
    {
        RequireSelfOrAdmin(actor, userId);
        return await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).OrderBy(t => t.Id)
            .Select(t => new ApiTokenView(t.Id, t.UserId, t.Name, t.CreatedAt, t.ExpiresAt, t.LastUsedAt)).ToListAsync(ct);
    }

    public async Task RevokeAsync(Actor actor, int tokenId, CancellationToken ct)
    {
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == tokenId && (actor.IsAdmin || t.UserId == actor.UserId), ct)
            ?? throw new NotFoundException($"Token {tokenId}");
        db.ApiTokens.Remove(token);
        await db.SaveChangesAsync(ct);
    }

    public static ApiTokenView View(ApiToken t) => new(t.Id, t.UserId, t.Name, t.CreatedAt, t.ExpiresAt, t.LastUsedAt);

    private static void RequireSelfOrAdmin(Actor actor, int userId)
    {
        if (actor.UserId != userId && !actor.IsAdmin)
        {
            throw new NotFoundException($"User {userId}");
        }
    }
}
