using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mailroom.Core.Mail.Inbound;

public static class InboundServiceCollectionExtensions
{
    /// <summary>Ingestion, its status and its problems; the watchers only when <c>Mailroom:Inbound:Enabled</c>.</summary>
    public static IServiceCollection AddInboundMail(this IServiceCollection services, MailroomOptions options)
    {
        services.AddSingleton<WatcherStatusRegistry>();
        // PostgreSQL hosting registers its advisory-lock session before this; otherwise this is the only node.
        services.TryAddSingleton<Leases.IMailboxLock, Leases.SingleNodeLock>();
        services.AddSingleton<Leases.MailboxLeases>();
        services.AddScoped<Leases.WatcherStatuses>();
        services.AddSingleton<MessageIngestor>();
        services.AddScoped<IngestProblems>();
        services.AddScoped<Held.HeldMails>();
        services.AddScoped<Held.SenderRules>();
        services.AddScoped<Held.BlockSender>();
        services.AddHostedService<Held.HeldExpiry>();
        services.AddScoped<RawMessages>();
        if (options.Inbound.Enabled)
        {
            services.AddHostedService<InboundMail>();
        }

        return services;
    }
}
