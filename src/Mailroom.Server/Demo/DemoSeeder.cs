using Mailroom.Core.Accounts;
using Mailroom.Core.Common;
using Mailroom.Core.Queues;
using Mailroom.Core.Storage;
using Mailroom.Core.Users;
using Mailroom.Server.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Server.Demo;

/// <summary>Creates, once, what a newcomer needs to see the desktop work: two accounts, agents, a supervisor, queues.</summary>
internal sealed class DemoSeeder(IServiceScopeFactory scopes, DemoOptions demo, StartupBanner banner, ILogger<DemoSeeder> logger) : IHostedService
{
    public const string AgentPassword = "agent-pass-demo";
    public const string FrontDesk = "Front desk";

    private static readonly (string Email, string Name, Role Role)[] People =
    [
        ("alice@example.test", "Alice Agent", Role.Agent),
        ("bob@example.test", "Bob Agent", Role.Agent),
        ("sue@example.test", "Sue Supervisor", Role.Supervisor),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<MailroomDb>();
        var admin = await db.Users.FirstAsync(u => u.Role == Role.Admin, cancellationToken);
        var actor = new Actor(admin.Id, Role.Admin);

        var userIds = new List<int>();
        foreach (var (email, name, role) in People)
        {
            var existing = await db.Users.FirstOrDefaultAsync(u => u.Email == email, cancellationToken);
            userIds.Add(existing?.Id ?? (await services.GetRequiredService<UserCommands>().CreateAsync(actor,
                new UserInput { Email = email, DisplayName = name, Role = role, Password = AgentPassword }, cancellationToken)).Id);
        }

        var accountIds = new List<int>();
        foreach (var (key, name) in new[] { ("SUP", "support"), ("SAL", "sales") })
        {
            var existing = await db.Accounts.FirstOrDefaultAsync(a => a.Key == key, cancellationToken);
            var id = existing?.Id ?? (await services.GetRequiredService<AccountCommands>().CreateAsync(actor, Account(key, name), cancellationToken)).Id;
            await services.GetRequiredService<AccountCommands>().SetMembersAsync(actor, id, userIds, cancellationToken);
            accountIds.Add(id);
        }

        if (!await db.Queues.AnyAsync(cancellationToken))
        {
            await services.GetRequiredService<QueueCommands>().CreateAsync(actor, new QueueInput
            {
                Name = FrontDesk,
                Strategy = RoutingStrategy.RoundRobinMemory,
                AgentTimeoutSeconds = 30,
                Members = userIds.Take(2).Select((id, i) => new QueueMemberInput(id, i)).ToList(),
                AccountIds = accountIds,
            }, cancellationToken);
        }

        await ActivatorUtilities.CreateInstance<DemoCatalog>(services).EnsureAsync(actor, userIds.Take(2).ToList(), accountIds[0], accountIds[1], cancellationToken);

        logger.LogInformation("Demo data ready");
        banner.Add($"Demo:      agents alice@example.test and bob@example.test, supervisor sue@example.test, password: {AgentPassword}");
        banner.Add($"           mailboxes support@{DemoOptions.Domain} and sales@{DemoOptions.Domain} (IMAP 127.0.0.1:{demo.ImapPort}, SMTP 127.0.0.1:{demo.SmtpPort});");
        banner.Add("           customers write in every few seconds; your replies land in customer@customer.test");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private AccountInput Account(string key, string name) => new()
    {
        Name = char.ToUpperInvariant(name[0]) + name[1..],
        Key = key,
        Address = $"{name}@{DemoOptions.Domain}",
        Imap = new ImapInput { Host = "127.0.0.1", Port = demo.ImapPort, Ssl = false, Username = $"{name}@{DemoOptions.Domain}", Password = $"{name}-pass" },
        Smtp = new SmtpInput { Host = "127.0.0.1", Port = demo.SmtpPort, Secure = false, Username = $"{name}@{DemoOptions.Domain}", Password = $"{name}-pass" },
        MarkAsUnreadAllowed = true,
        SignatureTemplate = "<p>—<br>{{agentName}}, {{accountName}}</p>",
        Transfer = new TransferSettings
        {
            ToQueueAllowed = true,
            ToAgentAllowed = true,
            AccountTransferEnabled = true,
            AutoMailOnAccountTransfer = true,
            AccountTransferTemplate = "<p>Your request has moved from {{fromAccount}} to {{toAccount}}; simply reply to this email.</p>",
        },
    };
}
