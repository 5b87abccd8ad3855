namespace Mailroom.Core.Mail.Inbound;

/// <summary>A message that could not be turned into an interaction: kept raw, flagged, re-processable.</summary>
public sealed class IngestProblem
{
    public long Id { get; set; }
    public int AccountId { get; set; }
    public required string Mailbox { get; set; }
    public long UidValidity { get; set; }
    public long Uid { get; set; }
    public required string RawSha256 { get; set; }
    public long RawSize { get; set; }
    public required string Reason { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
}
