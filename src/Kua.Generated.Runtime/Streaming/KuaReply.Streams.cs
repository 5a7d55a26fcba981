using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;

namespace Kua.Generated.Runtime.Http
{
    /// <summary>The streamed replies: items read one by one as the body arrives.</summary>
    public static partial class KuaReply
    {
        /// <summary>A <c>text/event-stream</c> reply whose events carry JSON data.</summary>
        /// <typeparam name="T">The payload type.</typeparam>
        /// <param name="data">Reads each event's data.</param>
        /// <param name="end">The data of the event that ends the stream (such as <c>[DONE]</c>); null when none does.</param>
        /// <returns>The reply.</returns>
        public static KuaReply<IAsyncEnumerable<KuaServerSentEvent<T>>> EventStream<T>(JsonConverter<T> data, string? end = null)
        {
            if (data is null)
            {
                throw new ArgumentNullException(nameof(data));
            }

            var sentinel = end is null ? null : Encoding.UTF8.GetBytes(end);
            return new ItemsReply<KuaServerSentEvent<T>>(EventStreamMediaType, (response, operationId) => new EventStreamItems<T>(response, operationId, data, sentinel));
        }

        /// <summary>A <c>text/event-stream</c> reply whose events' data is text.</summary>
        /// <param name="end">The data of the event that ends the stream (such as <c>[DONE]</c>); null when none does.</param>
        /// <returns>The reply.</returns>
        public static KuaReply<IAsyncEnumerable<KuaServerSentEvent<string>>> TextEventStream(string? end = null)
        {
            var sentinel = end is null ? null : Encoding.UTF8.GetBytes(end);
            return new ItemsReply<KuaServerSentEvent<string>>(EventStreamMediaType, (response, operationId) => new EventStreamItems<string>(response, operationId, null, sentinel));
        }

        /// <summary>An <c>application/x-ndjson</c> or <c>application/jsonl</c> reply: one JSON value per line.</summary>
        /// <typeparam name="T">The value type.</typeparam>
        /// <param name="item">Reads each value.</param>
        /// <returns>The reply.</returns>
        public static KuaReply<IAsyncEnumerable<T>> JsonLines<T>(JsonConverter<T> item)
        {
            var converter = item ?? throw new ArgumentNullException(nameof(item));
            return new ItemsReply<T>("application/x-ndjson", (response, operationId) => new JsonLinesItems<T>(response, operationId, converter));
        }

        /// <summary>An <c>application/json-seq</c> reply (RFC 7464): JSON texts, each after a record separator.</summary>
        /// <typeparam name="T">The value type.</typeparam>
        /// <param name="item">Reads each value.</param>
        /// <returns>The reply.</returns>
        public static KuaReply<IAsyncEnumerable<T>> JsonSequence<T>(JsonConverter<T> item)
        {
            var converter = item ?? throw new ArgumentNullException(nameof(item));
            return new ItemsReply<T>("application/json-seq", (response, operationId) => new JsonSequenceItems<T>(response, operationId, converter));
        }

        /// <summary>A JSON array reply read element by element, without holding the whole body.</summary>
        /// <typeparam name="T">The element type.</typeparam>
        /// <param name="item">Reads each element.</param>
        /// <returns>The reply.</returns>
        public static KuaReply<IAsyncEnumerable<T>> JsonArray<T>(JsonConverter<T> item)
        {
            var converter = item ?? throw new ArgumentNullException(nameof(item));
            return new ItemsReply<T>("application/json", (response, operationId) => new JsonArrayItems<T>(response, operationId, converter));
        }

        private const string EventStreamMediaType = "text/event-stream";

        /// <summary>A reply handed over as items that own the reply (it is not disposed after reading).</summary>
        private sealed class ItemsReply<TItem> : KuaReply<IAsyncEnumerable<TItem>>
        {
            private readonly string _accept;
            private readonly Func<HttpResponseMessage, string, IAsyncEnumerable<TItem>> _open;

            public ItemsReply(string accept, Func<HttpResponseMessage, string, IAsyncEnumerable<TItem>> open)
            {
                _accept = accept;
                _open = open;
            }

            internal override string DefaultAccept => _accept;

            internal override bool KeepsReply => true;

            internal override IAsyncEnumerable<TItem> EmptyResult => NoItems<TItem>.Instance;

            internal override Task<IAsyncEnumerable<TItem>> ReadAsync(HttpResponseMessage response, string operationId, CancellationToken cancellationToken) =>
                Task.FromResult(_open(response, operationId));
        }

        /// <summary>The items of a success status the spec declares without a body.</summary>
        private sealed class NoItems<TItem> : IAsyncEnumerable<TItem>, IAsyncEnumerator<TItem>
        {
            public static readonly NoItems<TItem> Instance = new NoItems<TItem>();

            public TItem Current => default!;

            public IAsyncEnumerator<TItem> GetAsyncEnumerator(CancellationToken cancellationToken = default) => this;

            public ValueTask<bool> MoveNextAsync() => default;

            public ValueTask DisposeAsync() => default;
        }
    }
}
