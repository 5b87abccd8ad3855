using Mailroom.Core.Audit;
using Mailroom.Core.Common;
using Mailroom.Core.Storage;
using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.SingleSignOn;

public sealed record SsoGroupMappingInput(string? Group, Role? Role, IReadOnlyList<int>? AccountIds);

public sealed record SsoGroupMappingView(string Group, Role Role, IReadOnlyList<int> AccountIds);

/// <summary>The administrators' table of identity-provider groups and what each gives; saved whole.</summary>
public sealed class SsoGroupMappings(MailroomDb db, TimeProvider time)
{
    public const int MaxMappings = 200;

    public async Task<IReadOnlyList<SsoGroupMappingView>> ListAsync(Actor actor, CancellationToken ct)
    {
        actor.RequireAdmin();
        return (await db.SsoGroupMappings.AsNoTracking().OrderBy(m => m.Group).ToListAsync(ct)).Select(View).ToList();
    }

    public async Task<IReadOnlyList<SsoGroupMappingView>> ReplaceAsync(Actor actor, IReadOnlyList<SsoGroupMappingInput>? input, CancellationToken ct)
    {
        actor.RequireAdmin();
        var accounts = await db.Accounts.ToDictionaryAsync(a => a.Id, a => a.Key, ct);
        var wanted = Validate(input, accounts);
        var stored = await db.SsoGroupMappings.ToListAsync(ct);
        var before = Words(stored, accounts);
        // Rows are kept by group and changed in place: a group removed and added back in one save meets no unique index.
        db.SsoGroupMappings.RemoveRange(stored.Where(s => !wanted.Any(w => w.Group.Equals(s.Group, StringComparison.OrdinalIgnoreCase))));
        foreach (var mapping in wanted)
        {
            if (stored.FirstOrDefault(s => s.Group.Equals(mapping.Group, StringComparison.OrdinalIgnoreCase)) is { } row)
            {
                (row.Group, row.Role, row.AccountIds) = (mapping.Group, mapping.Role, mapping.AccountIds);
            }
            else
            {
                db.SsoGroupMappings.Add(mapping);
            }
        }

        var after = Words(wanted, accounts);
        if (before != after)
        {
            db.Audit(actor, "single sign-on groups changed", "group mappings", $"{(before.Length == 0 ? "none" : before)} → {(after.Length == 0 ? "none" : after)}",
                time.GetUtcNow().UtcDateTime);
        }

        await db.SaveChangesAsync(ct);
        return wanted.OrderBy(m => m.Group).Select(View).ToList();
    }

    private static List<SsoGroupMapping> Validate(IReadOnlyList<SsoGroupMappingInput>? input, Dictionary<int, string> accounts)
    {
        var v = new Validator()
            .When(input is null, "groups", "is required (a list, empty for none).")
            .When(input is { Count: > MaxMappings }, "groups", $"may hold at most {MaxMappings} groups.");
        v.ThrowIfInvalid();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < input!.Count; i++)
        {
            var row = input[i];
            var group = row?.Group?.Trim();
            v.Required($"groups[{i}].group", group).Length($"groups[{i}].group", group, 0, SsoGroupMapping.GroupMaxLength)
                .When(group is { Length: > 0 } && !seen.Add(group), $"groups[{i}].group", $"'{group}' is mapped twice: one row per group.")
                .When(row?.Role is not { } role || !Enum.IsDefined(role), $"groups[{i}].role", "must be admin, supervisor or agent.")
                .When(row?.AccountIds?.Any(a => !accounts.ContainsKey(a)) == true, $"groups[{i}].accountIds", "names an email account that does not exist.");
        }

        v.ThrowIfInvalid();
        return input.Select(r => new SsoGroupMapping { Group = r.Group!.Trim(), Role = r.Role!.Value, AccountIds = (r.AccountIds ?? []).Distinct().Order().ToList() }).ToList();
    }

    private static SsoGroupMappingView View(SsoGroupMapping m) => new(m.Group, m.Role, m.AccountIds);

    // In the audit the way an administrator reads it: "Support team: agent, accounts support, sales".
    private static string Words(IEnumerable<SsoGroupMapping> mappings, Dictionary<int, string> accounts) => string.Join("; ", mappings.OrderBy(m => m.Group).Select(m =>
        $"{m.Group}: {m.Role.ToString().ToLowerInvariant()}, accounts {(m.AccountIds.Count == 0 ? "none" : string.Join(", ", m.AccountIds.Select(a => accounts.GetValueOrDefault(a, "(deleted)"))))}"));
}
