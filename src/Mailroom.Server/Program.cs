using Mailroom.Server.Demo;
using Mailroom.Server.Hosting;

var builder = WebApplication.CreateBuilder(CommandLine.HostOptions(args));
builder.AddMailroom();
if (DemoSetup.IsOn(args, builder.Configuration))
{
    builder.AddMailroomDemo();
}

var app = builder.Build();
await app.PrepareDatabaseAsync();
if (args.Contains(CommandLine.ResetAdminPassword))
{
    await app.ResetAdminPasswordAsync();
    return 0;
}

app.UseMailroom();
return await app.RunOrExplainAsync(args);

/// <summary>Entry point, visible to <c>WebApplicationFactory</c> in the tests.</summary>
public partial class Program;
