using Mailroom.Core.Dispositions;
using Mailroom.Core.Drafts;
using Mailroom.Core.Interactions;
using Mailroom.Core.Mail.Outbound;
using Mailroom.Server.Components.Pages.Desktop;

namespace Mailroom.Server.Tests.Components;

/// <summary>The composer's decisions, without a browser.</summary>
public sealed class ComposerModelTests
{
    private static readonly DispositionView Resolved = new(1, "Resolved", null, null, 1, "Resolved", IsLeaf: true);

    private static DraftView Draft(string mode, bool html) =>
        new(7, 3, "SERV - Untitled", mode, "a@example.test", "", "b@example.test", "Re: x", html ? "<p>Hi</p>" : "Hi", html, null, DateTime.UnixEpoch);

    [Fact]
    public void SendAndClose_WithDispositionsToPickFrom_AsksFirst_AndAMandatoryOneMustBeChosen()
    {
        var model = new ComposerModel(ComposeMode.Reply) { Dispositions = [Resolved], DispositionMandatory = true };

        Assert.False(model.SendAndCloseAtOnce());
        Assert.True(model.ChoosingDisposition);
        Assert.False(model.DispositionChosen());
        Assert.Equal("Choose a disposition to close with.", model.DispositionError);

        model.DispositionId = Resolved.Id;
        Assert.True(model.DispositionChosen());
        Assert.Null(model.DispositionError);
        Assert.Equal(Resolved.Id, model.Input(SendAction.SendAndClose, "done").DispositionId);
    }

    [Fact]
    public void SendAndClose_WithoutDispositions_SendsAtOnce() =>
        Assert.True(new ComposerModel(ComposeMode.Reply).SendAndCloseAtOnce());

    [Fact]
    public void Input_SplitsAddresses_KeepsTheSubStatusOnlyForSendAs_AndQuotesOnlyWhenTheOriginalIsShown()
    {
        var model = new ComposerModel(ComposeMode.Reply) { To = " a@example.test; b@example.test ,", Subject = "  ", DispositionId = 4 };

        var plain = model.Input(SendAction.Send, "hi", subStatusId: 9);
        Assert.Equal(["a@example.test", "b@example.test"], plain.To);
        Assert.Null(plain.Cc);
        Assert.Null(plain.Subject);
        Assert.Null(plain.SubStatusId);
        Assert.Null(plain.DispositionId);
        Assert.False(plain.QuoteOriginal);
        Assert.Equal(9, model.Input(SendAction.SendAs, "hi", subStatusId: 9).SubStatusId);

        model.ShowOriginal = true;
        Assert.False(model.Input(SendAction.Send, "hi").QuoteOriginal);
        model.Preview = new AnswerPreviewView(["c@example.test"], [], "On …, c wrote:");
        Assert.True(model.Input(SendAction.Send, "hi").QuoteOriginal);

        // Every Send of one composer carries the same key, so a repeat after a lost answer is not a second reply.
        Assert.Equal(plain.IdempotencyKey, model.Input(SendAction.SendAndClose, "again").IdempotencyKey);
        Assert.NotEqual(plain.IdempotencyKey, new ComposerModel(ComposeMode.Reply).Input(SendAction.Send, "hi").IdempotencyKey);
    }

    [Fact]
    public void Restore_TakesUpADraftOfTheSameKind_AndOnlyNamesOneOfAnotherKind()
    {
        var reply = new ComposerModel(ComposeMode.Reply);
        Assert.True(reply.Restore(Draft("reply", html: false)));
        Assert.Equal(("a@example.test", "Re: x", "Hi", BodyFormat.Text, true), (reply.To, reply.Subject, reply.Text, reply.Format, reply.ShowCopies));

        var forward = new ComposerModel(ComposeMode.Forward);
        Assert.False(forward.Restore(Draft("reply", html: true)));
        Assert.Equal("reply", forward.ReplacesDraft);
        Assert.Null(forward.To);
    }

    [Theory]
    [InlineData("Hello world", 6, 6, "Hello [answer]world")]
    [InlineData("Hello world", 6, 11, "Hello [answer]")]
    [InlineData("Hi", 50, 60, "Hi[answer]")]
    public void InsertText_GoesWhereTheCursorOrSelectionIs(string text, int start, int end, string expected)
    {
        var model = new ComposerModel(ComposeMode.Reply) { Text = text };
        model.InsertText("[answer]", start, end);
        Assert.Equal(expected, model.Text);
    }
}
