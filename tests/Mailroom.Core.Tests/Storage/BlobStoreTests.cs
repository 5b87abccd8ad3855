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

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
