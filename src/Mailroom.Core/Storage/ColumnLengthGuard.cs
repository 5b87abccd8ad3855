using System.Collections.Concurrent;
using System.Text.Json;
using Mailroom.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Mailroom.Core.Storage;

/// <summary>
/// Refuses a save that would put more text into a column than the column holds, as a 400 naming the field, before
/// the database sees it. PostgreSQL would answer a 500 (and SQLite would store it, so the two providers disagreed);
/// use cases validate their inputs, and this is the net under every one that forgot a length.
/// </summary>
public sealed class ColumnLengthGuard : SaveChangesInterceptor
{
    private readonly ConcurrentDictionary<IEntityType, IReadOnlyList<IProperty>> _bounded = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Check(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        Dictionary<string, string[]>? errors = null;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            foreach (var property in _bounded.GetOrAdd(entry.Metadata, BoundedStrings))
            {
                if (entry.Property(property.Name).CurrentValue is string { } text && text.Length > property.GetMaxLength())
                {
                    errors ??= [];
                    errors[JsonNamingPolicy.CamelCase.ConvertName(property.Name)] = [$"must have at most {property.GetMaxLength()} characters."];
                }
            }
        }

        if (errors is not null)
        {
            throw new ValidationFailedException(errors);
        }
    }

    private static IReadOnlyList<IProperty> BoundedStrings(IEntityType type) =>
        type.GetProperties().Where(p => p.ClrType == typeof(string) && p.GetMaxLength() is not null).ToList();
}
