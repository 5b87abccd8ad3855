using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Core.SingleSignOn;

public static class SingleSignOnServiceCollectionExtensions
{
    /// <summary>Staff sign-in through the company's identity provider, and which of its groups give what.</summary>
    public static IServiceCollection AddSingleSignOn(this IServiceCollection services) =>
        services.AddScoped<SsoSignIn>().AddScoped<SsoGroupMappings>();
}
