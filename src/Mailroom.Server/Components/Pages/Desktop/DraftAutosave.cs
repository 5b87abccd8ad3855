using System.Globalization;
using Mailroom.Core.Common;
using Mailroom.Core.Drafts;

namespace Mailroom.Server.Components.Pages.Desktop;

/// <summary>
/// The composer's server draft: saved <see cref="Quiet"/> after the last change and when the composer
/// is minimized, never once per keystroke. The first save of a composer (and a minimize) is a full save, which
/// announces itself to the drafts bar; the ones in between are the cheap autosave UPDATE.
/// </summary>
internal sealed class DraftAutosave(UseCaseRunner useCases, Actor actor, long interactionId, Func<Task<DraftInput>> read,
    Func<Func<Task>, Task> dispatch, Action changed) : IDisposable
{
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);

    private CancellationTokenSource? _waiting;

    // Saves run one after another (all on the circuit's dispatcher), so a slow one never overwrites a newer one.
    private Task _saving = Task.CompletedTask;
    private bool _announced;

    public long? DraftId { get; private set; }

    /// <summary>"Saving…", "Saved 14:02" or why it was not saved; null before anything was typed.</summary>
    public string? Status { get; private set; }

    public bool Failed { get; private set; }

    /// <summary>Continues the draft the agent already has for this interaction.</summary>
    public void Resume(DraftView draft)
    {
        DraftId = draft.Id;
        Status = Saved(draft.UpdatedAt);
    }

    /// <summary>Something was typed: the save waits until the agent pauses.</summary>
    public void Touch()
    {
        Cancel();
        _waiting = new CancellationTokenSource();
        _ = SaveWhenQuietAsync(_waiting.Token);
    }

    /// <summary>Saves at once; <paramref name="announce"/> refreshes the drafts bar (its name follows To and Subject).</summary>
    public Task SaveNowAsync(bool announce = false)
    {
        Cancel();
        _saving = SaveAfterAsync(_saving, announce);
        return _saving;
    }

    /// <summary>Deletes the saved draft, if there is one; nothing is saved after this.</summary>
    public async Task DiscardAsync()
    {
        await StopAsync();
        if (DraftId is { } id)
        {
            await useCases.RunAsync<MyDrafts>(c => c.DeleteAsync(actor, id, default));
            DraftId = null;
        }
    }

    /// <summary>No more saves: a waiting one is dropped and one under way is finished first.</summary>
    public async Task StopAsync()
    {
        Cancel();
        await _saving;
    }

    public void Dispose() => Cancel();

    private void Cancel()
    {
        _waiting?.Cancel();
        _waiting?.Dispose();
        _waiting = null;
    }

    private async Task SaveAfterAsync(Task previous, bool announce)
    {
        await previous;
        try
        {
            Status = "Saving…";
            Failed = false;
            changed();
            var input = await read();
            Status = Saved(DraftId is { } id && _announced && !announce
                ? await useCases.RunAsync<AutosaveDraft, DateTime>(c => c.RunAsync(actor, id, input, default))
                : await SaveAsync(input));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Failed = true;
            Status = "Not saved: " + UseCaseRunner.Describe(ex);
        }

        changed();
    }

    // replace: the composer opened on the agent's draft for this interaction (or told them a different one
    // would be replaced), so this save is the replacement the agent must confirm.
    private async Task<DateTime> SaveAsync(DraftInput input)
    {
        var saved = await useCases.RunAsync<SaveDraft, DraftView>(c => c.RunAsync(actor, interactionId, input, replace: true, default));
        DraftId = saved.Id;
        _announced = true;
        return saved.UpdatedAt;
    }

    private async Task SaveWhenQuietAsync(CancellationToken ct)
    {
        try
        {
            await Task.Delay(Quiet, ct);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await dispatch(() => SaveNowAsync());
    }

    private static string Saved(DateTime at) => "Saved " + at.ToString("HH:mm", CultureInfo.InvariantCulture);
}
