using Microsoft.Extensions.Logging;

namespace Mailroom.Core.Common;

/// <summary>
/// The pause of a timer-driven worker between passes: its tick while passes succeed, doubling after each failure
/// up to <c>max</c>. The first failure is logged with its stack trace, the ones after it in one line each, so a
/// lasting fault (a full disk, a database that is away) neither floods the log nor hammers what is already down.
/// </summary>
public sealed class WorkerBackoff(TimeSpan tick, TimeSpan max)
{
    private int _failures;

    /// <summary>How long to wait before the next pass.</summary>
    public TimeSpan Delay => _failures == 0 ? tick : TimeSpan.FromTicks(Math.Min(tick.Ticks << Math.Min(_failures, 20), max.Ticks));

    public void Succeeded(ILogger logger, string worker)
    {
        if (_failures > 0)
        {
            logger.LogInformation("{Worker} works again after {Failures} failed passes", worker, _failures);
            _failures = 0;
        }
    }

    public void Failed(ILogger logger, string worker, Exception ex)
    {
        _failures++;
        if (_failures == 1)
        {
            logger.LogError(ex, "{Worker} failed; retrying in {Delay}", worker, Delay);
        }
        else
        {
            logger.LogWarning("{Worker} failed again ({Failures} in a row): {Error}; retrying in {Delay}", worker, _failures, ex.Message, Delay);
        }
    }
}
