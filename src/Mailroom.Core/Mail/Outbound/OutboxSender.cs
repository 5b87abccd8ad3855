using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mailroom.Core.Mail.Outbound;

/// <summary>
/// Delivers the outbox, one pass at a time in its own DI scope. Woken at once by a local commit; polls for
/// rows queued by other instances and for retries coming due. All state is in the database, so a restart
/// resumes exactly where the last process stopped.
/// </summary>
public sealed class OutboxSender(IServiceScopeFactory scopes, OutboxSignal signal, OutboundOptions options, ILogger<OutboxSender> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                claimed = await scope.ServiceProvider.GetRequiredService<OutboxDelivery>().RunPassAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Outbox pass failed; retrying");
            }

            // A full batch means more may be due right now.
            if (claimed < options.BatchSize)
            {
                await signal.WaitAsync(options.PollInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
