using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Kua.Generated.Runtime.Tests.Infrastructure
{
    /// <summary>A read-only stream that counts what was read from it; optionally not seekable, like a network or pipe stream.</summary>
    internal sealed class CountingStream : Stream
    {
        private readonly MemoryStream _inner;
        private readonly bool _seekable;

        public CountingStream(byte[] content, bool seekable)
        {
            _inner = new MemoryStream(content, writable: false);
            _seekable = seekable;
        }

        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => _seekable;

        public override bool CanWrite => false;

        public override long Length => _seekable ? _inner.Length : throw new NotSupportedException();

        public override long Position
        {
            get => _seekable ? _inner.Position : throw new NotSupportedException();
            set
            {
                if (!_seekable)
                {
                    throw new NotSupportedException();
                }

                _inner.Position = value;
            }
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = _inner.Read(buffer, offset, count);
            BytesRead += read;
            return read;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = _inner.Read(buffer.Span);
            BytesRead += read;
            return new ValueTask<int>(read);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override long Seek(long offset, SeekOrigin origin) => _seekable ? _inner.Seek(offset, origin) : throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
