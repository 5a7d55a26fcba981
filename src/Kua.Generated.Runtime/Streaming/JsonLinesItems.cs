using System;
using System.Net.Http;
using System.Text.Json.Serialization;
using Kua.Generated.Runtime.Json;

namespace Kua.Generated.Runtime.Http
{
    /// <summary>
    /// The values of an <c>application/x-ndjson</c> or <c>application/jsonl</c> reply: one JSON value per line (LF or
    /// CRLF). Blank lines are skipped; the last line needs no line end.
    /// </summary>
    /// <typeparam name="T">The value type.</typeparam>
    internal sealed class JsonLinesItems<T> : StreamedItems<T>
    {
        private readonly JsonConverter<T> _converter;

        public JsonLinesItems(HttpResponseMessage response, string operationId, JsonConverter<T> converter)
            : base(response, operationId)
        {
            _converter = converter;
        }

        protected override string ItemName => "line";

        protected override Step Next(StreamedBody body, bool ended, out T item)
        {
            while (true)
            {
                var unread = body.Unread;
                var end = unread.IndexOf((byte)'\n');
                if (end < 0 && (!ended || unread.Length == 0))
                {
                    item = default!;
                    return Step.NeedMore;
                }

                var line = Trim(end < 0 ? unread : unread.Slice(0, end));
                body.Consume(end < 0 ? unread.Length : end + 1);
                if (line.Length > 0)
                {
                    item = KuaJson.Deserialize(line, _converter);
                    return Step.Item;
                }
            }
        }
    }
}
