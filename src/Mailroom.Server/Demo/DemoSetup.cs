namespace Mailroom.Server.Demo;

/// <summary><c>./run.sh --demo</c>: demo accounts, people and queues on the local mail servers, plus customer traffic.</summary>
internal static class DemoSetup
{
    public const string Flag = "--demo";

    public static void AddMailroomDemo(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(DemoOptions.FromEnvironment());
        builder.Services.AddHostedService<DemoSeeder>();
        builder.Services.AddHostedService<DemoTraffic>();
    }
}

internal sealed record DemoOptions(int ImapPort, int SmtpPort)
{
    public const string Domain = "example.test";

    public static DemoOptions FromEnvironment() => new(
        Port("MAILROOM_DEMO_IMAP_PORT", 1143),
        Port("MAILROOM_DEMO_SMTP_PORT", 1025));

    private static int Port(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var port) ? port : fallback;
}
