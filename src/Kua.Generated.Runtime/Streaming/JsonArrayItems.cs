using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Serialization;
using Kua.Generated.Runtime.Json;

namespace Kua.Generated.Runtime.Http
{
    /// <summary>
    /// The elements of a reply that is one JSON array, each read as soon as its last byte arrives: a resumable
    /// <see cref="Utf8JsonReader"/> finds where the element ends (scanning each byte once, across reads), then the converter
    /// reads the element's bytes. Only the element in progress is kept. A body of <c>null</c>, or none, has no elements.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    internal sealed class JsonArrayItems<T> : StreamedItems<T>
    {
        private static readonly JsonReaderOptions ReaderOptions = new JsonReaderOptions { MaxDepth = KuaJson.MaxDepth };

        private readonly JsonConverter<T> _converter;
        private JsonReaderState _state = new JsonReaderState(ReaderOptions);
        private Phase _phase;

        /// <summary>Bytes after the body's <see cref="StreamedBody.Start"/> the reader has gone through (its state is there).</summary>
        private int _scanned;

        /// <summary>Where the element in progress starts, after <see cref="StreamedBody.Start"/>; -1 between elements.</summary>
        private int _elementStart = -1;

        private int _elementDepth;

        public JsonArrayItems(HttpResponseMessage response, string operationId, JsonConverter<T> converter)
            : base(response, operationId)
        {
            _converter = converter;
        }

        private enum Phase
        {
            BeforeArray,
            InArray,
            AfterArray,
        }

        protected override string ItemName => "item";

        protected override Step Next(StreamedBody body, bool ended, out T item)
        {
            item = default!;
            if (_phase == Phase.BeforeArray && ended && IsWhitespace(body.Unread))
            {
                _phase = Phase.AfterArray;
            }

            if (_phase != Phase.AfterArray && Scan(body, ended, out item))
            {
                return Step.Item;
            }

            if (_phase == Phase.AfterArray)
            {
                // Read to the body's end (normally at once), so the connection can serve the next call.
                if (!IsWhitespace(body.Unread))
                {
                    throw new JsonException("The reply has data after the end of its JSON array.");
                }

                body.Consume(body.Length);
            }
            else if (ended)
            {
                throw new JsonException("The reply ended before its JSON array was complete.");
            }

            return Step.NeedMore;
        }

        /// <summary>Reads tokens until an element is complete (true) or the bytes run out or the array ends (false).</summary>
        private bool Scan(StreamedBody body, bool ended, out T item)
        {
            item = default!;
            var unread = body.Unread;
            var reader = new Utf8JsonReader(unread.Slice(_scanned), ended, _state);
            while (reader.Read())
            {
                if (_phase == Phase.BeforeArray)
                {
                    if (reader.TokenType == JsonTokenType.Null)
                    {
                        _phase = Phase.AfterArray;
                    }
                    else if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        throw new JsonException("The reply is not a JSON array.");
                    }
                    else
                    {
                        _phase = Phase.InArray;
                        continue;
                    }
                }
                else if (_elementStart < 0)
                {
                    if (reader.TokenType == JsonTokenType.EndArray)
                    {
                        _phase = Phase.AfterArray;
                    }
                    else
                    {
                        _elementStart = _scanned + (int)reader.TokenStartIndex;
                        if (reader.TokenType == JsonTokenType.StartObject || reader.TokenType == JsonTokenType.StartArray)
                        {
                            _elementDepth = reader.CurrentDepth;
                            continue;
                        }
                    }
                }
                else if ((reader.TokenType != JsonTokenType.EndObject && reader.TokenType != JsonTokenType.EndArray) || reader.CurrentDepth != _elementDepth)
                {
                    continue;
                }

                var end = _scanned + (int)reader.BytesConsumed;
                if (_phase == Phase.InArray)
                {
                    item = KuaJson.Deserialize(unread.Slice(_elementStart, end - _elementStart), _converter);
                }

                _state = reader.CurrentState;
                body.Consume(end);
                _scanned = 0;
                _elementStart = -1;
                return _phase == Phase.InArray;
            }

            _state = reader.CurrentState;
            _scanned += (int)reader.BytesConsumed;
            if (_elementStart < 0)
            {
                body.Consume(_scanned);
                _scanned = 0;
            }

            return false;
        }
    }
}
