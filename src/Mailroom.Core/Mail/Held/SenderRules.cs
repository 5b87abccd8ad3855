using System.Text.RegularExpressions;
using Mailroom.Core.Accounts;
using Mailroom.Core.Common;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Mail.Held;

public sealed record SenderRuleInput
{
    /// <summary>An address (<c>ann@customer.test</c>) or a domain (<c>customer.test</c> or <c>@customer.test</c>).</summary>
    public string? Sender { get; init; }

    public SenderRuleKind Kind { get; init; } = SenderRuleKind.Block;
}

public sealed record SenderRuleView(long Id, int AccountId, string Sender, SenderRuleKind Kind, DateTime CreatedAt)
{
    public static SenderRuleView From(SenderRule r) => new(r.Id, r.AccountId, r.Sender, r.Kind, r.CreatedAt);
}

/// <summary>
/// An account's blocklist and allowlist: administrators edit it; supervisors who are members read it (and block
/// a sender from a message, <see cref="BlockSender"/>); agents never see it.
/// </summary>
public sealed partial class SenderRules(MailroomDb db, TimeProvider time)
{
    public async Task<IReadOnlyList<SenderRuleView>> ListAsync(Actor actor, int accountId, CancellationToken ct)
    {
        actor.RequireSupervisor();
        await db.RequireAccountAsync(actor, accountId, ct);
        var rules = await db.SenderRules.AsNoTracking().Where(r => r.AccountId == accountId).OrderBy(r => r.Kind).ThenBy(r => r.Sender).ToListAsync(ct);
        return rules.Select(SenderRuleView.From).ToList();
    }

    /// <summary>Adds the rule, or changes the kind of the one already there for that sender.</summary>
    public async Task<SenderRuleView> SetAsync(Actor actor, int accountId, SenderRuleInput input, CancellationToken ct)
    {
        actor.RequireAdmin();
        await db.RequireAccountAsync(actor, accountId, ct);
        var sender = Normalize(input.Sender);
        new Validator()
            .Required("sender", sender)
            .When(sender.Length > 0 && !IsSender(sender), "sender", $"'{input.Sender}' is neither an email address nor a domain.")
            .When(!Enum.IsDefined(input.Kind), "kind", "must be block or allow.")
            .ThrowIfInvalid();
        return SenderRuleView.From(await UpsertAsync(db, accountId, sender, input.Kind, actor.PersonId, time.GetUtcNow().UtcDateTime, ct));
    }

    public async Task DeleteAsync(Actor actor, int accountId, long ruleId, CancellationToken ct)
    {
        actor.RequireAdmin();
        await db.RequireAccountAsync(actor, accountId, ct);
        var rule = await db.SenderRules.FirstOrDefaultAsync(r => r.Id == ruleId && r.AccountId == accountId, ct)
            ?? throw new NotFoundException($"Sender rule {ruleId}");
        db.SenderRules.Remove(rule);
        await db.SaveChangesAsync(ct);
    }

    internal static async Task<SenderRule> UpsertAsync(MailroomDb db, int accountId, string sender, SenderRuleKind kind, int? userId, DateTime now,
        CancellationToken ct)
    {
        var rule = await db.SenderRules.FirstOrDefaultAsync(r => r.AccountId == accountId && r.Sender == sender, ct);
        if (rule is null)
        {
            rule = db.SenderRules.Add(new SenderRule { AccountId = accountId, Sender = sender, CreatedAt = now }).Entity;
        }

        rule.Kind = kind;
        rule.CreatedByUserId = userId;
        await db.SaveChangesAsync(ct);
        return rule;
    }

    public static string Normalize(string? sender) => (sender ?? "").Trim().TrimStart('@').ToLowerInvariant();

    private static bool IsSender(string sender) =>
        sender.Length <= 320 && (sender.Contains('@', StringComparison.Ordinal) ? Validator.IsEmail(sender) : Domain().IsMatch(sender));

    [GeneratedRegex(@"^(?=.{1,253}$)[\p{L}\p{N}]([\p{L}\p{N}-]*[\p{L}\p{N}])?(\.[\p{L}\p{N}]([\p{L}\p{N}-]*[\p{L}\p{N}])?)+$")]
    private static partial Regex Domain();
}
