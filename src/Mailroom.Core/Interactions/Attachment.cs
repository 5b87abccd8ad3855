namespace Mailroom.Core.Interactions;

public sealed class Attachment
{
    public long Id { get; set; }
    public long MessageId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }

    /// <summary>Set for inline parts, so <c>cid:</c> references in the HTML resolve.</summary>
    public string? ContentId { get; set; }

    public bool IsInline { get; set; }
    public required string BlobSha256 { get; set; }
}
