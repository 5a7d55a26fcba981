using System;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Serialization;
using Kua.Generated.Runtime.Json;

namespace Kua.Generated.Runtime.Http
{
    /// <summary>
    /// The values of an <c>application/json-seq</c> reply (RFC 7464): each record is a record separator (0x1E), a JSON
    /// text and a line feed. A record is read as soon as its text is complete and followed by its line feed, without
    /// waiting for the next separator; a record that cannot be read, or a top-level number or literal with nothing after
    /// it (so it may be cut short), is an error.
    /// </summary>
    /// <typeparam name="T">The value type.</typeparam>
    internal sealed class JsonSequenceItems<T> : StreamedItems<T>
    {
        private const byte RecordSeparator = 0x1E;

        private readonly JsonConverter<T> _converter;

        public JsonSequenceItems(HttpResponseMessage response, string operationId, JsonConverter<T> converter)
            : base(response, operationId)
        {
            _converter = converter;
        }

        protected override string ItemName => "record";

        protected override Step Next(StreamedBody body, bool ended, out T item)
        {
            item = default!;
            while (true)
            {
                var unread = body.Unread;
                if (unread.Length == 0)
                {
                    return Step.NeedMore;
                }

                if (unread[0] != RecordSeparator)
                {
                    var separator = unread.IndexOf(RecordSeparator);
                    if (!IsWhitespace(separator < 0 ? unread : unread.Slice(0, separator)))
                    {
                        throw new JsonException("The reply is not a JSON text sequence: a record does not start with the record separator (0x1E).");
                    }

                    body.Consume(separator < 0 ? unread.Length : separator);
                    continue;
                }

                var record = unread.Slice(1);
                var next = record.IndexOf(RecordSeparator);
                if (next >= 0)
                {
                    record = record.Slice(0, next);
                }
                else if (!ended)
                {
                    var complete = CompleteLength(record);
                    if (complete < 0)
                    {
                        return Step.NeedMore;
                    }

                    record = record.Slice(0, complete);
                }

                body.Consume(1 + record.Length);
                var text = Trim(record);
                if (text.Length == 0)
                {
                    continue;
                }

                if (text.Length == record.Length && text[0] != (byte)'{' && text[0] != (byte)'[' && text[0] != (byte)'"')
                {
                    throw new JsonException("A record holds a number or literal with no line feed after it: it may be cut short.");
                }

                item = KuaJson.Deserialize(text, _converter);
                return Step.Item;
            }
        }

        /// <summary>The length of the record's first JSON text and the line feed after it, or -1 while the text is not complete.</summary>
        private static int CompleteLength(ReadOnlySpan<byte> record)
        {
            var lineFeed = record.IndexOf((byte)'\n');
            while (lineFeed >= 0)
            {
                if (IsCompleteText(record.Slice(0, lineFeed + 1)))
                {
                    return lineFeed + 1;
                }

                var next = record.Slice(lineFeed + 1).IndexOf((byte)'\n');
                lineFeed = next < 0 ? -1 : lineFeed + 1 + next;
            }

            return -1;
        }

        private static bool IsCompleteText(ReadOnlySpan<byte> text)
        {
            if (IsWhitespace(text))
            {
                return true;
            }

            var reader = new Utf8JsonReader(text, isFinalBlock: false, state: default);
            try
            {
                if (!reader.Read())
                {
                    return false;
                }

                return (reader.TokenType != JsonTokenType.StartObject && reader.TokenType != JsonTokenType.StartArray) || reader.TrySkip();
            }
            catch (JsonException)
            {
                // Not JSON: complete enough for the strict read to report it.
                return true;
            }
        }
    }
}
