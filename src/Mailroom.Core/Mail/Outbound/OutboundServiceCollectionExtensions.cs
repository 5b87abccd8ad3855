using Mailroom.Core.Templates;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Core.Mail.Outbound;

public static class OutboundServiceCollectionExtensions
{
    /// <summary>Compose use cases, the outbox and (unless disabled) its sender worker.</summary>
    public static IServiceCollection AddOutboundMail(this IServiceCollection services, OutboundOptions options)
    {
        services.AddSingleton(options);
        services.AddTemplates();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<SentFolderCopy>();
        services.AddScoped<Signature>();
        services.AddScoped<QueueOutgoing>();
        services.AddScoped<AnswerComposer>();
        services.AddScoped<Reply>();
        services.AddScoped<AnswerRight>();
        services.AddScoped<AnswerPreview>();
        services.AddScoped<ReplyAll>();
        services.AddScoped<AutomaticReply>();
        services.AddScoped<Forward>();
        services.AddScoped<NewMessage>();
        services.AddScoped<StoreUpload>();
        services.AddSingleton<UploadTickets>();
        services.AddScoped<RetryDelivery>();
        services.AddScoped<UndoSend>();
        services.AddScoped<OutboxDelivery>();
        if (options.Enabled)
        {
            services.AddHostedService<OutboxSender>();
        }

        return services;
    }
}
