using System.Data.Common;

namespace Mailroom.Core.Storage;

/// <summary>
/// Recognizes "the disk is full" wherever it surfaces: a blob write (ENOSPC, or the Windows codes), SQLite
/// (SQLITE_FULL) or PostgreSQL (53100 disk_full), also when EF Core wraps it. Nothing was lost, nothing the
/// caller sent was wrong: the request can be repeated once an administrator has made room.
/// </summary>
public static class StorageFull
{
    private const int Enospc = 28;
    private const int WindowsDiskFull = unchecked((int)0x80070070);
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);
    // sqlite3_errstr(SQLITE_FULL): Microsoft.Data.Sqlite keeps the code on its own exception type only, which
    // Core does not reference; the text is fixed by SQLite itself.
    private const string SqliteFull = "database or disk is full";

    public static bool Is(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is IOException { HResult: Enospc or WindowsDiskFull or WindowsHandleDiskFull } or DbException { SqlState: "53100" }
                || (e is DbException && e.Message.Contains(SqliteFull, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }
}
