using Mailroom.Core.Users;

namespace Mailroom.Core.Accounts;

/// <summary>An agent added to an account: only members see the account and its interactions.</summary>
public sealed class AccountMember
{
    public int AccountId { get; set; }
    public EmailAccount? Account { get; set; }
    public int UserId { get; set; }
    public User? User { get; set; }
}
