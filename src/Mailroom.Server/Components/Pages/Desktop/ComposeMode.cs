namespace Mailroom.Server.Components.Pages.Desktop;

/// <summary>What the composer writes: an answer in the open interaction, or a new one.</summary>
public enum ComposeMode
{
    Reply,
    ReplyAll,
    Forward,
    New,
}
