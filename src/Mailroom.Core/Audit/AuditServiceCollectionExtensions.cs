using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Core.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>Reading the audit log; writing it is <see cref="AuditTrail"/>, in each use case's own unit of work.</summary>
    public static IServiceCollection AddAudit(this IServiceCollection services) => services.AddScoped<AuditLog>();
}
