using Mailroom.Core.Common;
using Mailroom.Core.Skills;
using Mailroom.Core.Tests.Routing;
using Mailroom.Core.Users;

namespace Mailroom.Core.Tests.Skills;

/// <summary>Administrators give agents skills; bad input names its field; others only read.</summary>
public sealed class AgentSkillsTests
{
    private static readonly Actor Admin = new(1, Role.Admin);

    [Fact]
    public async Task Set_ReplacesTheSkills_AndTheAgentReadsThemByName()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var agent = (await h.AddAgentsAsync(1))[0];
        var (french, billing) = (await AddAsync(h, "French"), await AddAsync(h, "Billing"));
        await SetAsync(h, Admin, agent, [new(french, 2), new(billing, 5)]);

        await SetAsync(h, Admin, agent, [new(french, 4)]);

        var own = await h.RunAsync<AgentSkills, IReadOnlyList<AgentSkillView>>(c => c.GetAsync(new Actor(agent, Role.Agent), agent, default));
        Assert.Equal([new AgentSkillView(french, "French", 4)], own);
        var catalog = await h.RunAsync<SkillCatalog, IReadOnlyList<SkillView>>(c => c.ListAsync(default));
        Assert.Equal([("Billing", 0), ("French", 1)], catalog.Select(s => (s.Name, s.Agents)));
    }

    public static TheoryData<AgentSkillInput?[]?, string> BadSkills => new()
    {
        { null, "skills" },
        { [null], "skills[0]" },
        { [new(999, 2)], "skills[0]" },
        { [new(-1, 0)], "skills[0]" },
        { [new(0, 6)], "skills[0]" },
        { [new(0, 2), new(0, 3)], "skills[1]" },
    };

    [Theory]
    [MemberData(nameof(BadSkills))]
    public async Task Set_BadInput_FailsNamingTheField(AgentSkillInput?[]? skills, string field)
    {
        await using var h = await RoutingHarness.CreateAsync();
        var agent = (await h.AddAgentsAsync(1))[0];
        var french = await AddAsync(h, "French");
        // 0 in a fixture stands for the real skill.
        var input = skills?.Select(s => s is null ? null : s with { SkillId = s.SkillId == 0 ? french : s.SkillId }).ToList();

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => SetAsync(h, Admin, agent, input!));

        Assert.Contains(field, failure.Errors.Keys);
    }

    [Fact]
    public async Task Set_ByAnAgentOrASupervisor_IsForbidden()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var agent = (await h.AddAgentsAsync(1))[0];

        await Assert.ThrowsAsync<ForbiddenException>(() => SetAsync(h, new Actor(agent, Role.Agent), agent, []));
        await Assert.ThrowsAsync<ForbiddenException>(() => SetAsync(h, new Actor(agent, Role.Supervisor), agent, []));
        await Assert.ThrowsAsync<ForbiddenException>(() => h.RunAsync<SkillCatalog>(c => c.CreateAsync(new Actor(agent, Role.Supervisor), new SkillInput("X"), default)));
    }

    [Fact]
    public async Task Get_AnotherAgentsSkills_AsAnAgent_IsForbidden()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var agents = await h.AddAgentsAsync(2);

        await Assert.ThrowsAsync<ForbiddenException>(() =>
            h.RunAsync<AgentSkills, IReadOnlyList<AgentSkillView>>(c => c.GetAsync(new Actor(agents[0], Role.Agent), agents[1], default)));
    }

    [Fact]
    public async Task Create_ADuplicateName_FailsNamingTheName()
    {
        await using var h = await RoutingHarness.CreateAsync();
        await AddAsync(h, "French");

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => AddAsync(h, " French "));

        Assert.Contains("name", failure.Errors.Keys);
    }

    private static Task<int> AddAsync(RoutingHarness h, string name) =>
        h.RunAsync<SkillCatalog, int>(async c => (await c.CreateAsync(Admin, new SkillInput(name), default)).Id);

    private static Task SetAsync(RoutingHarness h, Actor actor, int userId, IReadOnlyList<AgentSkillInput?> skills) =>
        h.RunAsync<AgentSkills>(c => c.SetAsync(actor, userId, skills!, default));
}
