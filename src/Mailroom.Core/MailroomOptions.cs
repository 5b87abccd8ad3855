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

    public OAuthOptions OAuth { get; set; } = new();

    public SingleSignOn.SsoOptions Sso { get; set; } = new();

    /// <summary>
    /// The address people reach Mailroom at (<c>https://mailroom.example.com</c>), for what must name our own origin:
    /// the image links and policy of customer HTML, the OAuth redirect. Unset, the request's own origin is used, which
    /// is right on one machine; behind a proxy or with several names, set it so that a forged Host header names nothing.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>This process's name in a cluster (lease holder, logs); defaults to host name and process id.</summary>
    public string? NodeName { get; set; }

    public string ResolveBlobPath() => BlobPath ?? Path.Combine(DataDirectory, "blobs");

    public string ResolveNodeName() => string.IsNullOrWhiteSpace(NodeName) ? $"{Environment.MachineName}:{Environment.ProcessId}" : NodeName;
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
    /// This often (default 300 s) a second, short connection asks the server for the mailbox's UIDVALIDITY
    /// (one STATUS). The watching session can be told nothing of a recreated mailbox for good: when Dovecot's
    /// index is rebuilt under an open session, that session answers every command OK from its old view and
    /// never sees new mail. A UIDVALIDITY other than the session's replaces the session.
    /// </summary>
    public int MailboxProbeSeconds { get; set; } = 300;

    /// <summary>
    /// A session whose server sent nothing for this long is dropped and reconnected (default 150 s). Dovecot
    /// says "* OK Still here" every minute during IDLE and each renewal brings answers, so only a dead link, or
    /// a NAT that forgot it, is this quiet. Keep it above both.
    /// </summary>
    public int SilenceLimitSeconds { get; set; } = 150;

    /// <summary>
    /// How often a node checks its lock session, takes free accounts, gives back more than its share and renews
    /// its leases (default 2 s): with PostgreSQL dropping a dead node's locks at once, this bounds a takeover.
    /// </summary>
    public int LeaseCheckSeconds { get; set; } = 2;

    /// <summary>A lease row not renewed for this long (default 15 s) reads as Stopped: its node is gone.</summary>
    public int LeaseStaleSeconds { get; set; } = 15;
}

/// <summary>How OAuth accounts keep their access tokens fresh (the <c>Mailroom:OAuth</c> section).</summary>
public sealed class OAuthOptions
{
    /// <summary>
    /// A watching session renews its account's access token this long before it expires (default 300 s), at the
    /// next IDLE renewal: a revoked grant is then noticed while the session is still idle, and a provider outage
    /// has this long to pass before the token runs out.
    /// </summary>
    public int RefreshLeadSeconds { get; set; } = 300;
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
