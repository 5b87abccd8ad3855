using Mailroom.Server.Demo;
using Mailroom.Server.Hosting;

// "--demo" is a switch of ours, not a configuration key: take it out before configuration parses the rest.
var builder = WebApplication.CreateBuilder(args.Where(a => a != DemoSetup.Flag).ToArray());
builder.AddMailroom();
if (DemoSetup.IsOn(args, builder.Configuration))
{
    builder.AddMailroomDemo();
}

var app = builder.Build();
await app.PrepareDatabaseAsync();
app.UseMailroom();
app.Run();

/// <summary>Entry point, visible to <c>WebApplicationFactory</c> in the tests.</summary>
public partial class Program;
