using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Xml;

namespace Kua.Generated.Runtime.Json
{
    /// <summary>
    /// The reflection-free converters generated code composes: one per primitive JSON format, plus
    /// list, map and nullable wrappers. Instances are immutable and shared.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class KuaJsonConverters
    {
        /// <summary>JSON string ⇄ <see cref="string"/>.</summary>
        public static JsonConverter<string> String { get; } = new StringConverter();

        /// <summary>JSON true/false ⇄ <see cref="bool"/>.</summary>
        public static JsonConverter<bool> Boolean { get; } = new BooleanConverter();

        /// <summary>JSON integer ⇄ <see cref="int"/>.</summary>
        public static JsonConverter<int> Int32 { get; } = new Int32Converter();

        /// <summary>JSON integer ⇄ <see cref="long"/>.</summary>
        public static JsonConverter<long> Int64 { get; } = new Int64Converter();

        /// <summary>JSON number ⇄ <see cref="float"/>.</summary>
        public static JsonConverter<float> Single { get; } = new SingleConverter();

        /// <summary>JSON number ⇄ <see cref="double"/>.</summary>
        public static JsonConverter<double> Double { get; } = new DoubleConverter();

        /// <summary>JSON number ⇄ <see cref="decimal"/>.</summary>
        public static JsonConverter<decimal> Decimal { get; } = new DecimalConverter();

        /// <summary>RFC 3339 date-time string ⇄ <see cref="System.DateTimeOffset"/>.</summary>
        public static JsonConverter<DateTimeOffset> DateTimeOffset { get; } = new DateTimeOffsetConverter();

        /// <summary>RFC 3339 full-date string (<c>yyyy-MM-dd</c>) ⇄ <see cref="System.DateTime"/> (date part only).</summary>
        public static JsonConverter<DateTime> Date { get; } = new DateConverter();

        /// <summary>RFC 3339 partial-time string (<c>HH:mm:ss</c>) ⇄ <see cref="System.TimeSpan"/> since midnight.</summary>
        public static JsonConverter<TimeSpan> Time { get; } = new TimeConverter();

        /// <summary>ISO 8601 duration string (<c>P1DT2H</c>) ⇄ <see cref="System.TimeSpan"/>.</summary>
        public static JsonConverter<TimeSpan> Duration { get; } = new DurationConverter();

        /// <summary>UUID string ⇄ <see cref="System.Guid"/>.</summary>
        public static JsonConverter<Guid> Guid { get; } = new GuidConverter();

        /// <summary>URI string ⇄ <see cref="System.Uri"/> (absolute or relative).</summary>
        public static JsonConverter<Uri> Uri { get; } = new UriConverter();

        /// <summary>Base64 string ⇄ <see cref="byte"/> array.</summary>
        public static JsonConverter<byte[]> Bytes { get; } = new BytesConverter();

        /// <summary>Any JSON value ⇄ <see cref="System.Text.Json.JsonElement"/>.</summary>
        public static JsonConverter<JsonElement> Any { get; } = new AnyConverter();

#if NET6_0_OR_GREATER
        /// <summary>RFC 3339 full-date string (<c>yyyy-MM-dd</c>) ⇄ <see cref="System.DateOnly"/>.</summary>
        public static JsonConverter<DateOnly> DateOnly { get; } = new DateOnlyConverter();

        /// <summary>RFC 3339 partial-time string (<c>HH:mm:ss</c>) ⇄ <see cref="System.TimeOnly"/>.</summary>
        public static JsonConverter<TimeOnly> TimeOnly { get; } = new TimeOnlyConverter();
#endif

        /// <summary>JSON array ⇄ <see cref="List{T}"/>, items read and written by <paramref name="item"/>.</summary>
        /// <typeparam name="T">The item type.</typeparam>
        /// <param name="item">The item converter.</param>
        /// <returns>The list converter.</returns>
        public static JsonConverter<List<T>> ListOf<T>(JsonConverter<T> item) => new ListConverter<T>(item);

        /// <summary>JSON object ⇄ <see cref="Dictionary{TKey, TValue}"/> keyed by property name.</summary>
        /// <typeparam name="T">The value type.</typeparam>
        /// <param name="value">The value converter.</param>
        /// <returns>The map converter.</returns>
        public static JsonConverter<Dictionary<string, T>> MapOf<T>(JsonConverter<T> value) => new MapConverter<T>(value);

        /// <summary>A value type that may be JSON null.</summary>
        /// <typeparam name="T">The value type.</typeparam>
        /// <param name="value">The converter for non-null values.</param>
        /// <returns>The nullable converter.</returns>
        public static JsonConverter<T?> Nullable<T>(JsonConverter<T> value)
            where T : struct => new NullableValueConverter<T>(value);

        /// <summary>A reference type that may be JSON null.</summary>
        /// <typeparam name="T">The reference type.</typeparam>
        /// <param name="value">The converter for non-null values.</param>
        /// <returns>The converter that also reads and writes null.</returns>
        public static JsonConverter<T?> OrNull<T>(JsonConverter<T> value)
            where T : class => new NullableReferenceConverter<T>(value);

        private sealed class StringConverter : JsonConverter<string>
        {
            public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            {
                KuaJson.Expect(ref reader, JsonTokenType.String, "a string");
                return reader.GetString()!;
            }

            public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
        }

        private sealed class BooleanConverter : JsonConverter<bool>
        {
            public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            {
                if (reader.TokenType != JsonTokenType.True && reader.TokenType != JsonTokenType.False)
                {
                    throw KuaJson.Unexpected(ref reader, "true or false");
                }

                return reader.GetBoolean();
            }

            public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) => writer.WriteBooleanValue(value);
        }

        private sealed class Int32Converter : JsonConverter<int>
        {
            public override int Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            {
                KuaJson.Expect(ref reader, JsonTokenType.Number, "an integer");
                if (!reader.TryGetInt32(out var value))
                {
                    throw KuaJson.Invalid(ref reader, "a 32-bit integer");
                }

                return value;
            }

            public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
        }

        private sealed class Int64Converter : JsonConverter<long>
        {
            public override long Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            {
                KuaJson.Expect(ref reader, JsonTokenType.Number, "an integer");
                if (!reader.TryGetInt64(out var value))
                {
                    throw KuaJson.Invalid(ref reader, "a 64-bit integer");
                }

                return value;
            }

            public override void Write(Utf8JsonWriter writer, long value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
        }

        private sealed class SingleConverter : JsonConverter<float>
        {
            public override float Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            {
                KuaJson.Expect(ref reader, JsonTokenType.Number, "a number");
                if (!reader.TryGetSingle(out var value))
                {
                    throw KuaJson.Invalid(ref reader, "a single-precision number");
                }

                return value;
            }

            public override void Write(Utf8JsonWriter writer, float value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
        }

        private sealed class DoubleConverter : JsonConverter<double>
        {
            public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            {
                KuaJson.Expect(ref reader, JsonTokenType.Number, "a number");
                if (!reader.TryGetDouble(out var value))
                {
                    throw KuaJson.Invalid(ref reader, "a double-precision number");
                }

                return value;
            }

            public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
        }

        private sealed class DecimalConverter : JsonConverter<decimal>
        {
            public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            {
                KuaJson.Expect(ref reader, JsonTokenType.Number, "a number");
                if (!reader.TryGetDecimal(out var value))
                {
                    throw KuaJson.Invalid(ref reader, "a decimal number");
                }

                return value;
            }

            public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
        }

        private sealed class DateTimeOffsetConverter : JsonConverter<DateTimeOffset>
        {
            public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            {
                KuaJson.Expect(ref reader, JsonTokenType.String, "a date-time string");
                if (reader.TryGetDateTimeOffset(out var value))
                {
                    return value;
                }

                // RFC 3339 allows forms ISO 8601 parsing in System.Text.Json refuses (lower-case 't'/'z', a space separator).
                if (System.DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out value))
                {
                    return value;
                }

                throw KuaJson.Invalid(ref reader, "an RFC 3339 date-time");
            }

            public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);
        }

        private sealed class DateConverter : JsonConverter<DateTime>
        {
            public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            {
                KuaJson.Expect(ref reader, JsonTokenType.String, "a date string");
                var text = reader.GetString();
                if (System.DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    return date;
                }

                if (System.DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var dateTime))
                {
                    return dateTime.Date;
                }

                throw KuaJson.Invalid(ref reader, "an RFC 3339 full-date (yyyy-MM-dd)");
            }

            public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
                writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        private sealed class TimeConverter : JsonConverter<TimeSpan>
        {
            public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            {
                KuaJson.Expect(ref reader, JsonTokenType.String, "a time string");
                if (KuaFormatting.TryParseTime(reader.GetString(), out var value))
                {
                    return value;
                }

                throw KuaJson.Invalid(ref reader, "an RFC 3339 partial-time (HH:mm:ss)");
            }

            public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
                writer.WriteStringValue(KuaFormatting.FormatTime(value));
        }

        private sealed class DurationConverter : JsonConverter<TimeSpan>
        {
            public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            {
                KuaJson.Expect(ref reader, JsonTokenType.String, "a duration string");
                try
                {
                    return XmlConvert.ToTimeSpan(reader.GetString()!);
                }
                catch (FormatException)
                {
                    throw KuaJson.Invalid(ref reader, "an ISO 8601 duration");
                }
            }

            public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
                writer.WriteStringValue(XmlConvert.ToString(value));
        }

        private sealed class GuidConverter : JsonConverter<Guid>
        {
            public override Guid Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            {
                KuaJson.Expect(ref reader, JsonTokenType.String, "a UUID string");
                if (System.Guid.TryParse(reader.GetString(), out var value))
                {
                    return value;
                }

                throw KuaJson.Invalid(ref reader, "a UUID");
            }

            public override void Write(Utf8JsonWriter writer, Guid value, JsonSerializerOptions options) => writer.WriteStringValue(value);
        }

        private sealed class UriConverter : JsonConverter<Uri>
        {
            public override Uri Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            {
                KuaJson.Expect(ref reader, JsonTokenType.String, "a URI string");
                if (System.Uri.TryCreate(reader.GetString(), UriKind.RelativeOrAbsolute, out var value))
                {
                    return value;
                }

                throw KuaJson.Invalid(ref reader, "a URI");
            }

            public override void Write(Utf8JsonWriter writer, Uri value, JsonSerializerOptions options) => writer.WriteStringValue(value.OriginalString);
        }

        private sealed class BytesConverter : JsonConverter<byte[]>
        {
            public override byte[] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            {
                KuaJson.Expect(ref reader, JsonTokenType.String, "a base64 string");
                if (reader.TryGetBytesFromBase64(out var value))
                {
                    return value;
                }

                // Base64url (RFC 4648 §5) is common in APIs too.
                var text = reader.GetString()!.Replace('-', '+').Replace('_', '/');
                try
                {
                    return Convert.FromBase64String(text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '='));
                }
                catch (FormatException)
                {
                    throw KuaJson.Invalid(ref reader, "base64 data");
                }
            }

            public override void Write(Utf8JsonWriter writer, byte[] value, JsonSerializerOptions options) => writer.WriteBase64StringValue(value);
        }

        private sealed class AnyConverter : JsonConverter<JsonElement>
        {
            public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
                JsonElement.ParseValue(ref reader);

            public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options)
            {
                if (value.ValueKind == JsonValueKind.Undefined)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    value.WriteTo(writer);
                }
            }
        }

#if NET6_0_OR_GREATER
        private sealed class DateOnlyConverter : JsonConverter<DateOnly>
        {
            public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            {
                KuaJson.Expect(ref reader, JsonTokenType.String, "a date string");
                var text = reader.GetString();
                if (System.DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    return date;
                }

                if (System.DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var dateTime))
                {
                    return System.DateOnly.FromDateTime(dateTime.DateTime);
                }

                throw KuaJson.Invalid(ref reader, "an RFC 3339 full-date (yyyy-MM-dd)");
            }

            public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options) =>
                writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        private sealed class TimeOnlyConverter : JsonConverter<TimeOnly>
        {
            public override TimeOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            {
                KuaJson.Expect(ref reader, JsonTokenType.String, "a time string");
                if (KuaFormatting.TryParseTime(reader.GetString(), out var value))
                {
                    return System.TimeOnly.FromTimeSpan(value);
                }

                throw KuaJson.Invalid(ref reader, "an RFC 3339 partial-time (HH:mm:ss)");
            }

            public override void Write(Utf8JsonWriter writer, TimeOnly value, JsonSerializerOptions options) =>
                writer.WriteStringValue(KuaFormatting.FormatTime(value.ToTimeSpan()));
        }
#endif

        private sealed class ListConverter<T> : JsonConverter<List<T>>
        {
            private readonly JsonConverter<T> _item;

            public ListConverter(JsonConverter<T> item) => _item = item ?? throw new ArgumentNullException(nameof(item));

            public override List<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            {
                KuaJson.Expect(ref reader, JsonTokenType.StartArray, "an array");
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
                        list.Add(_item.Read(ref reader, typeof(T), options)!);
                    }
                    catch (Exception ex) when (KuaJson.IsReadError(ex))
                    {
                        throw KuaJson.InElement("[" + list.Count.ToString(CultureInfo.InvariantCulture) + "]", ex);
                    }
                }
            }

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

        private sealed class MapConverter<T> : JsonConverter<Dictionary<string, T>>
        {
            private readonly JsonConverter<T> _value;

            public MapConverter(JsonConverter<T> value) => _value = value ?? throw new ArgumentNullException(nameof(value));

            public override Dictionary<string, T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            {
                KuaJson.Expect(ref reader, JsonTokenType.StartObject, "an object");
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
                        map[key] = _value.Read(ref reader, typeof(T), options)!;
                    }
                    catch (Exception ex) when (KuaJson.IsReadError(ex))
                    {
                        throw KuaJson.InElement("[\"" + key + "\"]", ex);
                    }
                }
            }

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

        private sealed class NullableValueConverter<T> : JsonConverter<T?>
            where T : struct
        {
            private readonly JsonConverter<T> _value;

            public NullableValueConverter(JsonConverter<T> value) => _value = value ?? throw new ArgumentNullException(nameof(value));

            public override bool HandleNull => true;

            public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
                reader.TokenType == JsonTokenType.Null ? null : _value.Read(ref reader, typeof(T), options);

            public override void Write(Utf8JsonWriter writer, T? value, JsonSerializerOptions options)
            {
                if (value.HasValue)
                {
                    _value.Write(writer, value.GetValueOrDefault(), options);
                }
                else
                {
                    writer.WriteNullValue();
                }
            }
        }

        private sealed class NullableReferenceConverter<T> : JsonConverter<T?>
            where T : class
        {
            private readonly JsonConverter<T> _value;

            public NullableReferenceConverter(JsonConverter<T> value) => _value = value ?? throw new ArgumentNullException(nameof(value));

            public override bool HandleNull => true;

            public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
                reader.TokenType == JsonTokenType.Null ? null : _value.Read(ref reader, typeof(T), options);

            public override void Write(Utf8JsonWriter writer, T? value, JsonSerializerOptions options)
            {
                if (value is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    _value.Write(writer, value, options);
                }
            }
        }
    }
}
