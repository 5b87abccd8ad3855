using Mailroom.Core.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Core.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the database (provider chosen by the caller), the blob store and the event stream.
    /// </summary>
    public static IServiceCollection AddMailroomStorage(this IServiceCollection services, MailroomOptions options,
        Action<DbContextOptionsBuilder> useProvider)
    {
        services.AddSingleton<EventWakeInterceptor>();
        services.AddSingleton<ColumnLengthGuard>();
        // Pooled: every event a consumer handles and every request opens a context, and setting a fresh one up
        // cost as much CPU as the query it ran. Scoped ones come from the same pool and go back when the scope ends.
        services.AddPooledDbContextFactory<MailroomDb>((sp, builder) =>
        {
            useProvider(builder);
            builder.AddInterceptors(sp.GetRequiredService<EventWakeInterceptor>(), sp.GetRequiredService<ColumnLengthGuard>());
        });
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<MailroomDb>>().CreateDbContext());
        services.AddSingleton(new BlobStore(options.ResolveBlobPath()));
        services.AddHostedService<BlobSweep>();
        services.AddSingleton<EventStream>();
        services.AddHostedService(sp => sp.GetRequiredService<EventStream>());
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
