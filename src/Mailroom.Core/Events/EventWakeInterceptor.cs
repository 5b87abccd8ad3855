using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Core.Events;

/// <summary>
/// Wakes the <see cref="EventStream"/> after every commit, so no use case can forget to announce its events.
/// A wake-up with nothing new costs one indexed query; wake-ups coalesce.
/// </summary>
public sealed class EventWakeInterceptor(IServiceProvider services) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        WakeUnlessInTransaction(eventData);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        WakeUnlessInTransaction(eventData);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Wake();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Wake();
        return Task.CompletedTask;
    }

    // Inside an explicit transaction nothing is visible yet; TransactionCommitted wakes instead.
    private void WakeUnlessInTransaction(SaveChangesCompletedEventData eventData)
    {
        if (eventData.Context?.Database.CurrentTransaction is null)
        {
            Wake();
        }
    }

    private void Wake() => services.GetService<EventStream>()?.Wake();
}
