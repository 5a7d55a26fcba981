using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Kua.Generated.Runtime.Reading;

namespace Kua.Generated.Runtime.Json
{
    /// <summary>JSON array ⇄ <see cref="List{T}"/>; an item that cannot be read is reported with its index.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class KuaListConverter<T> : JsonConverter<List<T>>
    {
        private readonly JsonConverter<T> _item;

        /// <summary>Creates the converter.</summary>
        /// <param name="item">The item converter.</param>
        public KuaListConverter(JsonConverter<T> item) => _item = item ?? throw new ArgumentNullException(nameof(item));

        /// <summary>Reads a member's value: a list, or null for JSON null.</summary>
        /// <param name="reader">The reader, on the value.</param>
        /// <returns>The list, or null.</returns>
        public List<T> ReadValue(ref Utf8JsonReader reader) =>
            reader.TokenType == JsonTokenType.Null ? null! : Read(ref reader, typeof(List<T>), KuaJson.Options);

        /// <inheritdoc/>
        public override List<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var session = KuaReadSession.Current;
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                return ReadSingleObject(ref reader, session, options);
            }

            var list = new List<T>();
            while (true)
            {
                KuaJson.ReadNext(ref reader);
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    return list;
                }

                try
                {
                    var before = session?.Count ?? 0;
                    list.Add(_item.Read(ref reader, typeof(T), options)!);
                    if (session != null && session.Count > before)
                    {
                        session.Within(before, KuaReadSession.ItemSegment(list.Count - 1), null);
                    }
                }
                catch (Exception ex) when (KuaJson.IsReadError(ex))
                {
                    throw KuaJson.InElement("[" + list.Count.ToString(CultureInfo.InvariantCulture) + "]", ex);
                }
            }
        }

        /// <summary>Tolerant: one object where the schema says array is a list of that one item; strict, and anything else, throws.</summary>
        private List<T> ReadSingleObject(ref Utf8JsonReader reader, KuaReadSession? session, JsonSerializerOptions options)
        {
            if (session is null || reader.TokenType != JsonTokenType.StartObject)
            {
                throw KuaJson.Unexpected(ref reader, "an array");
            }

            session.Report(KuaSpecDeviationKind.ObjectForArray, null, null);
            var before = session.Count;
            var item = _item.Read(ref reader, typeof(T), options)!;
            if (session.Count > before)
            {
                session.Within(before, KuaReadSession.ItemSegment(0), null);
            }

            return new List<T> { item };
        }

        /// <inheritdoc/>
        public override void Write(Utf8JsonWriter writer, List<T> value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            for (var i = 0; i < value.Count; i++)
            {
                _item.Write(writer, value[i], options);
            }

            writer.WriteEndArray();
        }
    }

    /// <summary>JSON object ⇄ <see cref="Dictionary{TKey, TValue}"/> keyed by property name (ordinal).</summary>
    /// <typeparam name="T">The value type.</typeparam>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class KuaMapConverter<T> : JsonConverter<Dictionary<string, T>>
    {
        private readonly JsonConverter<T> _value;

        /// <summary>Creates the converter.</summary>
        /// <param name="value">The value converter.</param>
        public KuaMapConverter(JsonConverter<T> value) => _value = value ?? throw new ArgumentNullException(nameof(value));

        /// <summary>Reads a member's value: a map, or null for JSON null.</summary>
        /// <param name="reader">The reader, on the value.</param>
        /// <returns>The map, or null.</returns>
        public Dictionary<string, T> ReadValue(ref Utf8JsonReader reader) =>
            reader.TokenType == JsonTokenType.Null ? null! : Read(ref reader, typeof(Dictionary<string, T>), KuaJson.Options);

        /// <inheritdoc/>
        public override Dictionary<string, T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            KuaJson.Expect(ref reader, JsonTokenType.StartObject, "an object");
            var session = KuaReadSession.Current;
            var map = new Dictionary<string, T>(StringComparer.Ordinal);
            while (true)
            {
                KuaJson.ReadNext(ref reader);
                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    return map;
                }

                var key = reader.GetString()!;
                KuaJson.ReadNext(ref reader);
                try
                {
                    var before = session?.Count ?? 0;
                    map[key] = _value.Read(ref reader, typeof(T), options)!;
                    if (session != null && session.Count > before)
                    {
                        // Map keys are data: the path names none of them.
                        session.Within(before, "[*]", null);
                    }
                }
                catch (Exception ex) when (KuaJson.IsReadError(ex))
                {
                    throw KuaJson.InElement("[\"" + key + "\"]", ex);
                }
            }
        }

        /// <inheritdoc/>
        public override void Write(Utf8JsonWriter writer, Dictionary<string, T> value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            foreach (var pair in value)
            {
                writer.WritePropertyName(pair.Key);
                _value.Write(writer, pair.Value, options);
            }

            writer.WriteEndObject();
        }
    }
}
