using Mailroom.Core.Interactions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Core.Transfers;

/// <summary>
/// One hop of an interaction: who moved it, from whom and where, to which account, queue, group or agent, and
/// how it ended. The source agent's "Transferred" view and the receiver's "handled before" read these.
/// </summary>
public sealed class TransferRecord
{
    public long Id { get; set; }
    public long InteractionId { get; set; }
    public TransferKind Kind { get; set; }

    /// <summary>Who asked for the transfer.</summary>
    public int ByUserId { get; set; }

    /// <summary>The agent who had the interaction before (null when it was unassigned).</summary>
    public int? FromUserId { get; set; }

    public int FromAccountId { get; set; }
    public int? FromQueueId { get; set; }
    public int ToAccountId { get; set; }
    public int? ToQueueId { get; set; }

    /// <summary>The chosen agent, or the one who accepted it.</summary>
    public int? ToUserId { get; set; }

    public TransferOutcome Outcome { get; set; }
    public DateTime At { get; set; }
    public DateTime? EndedAt { get; set; }
}

public enum TransferKind
{
    Account = 0,
    Queue = 1,
    Agent = 2,
    Group = 3,
}

public enum TransferOutcome
{
    /// <summary>Done at once: moved to another account, or assigned to the chosen group member.</summary>
    Completed = 0,

    /// <summary>Offered (queue, agent) or waiting for a group member; not taken yet.</summary>
    Pending = 1,
    Accepted = 2,

    /// <summary>Not accepted in time: back to the sender, unread.</summary>
    Returned = 3,
}

internal sealed class TransferRecordConfiguration : IEntityTypeConfiguration<TransferRecord>
{
    public void Configure(EntityTypeBuilder<TransferRecord> builder)
    {
        builder.HasIndex(r => new { r.InteractionId, r.At });
        builder.HasIndex(r => new { r.FromUserId, r.At });
        builder.HasOne<Interaction>().WithMany().HasForeignKey(r => r.InteractionId).OnDelete(DeleteBehavior.Cascade);
    }
}
