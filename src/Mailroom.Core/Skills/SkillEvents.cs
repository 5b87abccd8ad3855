namespace Mailroom.Core.Skills;

/// <summary>An administrator changed an agent's skills: waiting interactions may now have someone to go to.</summary>
public sealed record AgentSkillsChanged(int UserId);
