using Mailroom.Core.Common;
using Mailroom.Server.Auth;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Mailroom.Server.Components;

/// <summary>Base of the interactive pages: the signed-in actor, and use cases whose errors land on the page.</summary>
public abstract class MailroomComponent : ComponentBase
{
    [CascadingParameter]
    private Task<AuthenticationState>? AuthState { get; set; }

    [Inject]
    internal UseCaseRunner UseCases { get; set; } = default!;

    [Inject]
    private ILogger<MailroomComponent> Logger { get; set; } = default!;

    protected Actor Actor { get; private set; } = new(0, Core.Users.Role.Agent);

    protected string? Error { get; set; }

    protected IReadOnlyDictionary<string, string[]> FieldErrors { get; private set; } = new Dictionary<string, string[]>();

    protected override async Task OnInitializedAsync()
    {
        if (AuthState is not null)
        {
            Actor = (await AuthState).User.Actor();
        }

        await LoadAsync();
    }

    protected virtual Task LoadAsync() => Task.CompletedTask;

    /// <summary>Runs an action; on failure shows the reason on the page and returns false.</summary>
    protected async Task<bool> TryAsync(Func<Task> action)
    {
        Error = null;
        FieldErrors = new Dictionary<string, string[]>();
        try
        {
            await action();
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (ex is ValidationFailedException v)
            {
                FieldErrors = Shared.FieldWords.Humanize(v.Errors);
            }
            else if (ex is not (NotFoundException or ForbiddenException or ConflictException or Core.Transfers.TransferRefusedException))
            {
                Logger.LogError(ex, "UI action failed");
            }

            Error = UseCaseRunner.Describe(ex);
            return false;
        }
    }

    protected string? ErrorFor(string field) => FieldErrors.TryGetValue(field, out var e) ? string.Join(" ", e) : null;
}
