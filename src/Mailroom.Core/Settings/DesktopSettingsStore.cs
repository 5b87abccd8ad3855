using Mailroom.Core.Common;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Settings;

public sealed record DesktopSettingsView(bool SearchOnEnterOnly, int SearchAsYouTypeFrom);

public sealed record DesktopSettingsInput(bool? SearchOnEnterOnly);

/// <summary>Everyone signed in reads the desktop settings; only an administrator changes them.</summary>
public sealed class DesktopSettingsStore(MailroomDb db, TimeProvider time)
{
    public async Task<DesktopSettingsView> GetAsync(CancellationToken ct) =>
        View(await db.DesktopSettings.AsNoTracking().FirstOrDefaultAsync(ct) ?? new DesktopSettings());

    public async Task<DesktopSettingsView> UpdateAsync(Actor actor, DesktopSettingsInput input, CancellationToken ct)
    {
        actor.RequireAdmin();
        new Validator().When(input.SearchOnEnterOnly is null, "searchOnEnterOnly", "is required (true or false).").ThrowIfInvalid();
        var settings = await db.DesktopSettings.FirstOrDefaultAsync(ct);
        if (settings is null)
        {
            settings = new DesktopSettings();
            db.DesktopSettings.Add(settings);
        }

        settings.SearchOnEnterOnly = input.SearchOnEnterOnly!.Value;
        settings.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return View(settings);
    }

    private static DesktopSettingsView View(DesktopSettings s) => new(s.SearchOnEnterOnly, DesktopSettings.SearchAsYouTypeFrom);
}
