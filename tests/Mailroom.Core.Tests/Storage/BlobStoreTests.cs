using Mailroom.Core.Storage;

namespace Mailroom.Core.Tests.Storage;

public sealed class BlobStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "blobs-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Put_ReturnsTheSha256_AndReadsBackTheExactBytes()
    {
        var store = new BlobStore(_root);
        byte[] bytes = [0, 1, 2, 255, 13, 10];

        var sha = await store.PutAsync(bytes);

        Assert.Equal(BlobStore.Hash(bytes), sha);
        Assert.Equal(bytes, await store.ReadAllAsync(sha));
    }

    [Fact]
    public async Task Put_SameBytesTwice_StoresOneFile()
    {
        var store = new BlobStore(_root);
        var first = await store.PutAsync("same"u8.ToArray());
        var second = await store.PutAsync("same"u8.ToArray());

        Assert.Equal(first, second);
        Assert.Single(Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void OpenRead_RejectsAnythingButAnAddress() =>
        Assert.Throws<ArgumentException>(() => new BlobStore(_root).OpenRead("../../etc/passwd"));

    [Fact]
    public async Task SweepTemporaryFiles_LeftByAKilledWrite_DeletesOnlyTheStaleOnes_AndNoBlob()
    {
        var store = new BlobStore(_root);
        var sha = await store.PutAsync("kept"u8.ToArray());
        var now = new DateTime(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);
        var shard = Path.Combine(_root, "ab", "cd");
        Directory.CreateDirectory(shard);
        var (stale, young) = (Path.Combine(shard, "abcd.1.tmp"), Path.Combine(_root, "incoming.2.tmp"));
        await File.WriteAllTextAsync(stale, "half");
        await File.WriteAllTextAsync(young, "in progress");
        File.SetLastWriteTimeUtc(stale, now - BlobSweep.StaleAfter - TimeSpan.FromMinutes(1));
        File.SetLastWriteTimeUtc(young, now - TimeSpan.FromMinutes(1));

        Assert.Equal(1, store.SweepTemporaryFiles(BlobSweep.StaleAfter, now));

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(young));
        Assert.True(store.Exists(sha));
    }

    [Fact]
    public async Task Put_WriteFails_LeavesNoTemporaryFile()
    {
        var store = new BlobStore(_root);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.PutAsync("never"u8.ToArray(), new CancellationToken(canceled: true)));

        Assert.Empty(Directory.EnumerateFiles(_root, "*.tmp", SearchOption.AllDirectories));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
