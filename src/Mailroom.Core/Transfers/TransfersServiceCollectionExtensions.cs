using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Core.Transfers;

public static class TransfersServiceCollectionExtensions
{
    public static IServiceCollection AddTransfers(this IServiceCollection services) =>
        services.AddScoped<TransferToAccount>().AddScoped<AccountTransferNotice>();
}
