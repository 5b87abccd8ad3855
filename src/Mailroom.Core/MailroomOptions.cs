namespace Mailroom.Core;

/// <summary>The <c>Mailroom</c> configuration section.</summary>
public sealed class MailroomOptions
{
    public const string Section = "Mailroom";

    /// <summary>Where the SQLite file, blobs and Data Protection keys live by default.</summary>
    public string DataDirectory { get; set; } = "data";

    public DatabaseOptions Database { get; set; } = new();

    /// <summary>The blob store's folder; defaults to <c>{DataDirectory}/blobs</c>.</summary>
    public string? BlobPath { get; set; }

    /// <summary>Bigger messages are stored raw and flagged instead of parsed (default 50 MB).</summary>
    public long MaxInboundMessageBytes { get; set; } = 50L * 1024 * 1024;

    public InboundOptions Inbound { get; set; } = new();

    public PresenceOptions Presence { get; set; } = new();

    public string ResolveBlobPath() => BlobPath ?? Path.Combine(DataDirectory, "blobs");
}

public sealed class InboundOptions
{
    /// <summary>Off for tests and tools that must not watch mailboxes; the API still serves stored mail.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// IDLE is ended and re-issued this often (default 60 s). Each renewal re-checks the mailbox, the safety net
    /// for changes a server does not announce during IDLE: Dovecot says nothing to an idling client whose mailbox
    /// was deleted and created again, and only answers the renewal's DONE with "NO Internal error", so this is how
    /// soon a recreated mailbox is noticed. It costs three short round trips a minute per account.
    /// </summary>
    public int IdleRenewalSeconds { get; set; } = 60;

    /// <summary>
    /// A session whose server sent nothing for this long is dropped and reconnected (default 150 s). Dovecot
    /// says "* OK Still here" every minute during IDLE and each renewal brings answers, so only a dead link, or
    /// a NAT that forgot it, is this quiet. Keep it above both.
    /// </summary>
    public int SilenceLimitSeconds { get; set; } = 150;
}

/// <summary>How presence follows what agents do (the <c>Mailroom:Presence</c> section).</summary>
public sealed class PresenceOptions
{
    public const string Section = "Mailroom:Presence";

    /// <summary>An agent whose last live connection has been gone this long goes offline ("connection lost").</summary>
    public int ConnectionGraceSeconds { get; set; } = 30;

    /// <summary>An agent who lets this many offers in a row ring out is paused ("Not responding"); 0 = never.</summary>
    public int MissedOffersBeforePause { get; set; } = 3;
}

public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Defaults to <c>Data Source={DataDirectory}/mailroom.db</c> for SQLite; required for PostgreSQL.</summary>
    public string? ConnectionString { get; set; }
}

public enum DatabaseProvider
{
    Sqlite = 0,
    Postgres = 1,
}
