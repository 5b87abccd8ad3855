using System.Net;
using System.Net.Sockets;
using System.Text;
using Mailroom.Core.Mail.Outbound;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Tests.Mail.Outbound;

/// <summary>The short claim lease holds for as long as the SMTP transaction runs (a kill -9 costs seconds, a slow server nothing).</summary>
public sealed class OutboxClaimHoldTests
{
    [Fact]
    public async Task Send_SlowerThanTheClaimLease_KeepsItsClaimUntilThe250_AndIsNeverReleasedAsAbandoned()
    {
        await using var h = await OutboundHarness.CreateAsync();
        await using var server = SlowSmtp.Start();
        var account = await h.AccountAsync("support@example.test", "SUP", smtpPort: server.Port);
        var seeded = await IncomingMailSeed.CreateAsync(h.Db, h.Blobs, account.Id, new IncomingMailSeed.Customer(), h.Now);
        var queued = await h.Reply().RunAsync(h.Agent, seeded.InteractionId, new ComposeInput { Body = "x" }, CancellationToken.None);
        var lease = h.Options.ClaimLease;

        var pass = h.Delivery().RunPassAsync(CancellationToken.None);
        await server.DataReceived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        // Three times the lease, in steps of a third: the claim is renewed at every step.
        for (var step = 0; step < 9; step++)
        {
            var before = await LeaseEndAsync(h, queued.MessageId);
            h.Time.Advance(lease / 3);
            await WaitUntilAsync(async () => await LeaseEndAsync(h, queued.MessageId) > before);
            Assert.Equal(0, await h.Delivery().ReleaseAbandonedClaimsAsync(CancellationToken.None));
        }

        server.Answer.SetResult();
        Assert.Equal(1, await pass.WaitAsync(TimeSpan.FromSeconds(10)));
        await using var db = h.NewContext();
        var item = await db.Outbox.SingleAsync(o => o.MessageId == queued.MessageId);
        Assert.Equal((OutboxState.Sent, 1), (item.State, item.Attempts));
    }

    private static async Task<DateTime> LeaseEndAsync(OutboundHarness h, long messageId)
    {
        await using var db = h.NewContext();
        return await db.Outbox.Where(o => o.MessageId == messageId).Select(o => o.NextAttemptAt).SingleAsync();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!await condition())
        {
            await Task.Delay(10, patience.Token);
        }
    }

    /// <summary>An SMTP server on loopback that takes a message and answers the final dot only when told to.</summary>
    private sealed class SlowSmtp : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly Task _run;

        private SlowSmtp()
        {
            _listener.Start();
            _run = Task.Run(ServeAsync);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public TaskCompletionSource DataReceived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public static SlowSmtp Start() => new();

        public async ValueTask DisposeAsync()
        {
            Answer.TrySetResult();
            _listener.Stop();
            await _run.WaitAsync(TimeSpan.FromSeconds(10));
        }

        private async Task ServeAsync()
        {
            try
            {
                using var client = await _listener.AcceptTcpClientAsync();
                await using var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII);
                await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
                await writer.WriteLineAsync("220 slow.test ESMTP");
                while (await reader.ReadLineAsync() is { } line)
                {
                    var verb = line.Split(' ')[0].ToUpperInvariant();
                    if (verb == "DATA")
                    {
                        await writer.WriteLineAsync("354 go on");
                        while (await reader.ReadLineAsync() is { } data && data != ".")
                        {
                        }

                        DataReceived.TrySetResult();
                        await Answer.Task;
                        await writer.WriteLineAsync("250 2.0.0 queued");
                    }
                    else
                    {
                        await writer.WriteLineAsync(verb == "QUIT" ? "221 bye" : "250 ok");
                        if (verb == "QUIT")
                        {
                            return;
                        }
                    }
                }
            }
            catch (Exception ex) when (ex is SocketException or IOException or ObjectDisposedException)
            {
                // The listener stopped or the client left: the test is over.
            }
        }
    }
}
