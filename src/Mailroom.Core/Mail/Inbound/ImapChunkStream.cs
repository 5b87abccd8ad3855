using MailKit;

namespace Mailroom.Core.Mail.Inbound;

/// <summary>
/// Reads a message in fixed-size partial fetches (BODY.PEEK[]&lt;offset.count&gt;), so an oversized message goes
/// to disk without ever being whole in memory.
/// </summary>
internal sealed class ImapChunkStream(IMailFolder folder, UniqueId uid) : Stream
{
    private const int ChunkBytes = 4 * 1024 * 1024;

    private byte[] _chunk = [];
    private int _position;
    private int _offset;
    private bool _lastChunk;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position == _chunk.Length)
        {
            if (_lastChunk)
            {
                return 0;
            }

            await using var part = await folder.GetStreamAsync(uid, _offset, ChunkBytes, cancellationToken);
            using var copy = new MemoryStream();
            await part.CopyToAsync(copy, cancellationToken);
            (_chunk, _position) = (copy.ToArray(), 0);
            _offset += _chunk.Length;
            _lastChunk = _chunk.Length < ChunkBytes;
            if (_chunk.Length == 0)
            {
                return 0;
            }
        }

        var count = Math.Min(buffer.Length, _chunk.Length - _position);
        _chunk.AsMemory(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read asynchronously.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
