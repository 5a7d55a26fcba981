using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;

namespace Kua.Generated.Runtime.Http
{
    /// <summary>
    /// The items of one streamed reply, read as they arrive. Owns the reply: reading it to its end, an error, leaving the
    /// loop early or a cancellation releases it. A stream is read once. The formats (events, lines, records, array
    /// elements) say how one item is found in the bytes; reading, cancelling and the errors are the same for all.
    /// </summary>
    /// <typeparam name="TItem">The item type.</typeparam>
    internal abstract class StreamedItems<TItem> : IAsyncEnumerable<TItem>
    {
        private readonly string _operationId;
        private HttpResponseMessage? _response;

        protected StreamedItems(HttpResponseMessage response, string operationId)
        {
            _response = response;
            _operationId = operationId;
        }

        /// <summary>What comes of looking for the next item in the bytes read so far.</summary>
        protected enum Step
        {
            /// <summary>An item was read.</summary>
            Item,

            /// <summary>More bytes are needed (at the body's end: nothing is left).</summary>
            NeedMore,

            /// <summary>The stream says it is over (a sentinel): the rest is not read.</summary>
            End,
        }

        /// <summary>What an item is called in errors ("event", "line"…).</summary>
        protected abstract string ItemName { get; }

        public IAsyncEnumerator<TItem> GetAsyncEnumerator(CancellationToken cancellationToken = default)
        {
            var response = Interlocked.Exchange(ref _response, null)
                ?? throw new InvalidOperationException("The stream of operation '" + _operationId + "' has been read already: call the operation again for a new one.");
            return ReadAsync(response, cancellationToken).GetAsyncEnumerator(cancellationToken);
        }

        /// <summary>
        /// Looks for the next item in <paramref name="body"/>'s unread bytes, consuming what it reads. At the body's end
        /// (<paramref name="ended"/>) what is left is the last item or nothing. A <see cref="JsonException"/> says the item
        /// cannot be read.
        /// </summary>
        protected abstract Step Next(StreamedBody body, bool ended, out TItem item);

        /// <summary>Whether the bytes read so far hold part of an item (for the error of a stream cut there).</summary>
        protected virtual bool HasPartialItem(StreamedBody body) => !IsWhitespace(body.Unread);

        /// <summary>JSON's whitespace (which also covers line ends).</summary>
        protected static bool IsWhitespace(ReadOnlySpan<byte> bytes)
        {
            foreach (var b in bytes)
            {
                if (b != (byte)' ' && b != (byte)'\t' && b != (byte)'\r' && b != (byte)'\n')
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The bytes without JSON whitespace at either end.</summary>
        protected static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> bytes)
        {
            var start = 0;
            while (start < bytes.Length && IsWhitespace(bytes.Slice(start, 1)))
            {
                start++;
            }

            var end = bytes.Length;
            while (end > start && IsWhitespace(bytes.Slice(end - 1, 1)))
            {
                end--;
            }

            return bytes.Slice(start, end - start);
        }

        private async IAsyncEnumerable<TItem> ReadAsync(HttpResponseMessage response, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var body = await StreamedBody.OpenAsync(response, _operationId, cancellationToken).ConfigureAwait(false);
            try
            {
                var ended = body.Ended;
                var count = 0;
                while (true)
                {
                    // Items already read stop at a cancellation too, not only reads that wait for the network.
                    cancellationToken.ThrowIfCancellationRequested();
                    var step = Advance(body, ended, count, out var item);
                    if (step == Step.Item)
                    {
                        count++;
                        yield return item;
                        continue;
                    }

                    if (step == Step.End || ended)
                    {
                        yield break;
                    }

                    ended = !await ReadMoreAsync(body, count, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                body.Dispose();
            }
        }

        private Step Advance(StreamedBody body, bool ended, int count, out TItem item)
        {
            try
            {
                return Next(body, ended, out item);
            }
            catch (JsonException ex)
            {
                throw body.Failure("could not be read at " + ItemName + " " + (count + 1).ToString(CultureInfo.InvariantCulture) + ": " + ex.Message, ex);
            }
        }

        private async System.Threading.Tasks.ValueTask<bool> ReadMoreAsync(StreamedBody body, int count, CancellationToken cancellationToken)
        {
            try
            {
                return await body.ReadMoreAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when ((ex is IOException || ex is HttpRequestException) && cancellationToken.IsCancellationRequested)
            {
                // Cancelling a read closes the connection, which some handlers report as the connection's failure.
                throw new OperationCanceledException("The stream of operation '" + _operationId + "' was cancelled.", ex, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException || ex is HttpRequestException)
            {
                var items = count == 1 ? "1 " + ItemName : count.ToString(CultureInfo.InvariantCulture) + " " + ItemName + "s";
                throw body.Failure("was cut after " + items + (HasPartialItem(body) ? ", in the middle of the next one" : string.Empty) + ": " + ex.Message, ex);
            }
        }
    }
}
