namespace Mailroom.Core.Tests.Mail.Replay;

/// <summary>One turn of a recorded IMAP or SMTP session.</summary>
internal abstract record ScriptStep;

/// <summary>
/// A line the client must send: a command (compared without its tag) or an untagged continuation such as DONE;
/// with <paramref name="Prefix"/>, only its start is compared (SMTP's EHLO names the client's host).
/// </summary>
internal sealed record ClientSays(string Line, bool Tagged, bool Prefix = false) : ScriptStep
{
    public bool Matches(string command) => Prefix ? command.StartsWith(Line, StringComparison.Ordinal) : command == Line;
}

/// <summary>The lines of a message the client sends after SMTP's DATA, up to the lone "." that ends it.</summary>
internal sealed record ClientSendsMessage : ScriptStep;

/// <summary>Bytes the server sends; a tagged (IMAP) completion is prefixed with the tag of the client's last command.</summary>
internal sealed record ServerSays(byte[] Bytes, bool Tagged) : ScriptStep;

/// <summary>The server closes the connection: the client reads end-of-stream from here on.</summary>
internal sealed record ServerHangsUp : ScriptStep;
