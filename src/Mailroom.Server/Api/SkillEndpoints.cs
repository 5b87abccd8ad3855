using Mailroom.Core.Skills;
using Mailroom.Server.Auth;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Mailroom.Server.Api;

/// <summary>The skill list (administrators edit, everyone reads) and the skills of an agent.</summary>
internal static class SkillEndpoints
{
    public sealed record AgentSkillsInput(IReadOnlyList<AgentSkillInput>? Skills);

    public static void MapSkillEndpoints(this RouteGroupBuilder api)
    {
        var skills = api.MapGroup("/skills").WithTags("Skills");
        skills.MapGet("", async (SkillCatalog c, CancellationToken ct) => TypedResults.Ok(await c.ListAsync(ct)))
            .WithName("listSkills").WithSummary("The skills, with how many active agents hold each");
        skills.MapPost("", async (SkillInput input, HttpContext h, SkillCatalog c, CancellationToken ct) =>
        {
            var skill = await c.CreateAsync(h.User.Actor(), input, ct);
            return TypedResults.Created($"/api/skills/{skill.Id}", skill);
        }).WithName("createSkill").WithSummary("Create a skill (administrators)").ProducesProblem(Status403Forbidden);
        skills.MapPut("/{id:int}", async (int id, SkillInput input, HttpContext h, SkillCatalog c, CancellationToken ct) =>
            TypedResults.Ok(await c.RenameAsync(h.User.Actor(), id, input, ct)))
            .WithName("renameSkill").WithSummary("Rename a skill (administrators)").ProducesProblems(Status403Forbidden, Status404NotFound);
        skills.MapDelete("/{id:int}", async (int id, HttpContext h, SkillCatalog c, CancellationToken ct) =>
        {
            await c.DeleteAsync(h.User.Actor(), id, ct);
            return TypedResults.NoContent();
        }).WithName("deleteSkill").WithSummary("Delete a skill (administrators; refused while a plan step requires it)")
            .ProducesProblems(Status403Forbidden, Status404NotFound, Status409Conflict);

        var ofAgent = api.MapGroup("/users/{id:int}/skills").WithTags("Skills").ProducesProblem(Status404NotFound);
        ofAgent.MapGet("", async (int id, HttpContext h, AgentSkills c, CancellationToken ct) => TypedResults.Ok(await c.GetAsync(h.User.Actor(), id, ct)))
            .WithName("getAgentSkills").WithSummary("An agent's skills and levels (the agent, or a supervisor of the agent's accounts)")
            .ProducesProblem(Status403Forbidden);
        ofAgent.MapPut("", async (int id, AgentSkillsInput input, HttpContext h, AgentSkills c, CancellationToken ct) =>
            TypedResults.Ok(await c.SetAsync(h.User.Actor(), id, input.Skills, ct)))
            .WithName("setAgentSkills").WithSummary("Replace an agent's skills (administrators; levels 1–5)").ProducesProblem(Status403Forbidden);
    }
}
