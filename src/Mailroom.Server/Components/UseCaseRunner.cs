using Mailroom.Core.Common;

namespace Mailroom.Server.Components;

/// <summary>
/// Runs a use case in its own DI scope. A Blazor circuit lives for hours; a DbContext must not, so each
/// click gets a fresh one, exactly like an API request.
/// </summary>
internal sealed class UseCaseRunner(IServiceScopeFactory scopes, CircuitSession session)
{
    public async Task<T> RunAsync<TService, T>(Func<TService, Task<T>> action) where TService : notnull
    {
        RequireSession();
        await using var scope = scopes.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public async Task RunAsync<TService>(Func<TService, Task> action) where TService : notnull
    {
        RequireSession();
        await using var scope = scopes.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    // Between the end of a session and the circuit's teardown nothing more runs in the user's name.
    private void RequireSession()
    {
        if (session.Ended)
        {
            throw new SessionEndedException();
        }
    }

    /// <summary>Words for the person at the screen, from the same exceptions the API maps to ProblemDetails.</summary>
    public static string Describe(Exception ex) => ex switch
    {
        ValidationFailedException v => string.Join(" ", Shared.FieldWords.Humanize(v.Errors).SelectMany(e => e.Value)),
        NotFoundException or ForbiddenException or ConflictException or Core.Transfers.TransferRefusedException => ex.Message,
        _ => "Something went wrong on the server; try again, and tell your administrator if it persists.",
    };
}
