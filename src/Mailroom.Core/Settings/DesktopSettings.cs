using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Core.Settings;

/// <summary>
/// How the agents' desktop behaves for everyone ("Settings - General - OmniDesktop Interface"). One row; a
/// database without it has the defaults.
/// </summary>
public sealed class DesktopSettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>
    /// "Search on Enter Key": the list is searched only when Enter is pressed. Off (the default), it is also
    /// searched as soon as <see cref="SearchAsYouTypeFrom"/> characters are typed.
    /// </summary>
    public bool SearchOnEnterOnly { get; set; }

    /// <summary>Hovering a subject shows the first lines of the last message, unless the administrator turns it off.</summary>
    public bool SubjectPreviewOff { get; set; }

    /// <summary>
    /// The reasons an agent picks from when pausing (Genesys' auxiliary codes), in the order shown. Empty: the
    /// agent types one.
    /// </summary>
    public List<string> PauseReasons { get; set; } = [];

    /// <summary>
    /// Interactions waiting on the customer (Pending, or a sub-status that pauses the service level) hold no slot
    /// of their owner's capacity, so routing offers the agent new work meanwhile. Off by default: they hold one.
    /// </summary>
    public bool PendingFreesCapacity { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>"the request starts only after having entered at least 5 characters".</summary>
    public const int SearchAsYouTypeFrom = 5;

    public const int MaxPauseReasons = 20;
}

internal sealed class DesktopSettingsConfiguration : IEntityTypeConfiguration<DesktopSettings>
{
    public void Configure(EntityTypeBuilder<DesktopSettings> builder) => builder.Property(s => s.Id).ValueGeneratedNever();
}
