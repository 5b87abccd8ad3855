using Microsoft.AspNetCore.HttpOverrides;

namespace Mailroom.Server.Hosting;

/// <summary>Headers every answer carries, and the scheme and client address as a TLS proxy in front saw them.</summary>
internal static class SecurityHeaders
{
    public static void UseMailroomSecurityHeaders(this WebApplication app)
    {
        // Trusts only a proxy on loopback (the default): the sign-in cookie is then Secure behind TLS, and the
        // sign-in throttle counts the real client, not the proxy.
        app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto });
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers["Referrer-Policy"] = "no-referrer";
                headers.XContentTypeOptions = "nosniff";
                if (context.Request.IsHttps)
                {
                    headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
                }

                // Pages: a customer mail's frame may not be navigated anywhere but our own origin (its links open
                // new tabs), nothing may frame Mailroom, no plugins, no <base> rewriting our links. Endpoints that
                // serve customer content set their own, stricter policy.
                if (!headers.ContainsKey("Content-Security-Policy"))
                {
                    headers.ContentSecurityPolicy = "frame-src 'self'; frame-ancestors 'self'; object-src 'none'; base-uri 'self'";
                }

                // The API answers with customer data: no browser or proxy cache keeps it unless an endpoint says so.
                if (context.Request.Path.StartsWithSegments("/api") && !headers.ContainsKey("Cache-Control"))
                {
                    headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}
