using System.Text;

namespace Mailroom.Core.Tests.Mail.Replay;

/// <summary>
/// A recorded IMAP session written as it reads on the wire: what the client must say and what the server
/// answers, in order. Lines are given without CRLF; literals are written with <see cref="Data"/>.
/// </summary>
internal sealed class ImapScript
{
    public List<ScriptStep> Steps { get; } = [];

    /// <summary>Expects the client's next tagged command, e.g. "EXAMINE INBOX".</summary>
    public ImapScript Client(string command) => Add(new ClientSays(command, Tagged: true));

    /// <summary>Expects an untagged client line, such as the DONE that ends IDLE.</summary>
    public ImapScript ClientContinues(string line) => Add(new ClientSays(line, Tagged: false));

    /// <summary>Untagged responses, continuation requests, or a greeting.</summary>
    public ImapScript Server(params string[] lines) =>
        lines.Length == 0 ? this : Add(new ServerSays(Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\r\n"))), Tagged: false));

    /// <summary>Raw bytes, for responses carrying literals whose exact bytes matter.</summary>
    public ImapScript Data(byte[] bytes) => Add(new ServerSays(bytes, Tagged: false));

    /// <summary>The tagged completion of the client's last command, e.g. "OK done" or "NO [TRYCREATE] no".</summary>
    public ImapScript Completes(string status = "OK completed") => Add(new ServerSays(Encoding.ASCII.GetBytes(status + "\r\n"), Tagged: true));

    public ImapScript HangsUp() => Add(new ServerHangsUp());

    private ImapScript Add(ScriptStep step)
    {
        Steps.Add(step);
        return this;
    }
}
