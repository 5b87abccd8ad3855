namespace Mailroom.Server.Demo;

/// <summary><c>./run.sh --demo</c>: demo accounts, people and queues on the local mail servers, plus customer traffic.</summary>
internal static class DemoSetup
{
    public const string Flag = "--demo";

    /// <summary>The same switch as configuration, for a host started without our command line (the browser test).</summary>
    public const string Setting = "Mailroom:Demo";

    public static bool IsOn(string[] args, IConfiguration configuration) => args.Contains(Flag) || configuration.GetValue<bool>(Setting);

    public static void AddMailroomDemo(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(DemoOptions.From(builder.Configuration));
        builder.Services.AddHostedService<DemoSeeder>();
        builder.Services.AddHostedService<DemoTraffic>();
    }
}

internal sealed record DemoOptions(int ImapPort, int SmtpPort)
{
    public const string Domain = "example.test";

    // run.sh exports these as environment variables, which configuration includes; a test sets them as settings.
    public static DemoOptions From(IConfiguration configuration) => new(
        Port(configuration, "MAILROOM_DEMO_IMAP_PORT", 1143),
        Port(configuration, "MAILROOM_DEMO_SMTP_PORT", 1025));

    private static int Port(IConfiguration configuration, string name, int fallback) =>
        int.TryParse(configuration[name], out var port) ? port : fallback;
}
