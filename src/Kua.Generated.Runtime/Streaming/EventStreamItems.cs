using System;
using System.Net.Http;
using System.Text.Json.Serialization;
using Kua.Generated.Runtime.Json;

namespace Kua.Generated.Runtime.Http
{
    /// <summary>
    /// The events of a <c>text/event-stream</c> reply, each with its data read as JSON by a converter or kept as text,
    /// until the body ends or an event's data is the spec's end sentinel (such as <c>[DONE]</c>).
    /// </summary>
    /// <typeparam name="T">The payload type (<see cref="string"/> for text).</typeparam>
    internal sealed class EventStreamItems<T> : StreamedItems<KuaServerSentEvent<T>>
    {
        private readonly ServerSentEventParser _parser = new ServerSentEventParser();
        private readonly JsonConverter<T>? _converter;
        private readonly byte[]? _end;

        /// <param name="response">The reply, which the items own.</param>
        /// <param name="operationId">The operation, for errors.</param>
        /// <param name="converter">Reads each event's data; null keeps it as text (<typeparamref name="T"/> is then string).</param>
        /// <param name="end">The data (UTF-8) of the event that ends the stream; null when none does.</param>
        public EventStreamItems(HttpResponseMessage response, string operationId, JsonConverter<T>? converter, byte[]? end)
            : base(response, operationId)
        {
            _converter = converter;
            _end = end;
        }

        protected override string ItemName => "event";

        protected override Step Next(StreamedBody body, bool ended, out KuaServerSentEvent<T> item)
        {
            item = default;
            if (!_parser.TryReadEvent(body, ended))
            {
                return Step.NeedMore;
            }

            if (_end != null && _parser.Data.SequenceEqual(_end))
            {
                return Step.End;
            }

            var data = _converter is null ? (T)(object)_parser.DataText() : KuaJson.Deserialize(_parser.Data, _converter);
            item = new KuaServerSentEvent<T>(data, _parser.EventType, _parser.LastEventId, _parser.ReconnectionInterval);
            return Step.Item;
        }

        protected override bool HasPartialItem(StreamedBody body) => _parser.InEvent || body.Length > 0;
    }
}
