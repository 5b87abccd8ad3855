using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Mailroom.Core.Mail.Outbound;

/// <summary>
/// The id an upload is named by: a Data Protection token naming the uploader and the blob, not the blob's bare
/// SHA-256. Blobs are shared by content (raw mail, customers' attachments, other agents' files), so a bare hash
/// would let anyone who learns one attach another account's file to a note or a reply and download it.
/// </summary>
public sealed class UploadTickets(IDataProtectionProvider protection, TimeProvider time)
{
    /// <summary>Long enough for a message composed over a working day.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private readonly IDataProtector _protector = protection.CreateProtector("Mailroom.Uploads");

    public string Issue(int userId, string sha256) => _protector.Protect(string.Create(CultureInfo.InvariantCulture,
        $"{userId}\n{(time.GetUtcNow() + Lifetime).ToUnixTimeSeconds()}\n{sha256}"));

    /// <summary>The blob an upload id names, when <paramref name="userId"/> uploaded it and it has not expired; else null.</summary>
    public string? Resolve(int userId, string? uploadId)
    {
        if (string.IsNullOrEmpty(uploadId) || uploadId.Length > 1000)
        {
            return null;
        }

        string[] parts;
        try
        {
            parts = _protector.Unprotect(uploadId).Split('\n');
        }
        catch (CryptographicException)
        {
            return null;
        }

        return parts.Length == 3
            && parts[0] == userId.ToString(CultureInfo.InvariantCulture)
            && long.Parse(parts[1], CultureInfo.InvariantCulture) >= time.GetUtcNow().ToUnixTimeSeconds()
            ? parts[2]
            : null;
    }
}
