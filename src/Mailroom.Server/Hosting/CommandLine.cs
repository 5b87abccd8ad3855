using Mailroom.Server.Demo;

namespace Mailroom.Server.Hosting;

/// <summary>The switches of ours on the command line, and where the app finds its own files.</summary>
internal static class CommandLine
{
    /// <summary>Gives the first administrator a new password, prints it and exits without serving.</summary>
    public const string ResetAdminPassword = "--reset-admin-password";

    private static readonly string[] OurSwitches = [DemoSetup.Flag, ResetAdminPassword];

    /// <summary>The value of <c>--urls</c> on the command line, if any.</summary>
    public static string? Urls(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--urls" && i + 1 < args.Length)
            {
                return args[i + 1];
            }

            if (args[i].StartsWith("--urls=", StringComparison.Ordinal))
            {
                return args[i]["--urls=".Length..];
            }
        }

        return null;
    }

    /// <summary>
    /// Our switches are taken out before configuration parses the rest. A published app (its folder holds
    /// <c>wwwroot</c>) reads <c>appsettings.json</c> and serves its static files from its own folder, not from
    /// the working directory: started from anywhere, it behaves the same. A build output or a test host keeps
    /// the default, because there the static files come from the project through the development manifest.
    /// </summary>
    public static WebApplicationOptions HostOptions(string[] args)
    {
        var published = Directory.Exists(Path.Combine(AppContext.BaseDirectory, "wwwroot"));
        return new WebApplicationOptions
        {
            Args = args.Where(a => !OurSwitches.Contains(a)).ToArray(),
            ContentRootPath = published ? AppContext.BaseDirectory : null,
        };
    }
}
