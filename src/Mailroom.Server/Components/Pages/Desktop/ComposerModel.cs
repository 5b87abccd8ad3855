using Mailroom.Core.Dispositions;
using Mailroom.Core.Drafts;
using Mailroom.Core.Interactions;
using Mailroom.Core.Mail.Outbound;

namespace Mailroom.Server.Components.Pages.Desktop;

/// <summary>
/// What the composer holds and decides, apart from the page: the fields, a restored draft, whether "Send and
/// close" must ask for a disposition, and the message it sends. <c>Composer.razor</c> only renders it and talks to
/// the browser (the rich editor, files) and the use cases; tests drive this class directly.
/// </summary>
public sealed class ComposerModel(ComposeMode mode)
{
    public ComposeMode Mode { get; } = mode;

    public int AccountId { get; set; }
    public string? To { get; set; }
    public string? Cc { get; set; }
    public string? Bcc { get; set; }
    public string? Subject { get; set; }

    /// <summary>The plain-text body; a rich-text body lives in the browser's editor and is read when needed.</summary>
    public string? Text { get; set; }

    public BodyFormat Format { get; set; } = BodyFormat.Html;
    public bool ShowCopies { get; set; }
    public List<UploadView> Attachments { get; } = [];

    /// <summary>Reply and reply all: who it goes to and the original, for "Show original message" (default off).</summary>
    public AnswerPreviewView? Preview { get; set; }

    public bool ShowOriginal { get; set; }

    public IReadOnlyList<DispositionView> Dispositions { get; set; } = [];
    public bool DispositionMandatory { get; set; }
    public bool ChoosingDisposition { get; set; }
    public int DispositionId { get; set; }
    public string? DispositionError { get; private set; }

    /// <summary>The draft whose rich text the editor must be filled with once it exists.</summary>
    public DraftView? Restored { get; private set; }

    /// <summary>The kind of the agent's other draft of this interaction ("forward"), which saving this one replaces.</summary>
    public string? ReplacesDraft { get; private set; }

    /// <summary>One key for every Send of this composer: a Send repeated after the circuit lost the answer is the same message.</summary>
    public string SendKey { get; } = Guid.NewGuid().ToString("N");

    public string Title => Mode switch
    {
        ComposeMode.Reply => "Reply",
        ComposeMode.ReplyAll => "Reply all",
        ComposeMode.Forward => "Forward",
        _ => "New message",
    };

    /// <summary>Takes up the agent's saved draft of this interaction, if it is one of this kind; returns whether it did.</summary>
    public bool Restore(DraftView? draft)
    {
        if (draft is null)
        {
            return false;
        }

        if (draft.Mode != Mode.DraftName())
        {
            ReplacesDraft = draft.Mode;
            return false;
        }

        Restored = draft;
        (To, Cc, Bcc, Subject) = (draft.To, draft.Cc, draft.Bcc, draft.Subject);
        ShowCopies = Cc.Length > 0 || Bcc.Length > 0;
        Format = draft.IsHtml ? BodyFormat.Html : BodyFormat.Text;
        Text = draft.IsHtml ? null : draft.Body;
        return true;
    }

    /// <summary>"Send and close": true when it may send at once; otherwise the disposition picker opens instead.</summary>
    public bool SendAndCloseAtOnce()
    {
        if (Dispositions.Any(d => d.IsLeaf) || DispositionMandatory)
        {
            ChoosingDisposition = true;
            return false;
        }

        return true;
    }

    /// <summary>The disposition picker's "Send and close": false (and says why) while a mandatory disposition is missing.</summary>
    public bool DispositionChosen()
    {
        DispositionError = DispositionMandatory && DispositionId == 0 ? "Choose a disposition to close with." : null;
        return DispositionError is null;
    }

    public DraftInput Draft(string? body) => new(Mode.DraftName(), To, Cc, Bcc, Subject, body, Format == BodyFormat.Html);

    /// <summary>The message as the send use cases take it.</summary>
    public ComposeInput Input(SendAction action, string? body, int? subStatusId = null) => new()
    {
        To = Split(To),
        Cc = Split(Cc),
        Bcc = Split(Bcc),
        Subject = string.IsNullOrWhiteSpace(Subject) ? null : Subject,
        Body = body,
        Format = Format,
        Attachments = Attachments.Select(a => new AttachmentInput(a.UploadId, a.FileName, a.ContentType)).ToList(),
        Send = action,
        SubStatusId = action == SendAction.SendAs ? subStatusId : null,
        AccountId = Mode == ComposeMode.New && AccountId != 0 ? AccountId : null,
        DispositionId = action == SendAction.SendAndClose && DispositionId != 0 ? DispositionId : null,
        QuoteOriginal = ShowOriginal && Preview is not null,
        IdempotencyKey = SendKey,
    };

    /// <summary>Inserts <paramref name="insert"/> into the plain-text body over the selection <paramref name="start"/>–<paramref name="end"/>.</summary>
    public void InsertText(string insert, int start, int end)
    {
        var current = Text ?? "";
        var (from, to) = (Math.Clamp(start, 0, current.Length), Math.Clamp(end, 0, current.Length));
        Text = current[..from] + insert + current[Math.Max(from, to)..];
    }

    private static List<string>? Split(string? addresses) =>
        string.IsNullOrWhiteSpace(addresses) ? null : addresses.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
