using Mailroom.Core.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Core.CannedAnswers;

/// <summary>
/// A ready answer ("Canned Answers"): general when <see cref="AccountId"/> is null, else local to one account.
/// The body is a Handlebars template rendered with the interaction's variables.
/// </summary>
public sealed class CannedAnswer
{
    public int Id { get; set; }
    public int? AccountId { get; set; }
    public required string Name { get; set; }
    public required string Body { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

internal sealed class CannedAnswerConfiguration : IEntityTypeConfiguration<CannedAnswer>
{
    public void Configure(EntityTypeBuilder<CannedAnswer> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(100);
        builder.HasIndex(c => new { c.AccountId, c.Name });
        builder.HasOne<EmailAccount>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
