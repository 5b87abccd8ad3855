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
        services.AddDbContextFactory<MailroomDb>((sp, builder) =>
        {
            useProvider(builder);
            builder.AddInterceptors(sp.GetRequiredService<EventWakeInterceptor>());
        });
        services.AddSingleton(new BlobStore(options.ResolveBlobPath()));
        services.AddHostedService<BlobSweep>();
        services.AddSingleton<EventStream>();
        services.AddHostedService(sp => sp.GetRequiredService<EventStream>());
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
