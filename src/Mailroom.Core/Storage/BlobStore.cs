using System.Security.Cryptography;

namespace Mailroom.Core.Storage;

/// <summary>
/// Content-addressed files on disk: a blob's name is the SHA-256 of its bytes, so the same attachment or raw
/// message is stored once, and a stored blob can never silently change.
/// </summary>
public sealed class BlobStore
{
    private const string TempSuffix = ".tmp";

    private readonly string _root;

    public BlobStore(string root)
    {
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(_root);
    }

    public static string Hash(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Writes the bytes durably (flushed to disk) before returning their address.</summary>
    public async Task<string> PutAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        var sha = Hash(bytes.Span);
        var path = PathOf(sha);
        if (File.Exists(path))
        {
            return sha;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Write to a unique temp name and rename: a crash leaves either nothing or the whole blob.
        var temp = $"{path}.{Guid.NewGuid():N}{TempSuffix}";
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await file.WriteAsync(bytes, cancellationToken);
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
            return sha;
        }
        finally
        {
            // A full disk or a cancelled write must not leave the half-written file behind.
            File.Delete(temp);
        }
    }

    /// <summary>
    /// Deletes temp files older than <paramref name="olderThan"/>: what a process killed mid-write left behind
    /// (a normal failure deletes its own). Younger ones may be another instance's write in progress.
    /// </summary>
    public int SweepTemporaryFiles(TimeSpan olderThan, DateTime now)
    {
        var swept = 0;
        foreach (var temp in Directory.EnumerateFiles(_root, "*" + TempSuffix, SearchOption.AllDirectories))
        {
            if (now - File.GetLastWriteTimeUtc(temp) >= olderThan)
            {
                File.Delete(temp);
                swept++;
            }
        }

        return swept;
    }

    /// <summary>
    /// Streams bytes to disk while hashing them, for content too big to hold in memory (an oversized message).
    /// Returns the address and the byte count.
    /// </summary>
    public async Task<(string Sha, long Size)> PutStreamAsync(Stream content, CancellationToken cancellationToken = default)
    {
        var temp = Path.Combine(_root, $"incoming.{Guid.NewGuid():N}{TempSuffix}");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    size += read;
                }

                file.Flush(flushToDisk: true);
            }

            var sha = Convert.ToHexStringLower(hash.GetHashAndReset());
            var path = PathOf(sha);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.Move(temp, path, overwrite: true);
            return (sha, size);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public bool Exists(string sha) => File.Exists(PathOf(sha));

    public long Size(string sha) => new FileInfo(PathOf(sha)).Length;

    public Stream OpenRead(string sha) =>
        new FileStream(PathOf(sha), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);

    public async Task<byte[]> ReadAllAsync(string sha, CancellationToken cancellationToken = default) =>
        await File.ReadAllBytesAsync(PathOf(sha), cancellationToken);

    public void Delete(string sha) => File.Delete(PathOf(sha));

    private string PathOf(string sha)
    {
        if (sha.Length != 64 || !sha.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException("Not a SHA-256 address.", nameof(sha));
        }

        return Path.Combine(_root, sha[..2], sha[2..4], sha);
    }
}
