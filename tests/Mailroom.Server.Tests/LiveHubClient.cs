using System.Text.Json;
using System.Threading.Channels;
using Mailroom.TestSupport;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Server.Tests;

/// <summary>A user's live connection to /hubs/agent (the server must listen on a real socket), as the desktop keeps it.</summary>
internal sealed class LiveHubClient : IAsyncDisposable
{
    private readonly Channel<LiveEventDto> _events = Channel.CreateUnbounded<LiveEventDto>();
    private readonly TimeSpan _patience;

    private LiveHubClient(HubConnection connection, TimeSpan patience)
    {
        (Connection, _patience) = (connection, patience);
        connection.On<LiveEventDto>("event", e => _events.Writer.TryWrite(e));
    }

    public sealed record LiveEventDto(long Sequence, string Type, int? AccountId, long? InteractionId, int? UserId, DateTime At, JsonElement Payload);

    public HubConnection Connection { get; }

    /// <summary>Connects with the client's bearer token.</summary>
    public static async Task<LiveHubClient> ConnectAsync(MailroomApp server, HttpClient client, TimeSpan patience)
    {
        var token = client.DefaultRequestHeaders.Authorization!.Parameter;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "/hubs/agent"), o => o.AccessTokenProvider = () => Task.FromResult(token))
            .AddJsonProtocol(o => o.PayloadSerializerOptions = MailroomApp.Json)
            .Build();
        var live = new LiveHubClient(connection, patience);
        await connection.StartAsync();
        return live;
    }

    /// <summary>The next event of <paramref name="type"/> that matches; fails after the patience.</summary>
    public async Task<LiveEventDto> NextAsync(string type, Func<LiveEventDto, bool> match)
    {
        using var timeout = new CancellationTokenSource(_patience);
        await foreach (var e in _events.Reader.ReadAllAsync(timeout.Token))
        {
            if (e.Type == type && match(e))
            {
                return e;
            }
        }

        throw new InvalidOperationException("unreachable");
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
