using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Core.Search;

/// <summary>An advanced search a user kept under a name; private to that user.</summary>
public sealed class SavedSearch
{
    public long Id { get; set; }
    public int UserId { get; set; }
    public required string Name { get; set; }
    public string Match { get; set; } = AdvancedSearch.All;

    /// <summary>The conditions as JSON: they are only ever read back whole.</summary>
    public required string Conditions { get; set; }

    public DateTime CreatedAt { get; set; }
}

internal sealed class SavedSearchConfiguration : IEntityTypeConfiguration<SavedSearch>
{
    public void Configure(EntityTypeBuilder<SavedSearch> builder)
    {
        builder.HasIndex(s => new { s.UserId, s.Name }).IsUnique();
        builder.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
