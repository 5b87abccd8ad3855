using System.Security.Claims;
using Mailroom.Core.Storage;
using Mailroom.Server.Auth;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Mailroom.Server.Components;

/// <summary>
/// Ties one Blazor circuit to <see cref="LiveSessions"/>. Once the user's standing changes the circuit is ended:
/// <see cref="SessionWatch"/> reloads the page (back to sign-in, or to what the user may now see) and every further
/// click, keystroke or script call on the old circuit is refused here, even from a client that ignores the reload.
/// </summary>
internal sealed class CircuitSession(LiveSessions sessions, AuthenticationStateProvider auth, IServiceScopeFactory scopes) : CircuitHandler
{
    public bool Ended { get; private set; }

    /// <summary>Raised once, when the session ends.</summary>
    public event Func<Task>? OnEnded;

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var user = (await auth.GetAuthenticationStateAsync()).User;
        if (user.UserId() is not { } id)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var current = await LiveSessions.CurrentAsync(scope.ServiceProvider.GetRequiredService<MailroomDb>(), id, cancellationToken);
        var stamp = user.FindFirstValue(Claims.Stamp);
        if (current is not { } now || now.Stamp != stamp)
        {
            await EndAsync();
            return;
        }

        sessions.Add(circuit, id, stamp, now.AccessVersion, EndAsync);
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        sessions.Remove(circuit);
        return Task.CompletedTask;
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        context => Ended ? throw new SessionEndedException() : next(context);

    private async Task EndAsync()
    {
        Ended = true;
        if (OnEnded is { } ended)
        {
            await ended();
        }
    }
}

/// <summary>The circuit's user may no longer use it.</summary>
internal sealed class SessionEndedException() : Exception("This page's session has ended: sign in again.");
