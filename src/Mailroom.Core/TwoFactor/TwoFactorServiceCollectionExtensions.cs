using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Core.TwoFactor;

public static class TwoFactorServiceCollectionExtensions
{
    /// <summary>Authenticator codes, setting them up, checking them at sign-in, and which roles must.</summary>
    public static IServiceCollection AddTwoFactor(this IServiceCollection services) =>
        services.AddSingleton<AuthenticatorCodes>().AddScoped<SecondFactor>().AddScoped<TwoFactorEnrolment>().AddScoped<TwoFactorPolicies>();
}
