namespace Mailroom.Server.Tests.Integration;

/// <summary>
/// Tests that stop or restart the shared Postfix/Dovecot (or need SMTP up throughout) run alone, one after
/// another, never beside a test that expects the servers to be up. xUnit 2 requires the definition in the
/// test assembly itself.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MailServerCollection
{
    public const string Name = "MailServer";
}
