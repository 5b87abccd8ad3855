namespace Mailroom.Server.Components.Pages.Desktop;

/// <summary>What the composer writes: an answer in the open interaction, or a new one.</summary>
public enum ComposeMode
{
    Reply,
    ReplyAll,
    Forward,
    New,
}

/// <summary>The names a server draft keeps for what the composer was doing.</summary>
public static class ComposeModes
{
    public static string DraftName(this ComposeMode mode) => mode switch
    {
        ComposeMode.ReplyAll => "reply-all",
        ComposeMode.Forward => "forward",
        _ => "reply",
    };

    public static ComposeMode FromDraft(string mode) => mode switch
    {
        "reply-all" => ComposeMode.ReplyAll,
        "forward" => ComposeMode.Forward,
        _ => ComposeMode.Reply,
    };
}
