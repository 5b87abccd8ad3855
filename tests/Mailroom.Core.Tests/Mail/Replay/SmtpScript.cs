using System.Text;

namespace Mailroom.Core.Tests.Mail.Replay;

/// <summary>
/// A recorded SMTP session written as it reads on the wire: the lines the client must send, the server's replies,
/// in order, without CRLF. With PIPELINING the client sends several commands before reading: script them
/// together, then their replies.
/// </summary>
internal sealed class SmtpScript
{
    public List<ScriptStep> Steps { get; } = [];

    /// <summary>The server's greeting and its EHLO reply, offering <paramref name="extensions"/>.</summary>
    public SmtpScript Greets(params string[] extensions)
    {
        string[] lines = ["mx.example.test", .. extensions];
        return Server("220 mx.example.test ESMTP")
            .Add(new ClientSays("EHLO ", Tagged: false, Prefix: true))
            .Server([.. lines.Select((line, i) => (i == lines.Length - 1 ? "250 " : "250-") + line)]);
    }

    /// <summary>The envelope of a reply from support@example.test to customer@customer.test, accepted.</summary>
    public SmtpScript TakesTheEnvelope() =>
        Client("MAIL FROM:<support@example.test>").Server("250 2.1.0 Ok")
            .Client("RCPT TO:<customer@customer.test>").Server("250 2.1.5 Ok");

    /// <summary>DATA, the message up to its dot, and the server's 250 for it.</summary>
    public SmtpScript TakesTheMessage() =>
        Client("DATA").Server("354 End data with <CR><LF>.<CR><LF>")
            .ClientSendsMessage().Server("250 2.0.0 Ok: queued as 4F2A");

    public SmtpScript SaysBye() => Client("QUIT").Server("221 2.0.0 Bye");

    /// <summary>A line the client must send, compared whole.</summary>
    public SmtpScript Client(string line) => Add(new ClientSays(line, Tagged: false));

    /// <summary>The message after DATA's 354, up to its final dot.</summary>
    public SmtpScript ClientSendsMessage() => Add(new ClientSendsMessage());

    public SmtpScript Server(params string[] lines) =>
        lines.Length == 0 ? this : Add(new ServerSays(Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\r\n"))), Tagged: false));

    public SmtpScript HangsUp() => Add(new ServerHangsUp());

    private SmtpScript Add(ScriptStep step)
    {
        Steps.Add(step);
        return this;
    }
}
