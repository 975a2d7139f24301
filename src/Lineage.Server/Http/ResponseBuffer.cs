using System.Buffers;

namespace Lineage.Server.Http;

/// <summary>
/// An answer being written, held in pooled chunks up to a budget. Writing past the budget
/// throws <see cref="ResponseBuffer.TooLargeException"/>, so that an answer too large to send is
/// noticed before any of it is sent, and the memory it may take is bounded.
/// </summary>
internal sealed class ResponseBuffer : Stream
{
    private const int ChunkSize = 64 * 1024;

    private readonly List<byte[]> _chunks = [];
    private readonly long _budget;
    private long _length;

    public ResponseBuffer(long budget)
    {
        _budget = budget;
    }

    /// <summary>An answer would have been larger than the budget.</summary>
    public sealed class TooLargeException : Exception
    {
        public TooLargeException()
            : base("the answer is larger than the response budget")
        {
        }
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_length + buffer.Length > _budget)
        {
            throw new TooLargeException();
        }

        while (buffer.Length > 0)
        {
            var used = (int)(_length % ChunkSize);
            if (used == 0 && _chunks.Count * (long)ChunkSize == _length)
            {
                _chunks.Add(ArrayPool<byte>.Shared.Rent(ChunkSize));
            }

            var take = Math.Min(buffer.Length, ChunkSize - used);
            buffer[..take].CopyTo(_chunks[^1].AsSpan(used));
            buffer = buffer[take..];
            _length += take;
        }
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Sends what was written to <paramref name="destination"/>.</summary>
    public async Task SendAsync(Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var left = _length;
        foreach (var chunk in _chunks)
        {
            var count = (int)Math.Min(left, ChunkSize);
            await destination.WriteAsync(chunk.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
            left -= count;
        }
    }

    /// <summary>What was written, as one array (for keeping an answer).</summary>
    public byte[] ToArray()
    {
        var result = new byte[_length];
        var at = 0;
        foreach (var chunk in _chunks)
        {
            var count = (int)Math.Min(_length - at, ChunkSize);
            chunk.AsSpan(0, count).CopyTo(result.AsSpan(at));
            at += count;
        }

        return result;
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        foreach (var chunk in _chunks)
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        _chunks.Clear();
        base.Dispose(disposing);
    }
}
