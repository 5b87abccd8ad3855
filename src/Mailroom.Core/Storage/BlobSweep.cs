using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mailroom.Core.Storage;

/// <summary>
/// At start, deletes the temp files of blob writes that a killed process never finished. In the background: on a
/// big store the walk takes a while and nothing waits for it.
/// </summary>
public sealed class BlobSweep(BlobStore blobs, TimeProvider time, ILogger<BlobSweep> logger) : BackgroundService
{
    /// <summary>Older than any write in progress, by another instance sharing the folder too.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        try
        {
            var swept = blobs.SweepTemporaryFiles(StaleAfter, time.GetUtcNow().UtcDateTime);
            if (swept > 0)
            {
                logger.LogInformation("Deleted {Count} unfinished blob writes left by an earlier process", swept);
            }
        }
        catch (IOException ex)
        {
            logger.LogWarning("Could not sweep unfinished blob writes: {Error}", ex.Message);
        }
    }, stoppingToken);
}
