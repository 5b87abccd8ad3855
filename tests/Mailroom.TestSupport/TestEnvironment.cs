namespace Mailroom.TestSupport;

/// <summary>
/// What <c>./test.sh</c> started for the tests: loopback Dovecot, Postfix and PostgreSQL. Missing values fail
/// loudly, so a test that needs a real server can never pass without one.
/// </summary>
public static class TestEnvironment
{
    public static int ImapPort => int.Parse(Require("MAILROOM_TEST_IMAP_PORT"), System.Globalization.CultureInfo.InvariantCulture);

    public static int SmtpPort => int.Parse(Require("MAILROOM_TEST_SMTP_PORT"), System.Globalization.CultureInfo.InvariantCulture);

    public static string PostgresConnectionString => Require("MAILROOM_TEST_PG");

    public static string MailCtl => Require("MAILROOM_TEST_MAIL_CTL");

    /// <summary>The state folder of the running test mail servers (its <c>env</c> file describes them).</summary>
    public static string MailState => Require("MAILROOM_TEST_MAIL_STATE");

    /// <summary>The checkout the tests run from: where <c>./run.sh</c> is (mail-ctl.sh is in its scripts/).</summary>
    public static string RepositoryRoot => Path.GetDirectoryName(Path.GetDirectoryName(MailCtl))!;

    /// <summary>Where the tests start their identity provider; Dovecot introspects tokens there.</summary>
    public static int OAuthPort => int.Parse(Require("MAILROOM_TEST_OAUTH_PORT"), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The client id and secret Dovecot introspects with.</summary>
    public static (string Id, string Secret) OAuthIntrospectionClient =>
        Require("MAILROOM_TEST_OAUTH_INTROSPECTION_CLIENT").Split(':', 2) is [var id, var secret] ? (id, secret)
            : throw new InvalidOperationException("MAILROOM_TEST_OAUTH_INTROSPECTION_CLIENT must be id:secret.");

    public static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    private static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the tests through ./test.sh, which starts the servers they need.");
}
