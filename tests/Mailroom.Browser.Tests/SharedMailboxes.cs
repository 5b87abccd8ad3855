namespace Mailroom.Browser.Tests;

/// <summary>
/// Test classes that read and reset support@ and sales@ of the test mail server (the demo and the account
/// transfer) run one after the other, so one's mail never turns up in the other's interactions.
/// </summary>
public static class SharedMailboxes
{
    public const string Name = "support@ and sales@ mailboxes";
}
