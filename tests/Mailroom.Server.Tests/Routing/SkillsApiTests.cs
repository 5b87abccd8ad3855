using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Server.Tests.Work;

namespace Mailroom.Server.Tests.Routing;

/// <summary>
/// Skills through the API: administrators keep the list and give agents levels; the agent and the supervisors of the
/// agent's accounts read them; bad bodies are 400s naming the field; an interaction a plan made need a skill says so.
/// </summary>
public sealed class SkillsApiTests(WorkDesk desk) : IClassFixture<WorkDesk>
{
    [Fact]
    public async Task Admin_GivesAnAgentASkill_TheAgentAndTheirSupervisorReadIt_AColleagueMayNot()
    {
        var (account, _) = await desk.AccountAsync();
        var (agentId, agent) = await desk.UserAsync(account);
        var (_, colleague) = await desk.UserAsync(account);
        var (_, supervisor) = await desk.UserAsync(account, "supervisor");
        var skill = await CreateSkillAsync("French");

        var given = await WorkDesk.JsonAsync(await desk.Admin.PutAsJsonAsync($"/api/users/{agentId}/skills", new { skills = new[] { new { skillId = skill, level = 4 } } }), HttpStatusCode.OK);

        Assert.Equal(("French", 4), Single(given));
        Assert.Equal(("French", 4), Single(await agent.GetFromJsonAsync<JsonElement>($"/api/users/{agentId}/skills")));
        Assert.Equal(("French", 4), Single(await supervisor.GetFromJsonAsync<JsonElement>($"/api/users/{agentId}/skills")));
        Assert.Equal(HttpStatusCode.Forbidden, (await colleague.GetAsync($"/api/users/{agentId}/skills")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PutAsJsonAsync($"/api/users/{agentId}/skills", new { skills = Array.Empty<object>() })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsJsonAsync("/api/skills", new { name = "Mine" })).StatusCode);
    }

    [Fact]
    public async Task BadBodies_AreBadRequestsNamingTheField()
    {
        var (account, _) = await desk.AccountAsync();
        var (agentId, _) = await desk.UserAsync(account);
        var skill = await CreateSkillAsync("Billing");
        var path = $"/api/users/{agentId}/skills";

        await WorkDesk.BadRequestNamingAsync(await desk.Admin.PutAsJsonAsync(path, new { }), "skills");
        await WorkDesk.BadRequestNamingAsync(await desk.Admin.PutAsJsonAsync(path, new { skills = new object?[] { null } }), "skills[0]");
        await WorkDesk.BadRequestNamingAsync(await desk.Admin.PutAsJsonAsync(path, new { skills = new[] { new { skillId = 999999, level = 2 } } }), "skills[0]");
        await WorkDesk.BadRequestNamingAsync(await desk.Admin.PutAsJsonAsync(path, new { skills = new[] { new { skillId = skill, level = 9 } } }), "skills[0]");
        await WorkDesk.BadRequestNamingAsync(await desk.Admin.PostAsJsonAsync("/api/skills", new { name = "" }), "name");
        await WorkDesk.BadRequestNamingAsync(await desk.Admin.PostAsJsonAsync("/api/skills", new { name = new string('x', 101) }), "name");
        await WorkDesk.BadRequestNamingAsync(await desk.Admin.PostAsJsonAsync("/api/skills", new { name = " Billing-" + skill + " " }), "name");
    }

    [Fact]
    public async Task APlanRequiringASkill_TheContextSaysWhatTheInteractionNeeds_AndTheSkillCannotBeDeleted()
    {
        var (account, _) = await desk.AccountAsync();
        var (_, agent) = await desk.UserAsync(account);
        var skill = await CreateSkillAsync("Tier 2");
        var plan = new { steps = new[] { new { kind = "requireSkill", skillId = skill, skillLevel = 3 } } };
        await WorkDesk.JsonAsync(await desk.Admin.PutAsJsonAsync($"/api/accounts/{account}/plan", plan), HttpStatusCode.OK);

        var id = await desk.CustomerWritesAsync(account);
        var opened = (await desk.InteractionAsync(id)).CreatedAt;
        await desk.DbAsync(db =>
        {
            db.Append(new InteractionCreated(id, account), opened, account, id);
            return db.SaveChangesAsync();
        });

        var needs = await EventuallyAsync(async () => (await WorkDesk.ContextAsync(agent, id)).GetProperty("requiredSkills"), n => n.GetArrayLength() == 1);
        Assert.Equal($"Tier 2-{skill}, level 3 or higher", needs[0].GetProperty("text").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await desk.Admin.DeleteAsync($"/api/skills/{skill}")).StatusCode);
    }

    private async Task<int> CreateSkillAsync(string name)
    {
        var created = await WorkDesk.JsonAsync(await desk.Admin.PostAsJsonAsync("/api/skills", new { name = name + "-" + Guid.NewGuid().ToString("N")[..6] }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        // Named after its id, so that a test can say what it expects to read.
        await WorkDesk.JsonAsync(await desk.Admin.PutAsJsonAsync($"/api/skills/{id}", new { name = $"{name}-{id}" }), HttpStatusCode.OK);
        return id;
    }

    private static (string, int) Single(JsonElement skills)
    {
        var skill = Assert.Single(skills.EnumerateArray());
        var name = skill.GetProperty("name").GetString()!;
        return (name[..name.LastIndexOf('-')], skill.GetProperty("level").GetInt32());
    }

    private static async Task<JsonElement> EventuallyAsync(Func<Task<JsonElement>> read, Func<JsonElement, bool> done)
    {
        for (var attempt = 0; ; attempt++)
        {
            var value = await read();
            if (done(value) || attempt == 100)
            {
                return value;
            }

            await Task.Delay(100);
        }
    }
}
