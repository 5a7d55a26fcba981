using System;
using System.Buffers;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Kua.Generated.Runtime.Http
{
    /// <summary>
    /// A reply body read as it arrives, into one pooled buffer that holds the bytes not consumed yet: at most one item
    /// (an event, a line, a record, an array element) and what arrived after it, so memory does not grow with the body.
    /// Owns the reply; disposing it before the body's end closes the connection at once.
    /// </summary>
    internal sealed class StreamedBody : IDisposable
    {
        /// <summary>The largest item a stream may hold; a larger one would otherwise grow the buffer without bound.</summary>
        internal const int MaxItemLength = 64 * 1024 * 1024;

        private const int InitialSize = 16 * 1024;

        /// <summary>How many buffered reads <see cref="CloseEarly"/> skips before it leaves the rest to the handler.</summary>
        private const int MaxReadsBeforeClose = 16;

        private readonly HttpResponseMessage _response;
        private readonly string _operationId;
        private readonly Stream? _stream;
        private byte[] _buffer;
        private int _start;
        private int _end;

        private StreamedBody(HttpResponseMessage response, string operationId, Stream? stream)
        {
            _response = response;
            _operationId = operationId;
            _stream = stream;
            _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
            Ended = stream is null;
        }

        /// <summary>The buffer; the unread bytes are <see cref="Start"/> to <see cref="Start"/> + <see cref="Length"/>.</summary>
        public byte[] Buffer => _buffer;

        /// <summary>Where the unread bytes start in <see cref="Buffer"/>.</summary>
        public int Start => _start;

        /// <summary>How many bytes are read and not consumed yet.</summary>
        public int Length => _end - _start;

        /// <summary>The bytes read and not consumed yet.</summary>
        public ReadOnlySpan<byte> Unread => new ReadOnlySpan<byte>(_buffer, _start, _end - _start);

        /// <summary>Whether the body has ended (every byte is in the buffer).</summary>
        public bool Ended { get; private set; }

        /// <summary>Opens the reply's body; the result owns the reply (it is disposed here when opening fails).</summary>
        /// <param name="response">The reply.</param>
        /// <param name="operationId">The operation, for errors.</param>
        /// <param name="cancellationToken">Cancels opening.</param>
        /// <returns>The body.</returns>
        public static async Task<StreamedBody> OpenAsync(HttpResponseMessage response, string operationId, CancellationToken cancellationToken)
        {
            try
            {
                if (response.Content is null)
                {
                    return new StreamedBody(response, operationId, null);
                }

                var stream = await KuaResponses.ReadContentStreamAsync(response.Content, cancellationToken).ConfigureAwait(false);
                return new StreamedBody(response, operationId, stream);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }

        /// <summary>Marks bytes as consumed: they may be overwritten by the next read.</summary>
        /// <param name="count">How many of the unread bytes.</param>
        public void Consume(int count) => _start += count;

        /// <summary>
        /// Reads more of the body after the unread bytes, which stay (moved to the buffer's start when the buffer is full,
        /// so offsets are best kept from <see cref="Start"/>). Returns false once the body has ended.
        /// </summary>
        /// <param name="cancellationToken">Cancels the read, which closes the connection.</param>
        /// <returns>Whether bytes were read.</returns>
        public async ValueTask<bool> ReadMoreAsync(CancellationToken cancellationToken)
        {
            if (Ended)
            {
                return false;
            }

            MakeRoom();
#if NET5_0_OR_GREATER
            var read = await _stream!.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
#else
            var read = await _stream!.ReadAsync(_buffer, _end, _buffer.Length - _end, cancellationToken).ConfigureAwait(false);
#endif
            if (read == 0)
            {
                Ended = true;
                return false;
            }

            _end += read;
            return true;
        }

        /// <summary>An exception for a reply whose stream cannot be read on: the operation, the status, what went wrong.</summary>
        /// <param name="problem">What went wrong, as the end of a sentence that starts with the stream.</param>
        /// <param name="innerException">The cause, if any.</param>
        /// <returns>The exception to throw.</returns>
        public KuaApiException Failure(string problem, Exception? innerException)
        {
            var status = (int)_response.StatusCode;
            return new KuaApiException(
                _operationId,
                status,
                "Operation '" + _operationId + "' returned HTTP " + status.ToString(System.Globalization.CultureInfo.InvariantCulture) + " with a stream that " + problem,
                null,
                KuaResponses.CopyHeaders(_response),
                innerException);
        }

        /// <summary>Releases the reply, closing its connection when the body has not been read to its end.</summary>
        public void Dispose()
        {
            if (_stream != null)
            {
                if (!Ended)
                {
                    CloseEarly(_stream);
                }

                _stream.Dispose();
            }

            _response.Dispose();
            var buffer = Interlocked.Exchange(ref _buffer, Array.Empty<byte>());
            if (buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            _start = _end = 0;
        }

        private void MakeRoom()
        {
            var unread = _end - _start;
            if (unread == 0)
            {
                _start = _end = 0;
            }

            if (_end < _buffer.Length)
            {
                return;
            }

            if (_start > 0)
            {
                System.Buffer.BlockCopy(_buffer, _start, _buffer, 0, unread);
            }
            else
            {
                if (unread >= MaxItemLength)
                {
                    throw Failure("has an item larger than " + (MaxItemLength / (1024 * 1024)).ToString(System.Globalization.CultureInfo.InvariantCulture) + " MiB.", null);
                }

                var larger = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, MaxItemLength + 1));
                System.Buffer.BlockCopy(_buffer, 0, larger, 0, unread);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = larger;
            }

            _start = 0;
            _end = unread;
        }

        /// <summary>
        /// Disposing a reply before its body's end lets the handler drain the rest to reuse the connection (SocketsHttpHandler:
        /// up to 1 MB or 2 s), so an endless event stream would hold the connection that long after the caller left. A read
        /// cancelled while it waits for the network closes the connection instead, at once. Reads that complete from bytes
        /// already received are skipped first; the scratch buffer is the read's own, since a cancelled read may still fill it.
        /// </summary>
        private static void CloseEarly(Stream stream)
        {
            var scratch = new byte[4096];
            using (var cancel = new CancellationTokenSource())
            {
                for (var i = 0; i < MaxReadsBeforeClose; i++)
                {
                    Task<int> read;
                    try
                    {
                        read = stream.ReadAsync(scratch, 0, scratch.Length, cancel.Token);
                    }
                    catch (Exception ex) when (ex is IOException || ex is ObjectDisposedException || ex is NotSupportedException)
                    {
                        return;
                    }

                    if (!read.IsCompleted)
                    {
                        cancel.Cancel();
                        read.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                        return;
                    }

                    if (read.Status != TaskStatus.RanToCompletion || read.Result == 0)
                    {
                        _ = read.Exception;
                        return;
                    }
                }
            }
        }
    }
}
