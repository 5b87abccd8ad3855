using Mailroom.Core.Storage;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Mailroom.Core.Tests.Mail.Inbound.Transcripts;

/// <summary>
/// The ingestor's units of work, whose commits can be held back the way a busy SQLite writer holds them under
/// load: while <see cref="Hold"/> is in force every SaveChanges waits (honouring its cancellation) until released.
/// </summary>
internal sealed class HeldCommits(TestDatabase database) : SaveChangesInterceptor, IDbContextFactory<MailroomDb>
{
    private TaskCompletionSource? _release;
    private readonly TaskCompletionSource _waiting = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a commit first waits on the hold.</summary>
    public Task Waiting => _waiting.Task;

    public void Hold() => _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _release?.TrySetResult();

    public MailroomDb CreateDbContext()
    {
        var builder = new DbContextOptionsBuilder<MailroomDb>();
        database.Configure(builder);
        return new MailroomDb(builder.AddInterceptors(this).Options);
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (_release is { } release)
        {
            _waiting.TrySetResult();
            await release.Task.WaitAsync(cancellationToken);
        }

        return result;
    }
}
