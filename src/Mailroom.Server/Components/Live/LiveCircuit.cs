using Mailroom.Server.Auth;
using Mailroom.Server.Realtime;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Mailroom.Server.Components.Live;

/// <summary>
/// Follows one circuit's connection: suspends its live events while the browser is away, counts it as one of
/// the agent's connections (presence follows them, see <see cref="AgentConnections"/>), and when the circuit
/// ends logs one line instead of a failure per event.
/// </summary>
internal sealed class LiveCircuit(LiveEvents events, AgentConnections connections, AuthenticationStateProvider auth, ILogger<LiveCircuit> logger)
    : CircuitHandler
{
    private int? _userId;

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var user = (await auth.GetAuthenticationStateAsync()).User;
        _userId = user.UserId();
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        events.Back();
        if (_userId is { } id)
        {
            connections.Connected(id, circuit.Id);
        }

        return Task.CompletedTask;
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        events.Away();
        if (_userId is { } id)
        {
            connections.Disconnected(id, circuit.Id);
        }

        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var ended = events.EndAll();
        logger.LogInformation("Circuit {Circuit} of user {User} ended; {Count} live subscriptions with it", circuit.Id, _userId, ended);
        return Task.CompletedTask;
    }
}
