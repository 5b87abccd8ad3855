namespace Mailroom.Server.Tests.Integration;

/// <summary>
/// Tests that restart Dovecot, recreate or empty shared mailboxes: they run one at a time, after the parallel
/// tests, so they never pull a server from under another test. (xunit finds collection definitions only in
/// the test assembly itself, so this lives here rather than in TestSupport.)
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MailServerCollection
{
    public const string Name = "MailServer";
}
