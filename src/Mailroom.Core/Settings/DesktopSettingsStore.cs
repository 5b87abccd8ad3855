using Mailroom.Core.Audit;
using Mailroom.Core.Common;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Settings;

public sealed record DesktopSettingsView(bool SearchOnEnterOnly, int SearchAsYouTypeFrom, bool SubjectPreview, IReadOnlyList<string> PauseReasons,
    bool PendingFreesCapacity)
{
    /// <summary>What a database without the settings row has; pages show it until they have read the real ones.</summary>
    public static DesktopSettingsView Defaults { get; } = DesktopSettingsStore.View(new DesktopSettings());
}

/// <summary>What an administrator changes; a setting left out (null) keeps its value, except the search one.</summary>
public sealed record DesktopSettingsInput(bool? SearchOnEnterOnly, bool? SubjectPreview = null, IReadOnlyList<string?>? PauseReasons = null,
    bool? PendingFreesCapacity = null);

/// <summary>Everyone signed in reads the desktop settings; only an administrator changes them.</summary>
public sealed class DesktopSettingsStore(MailroomDb db, TimeProvider time)
{
    public async Task<DesktopSettingsView> GetAsync(CancellationToken ct) =>
        View(await db.DesktopSettings.AsNoTracking().FirstOrDefaultAsync(ct) ?? new DesktopSettings());

    public async Task<DesktopSettingsView> UpdateAsync(Actor actor, DesktopSettingsInput input, CancellationToken ct)
    {
        actor.RequireAdmin();
        var reasons = input.PauseReasons?.Select(r => r?.Trim() ?? "").ToList();
        var v = new Validator().When(input.SearchOnEnterOnly is null, "searchOnEnterOnly", "is required (true or false).");
        if (reasons is not null)
        {
            v.When(reasons.Count > DesktopSettings.MaxPauseReasons, "pauseReasons", $"may hold at most {DesktopSettings.MaxPauseReasons} reasons.")
                .When(reasons.Any(r => r.Length is 0 or > 100), "pauseReasons", "must each be 1 to 100 characters.")
                .When(reasons.Distinct(StringComparer.OrdinalIgnoreCase).Count() != reasons.Count, "pauseReasons", "must not name a reason twice.");
        }

        v.ThrowIfInvalid();
        var settings = await db.DesktopSettings.FirstOrDefaultAsync(ct);
        if (settings is null)
        {
            settings = new DesktopSettings();
            db.DesktopSettings.Add(settings);
        }

        settings.SearchOnEnterOnly = input.SearchOnEnterOnly!.Value;
        settings.SubjectPreviewOff = input.SubjectPreview is bool shown ? !shown : settings.SubjectPreviewOff;
        settings.PauseReasons = reasons ?? settings.PauseReasons;
        settings.PendingFreesCapacity = input.PendingFreesCapacity ?? settings.PendingFreesCapacity;
        settings.UpdatedAt = time.GetUtcNow().UtcDateTime;
        db.Audit(actor, "settings changed", "agent desktop", $"pending frees capacity {settings.PendingFreesCapacity}; pause reasons {settings.PauseReasons.Count}",
            settings.UpdatedAt);
        await db.SaveChangesAsync(ct);
        return View(settings);
    }

    internal static DesktopSettingsView View(DesktopSettings s) =>
        new(s.SearchOnEnterOnly, DesktopSettings.SearchAsYouTypeFrom, !s.SubjectPreviewOff, s.PauseReasons, s.PendingFreesCapacity);
}
