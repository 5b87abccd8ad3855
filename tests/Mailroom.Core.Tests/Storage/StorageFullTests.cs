using Mailroom.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Tests.Storage;

/// <summary>Real "disk full" errors, made on purpose: Linux's /dev/full for a file write, a page cap for SQLite.</summary>
public sealed class StorageFullTests
{
    [Fact]
    public async Task Is_AFileWriteOnAFullDevice_IsRecognized()
    {
        var error = await Assert.ThrowsAnyAsync<IOException>(() => File.WriteAllBytesAsync("/dev/full", new byte[1 << 16]));

        Assert.True(StorageFull.Is(error), $"HResult {error.HResult}: {error.Message}");
    }

    [Fact]
    public async Task Is_SqliteOutOfPages_IsRecognized_AlsoWrappedByEfCore()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "CREATE TABLE t (v BLOB); PRAGMA max_page_count = 3;";
            await setup.ExecuteNonQueryAsync();
        }

        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO t VALUES (zeroblob(100000))";
        var error = await Assert.ThrowsAsync<SqliteException>(() => insert.ExecuteNonQueryAsync());

        Assert.True(StorageFull.Is(error), error.Message);
        Assert.True(StorageFull.Is(new DbUpdateException("An error occurred while saving the entity changes.", error)));
        Assert.False(StorageFull.Is(new IOException("The server hung up.")));
    }
}
