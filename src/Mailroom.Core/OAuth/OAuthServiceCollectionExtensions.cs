using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Core.OAuth;

public static class OAuthServiceCollectionExtensions
{
    /// <summary>App registrations, token requests and the access tokens IMAP and SMTP sign in with.</summary>
    public static IServiceCollection AddOAuth(this IServiceCollection services)
    {
        // One long-lived client; connections are recycled so a provider's DNS change is seen within minutes.
        services.AddSingleton(_ => new TokenEndpoint(new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = TimeSpan.FromSeconds(30),
        }));
        services.AddSingleton<AccessTokens>();
        services.AddScoped<OAuthAppCommands>();
        services.AddScoped<OAuthSignIn>();
        return services;
    }
}
