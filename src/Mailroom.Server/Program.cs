using Mailroom.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddMailroom();

var app = builder.Build();
await app.PrepareDatabaseAsync();
app.UseMailroom();
app.Run();

/// <summary>Entry point, visible to <c>WebApplicationFactory</c> in the tests.</summary>
public partial class Program;
