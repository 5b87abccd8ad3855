using System.Data.Common;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Core.Events;

/// <summary>
/// Wakes the <see cref="EventStream"/> after every commit that added events, so no use case can forget to
/// announce its events. Commits without events (tokens, timers, checkpoints) do not wake it: under load each
/// needless wake-up was one more query competing with routing.
/// </summary>
public sealed class EventWakeInterceptor(IServiceProvider services) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        NoteEvents(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        NoteEvents(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        WakeUnlessInTransaction(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        WakeUnlessInTransaction(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => WakeIfAnnounced(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        WakeIfAnnounced(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private static void NoteEvents(DbContext? context)
    {
        if (context is MailroomDb db && db.ChangeTracker.Entries<StoredEvent>().Any(e => e.State == EntityState.Added))
        {
            db.EventsToAnnounce = true;
        }
    }

    // Inside an explicit transaction nothing is visible yet; TransactionCommitted wakes instead.
    private void WakeUnlessInTransaction(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            WakeIfAnnounced(context);
        }
    }

    private void WakeIfAnnounced(DbContext? context)
    {
        // A context this interceptor does not know about wakes the stream, to be safe.
        if (context is not MailroomDb db || db.EventsToAnnounce)
        {
            Forget(context);
            services.GetService<EventStream>()?.Wake();
        }
    }

    private static void Forget(DbContext? context)
    {
        if (context is MailroomDb db)
        {
            db.EventsToAnnounce = false;
        }
    }
}
