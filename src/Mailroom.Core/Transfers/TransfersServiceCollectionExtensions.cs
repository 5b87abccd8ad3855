using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Core.Transfers;

public static class TransfersServiceCollectionExtensions
{
    public static IServiceCollection AddTransfers(this IServiceCollection services) =>
        services.AddScoped<TransferToAccount>().AddScoped<AccountTransferNotice>()
            .AddScoped<TransferToQueue>().AddScoped<TransferToAgent>().AddScoped<TransferToGroup>()
            .AddScoped<AssignInteraction>().AddScoped<TransferTargets>().AddScoped<TransferViews>();
}
