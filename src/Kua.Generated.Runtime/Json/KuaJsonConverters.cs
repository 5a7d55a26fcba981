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
    /// The reflection-free converters of the JSON formats, plus list, map and nullable wrappers that generated code
    /// composes. Instances are immutable and shared.
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

#endif

#if NET6_0_OR_GREATER
        /// <summary>RFC 3339 partial-time string (<c>HH:mm:ss</c>) ⇄ <see cref="System.TimeOnly"/>.</summary>
        public static JsonConverter<TimeOnly> TimeOnly { get; } = new TimeOnlyConverter();

#endif

        /// <summary>JSON array ⇄ <see cref="List{T}"/>, items read and written by <paramref name="item"/>.</summary>
        /// <typeparam name="T">The item type.</typeparam>
        /// <param name="item">The item converter (wrap it with <see cref="OrNull{T}"/> or <see cref="Nullable{T}"/> when items may be null).</param>
        /// <returns>The list converter.</returns>
        public static KuaListConverter<T> ListOf<T>(JsonConverter<T> item) => new KuaListConverter<T>(item);

        /// <summary>JSON object ⇄ <see cref="Dictionary{TKey, TValue}"/> keyed by property name.</summary>
        /// <typeparam name="T">The value type.</typeparam>
        /// <param name="value">The value converter.</param>
        /// <returns>The map converter.</returns>
        public static KuaMapConverter<T> MapOf<T>(JsonConverter<T> value) => new KuaMapConverter<T>(value);

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

        internal static void WriteAny(Utf8JsonWriter writer, JsonElement value)
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

        private sealed class StringConverter : JsonConverter<string>
        {
            public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
                reader.TokenType == JsonTokenType.Null ? throw KuaJson.Unexpected(ref reader, "a string") : KuaJsonContext.ReadString(ref reader)!;

            public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
        }

        private sealed class BooleanConverter : JsonConverter<bool>
        {
            public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => KuaJsonContext.ReadBoolean(ref reader);

            public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) => writer.WriteBooleanValue(value);
        }

        private sealed class Int32Converter : JsonConverter<int>
        {
            public override int Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => KuaJsonContext.ReadInt32(ref reader);

            public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
        }

        private sealed class Int64Converter : JsonConverter<long>
        {
            public override long Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => KuaJsonContext.ReadInt64(ref reader);

            public override void Write(Utf8JsonWriter writer, long value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
        }

        private sealed class SingleConverter : JsonConverter<float>
        {
            public override float Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => KuaJsonContext.ReadSingle(ref reader);

            public override void Write(Utf8JsonWriter writer, float value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
        }

        private sealed class DoubleConverter : JsonConverter<double>
        {
            public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => KuaJsonContext.ReadDouble(ref reader);

            public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
        }

        private sealed class DecimalConverter : JsonConverter<decimal>
        {
            public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => KuaJsonContext.ReadDecimal(ref reader);

            public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
        }

        private sealed class DateTimeOffsetConverter : JsonConverter<DateTimeOffset>
        {
            public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => KuaJsonContext.ReadDateTimeOffset(ref reader);

            public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);
        }

        private sealed class DateConverter : JsonConverter<DateTime>
        {
            public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => KuaJsonContext.ReadDate(ref reader);

            public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        private sealed class TimeConverter : JsonConverter<TimeSpan>
        {
            public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => KuaJsonContext.ReadTime(ref reader);

            public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) => writer.WriteStringValue(KuaFormatting.FormatTime(value));
        }

        private sealed class DurationConverter : JsonConverter<TimeSpan>
        {
            public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => KuaJsonContext.ReadDuration(ref reader);

            public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) => writer.WriteStringValue(XmlConvert.ToString(value));
        }

        private sealed class GuidConverter : JsonConverter<Guid>
        {
            public override Guid Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => KuaJsonContext.ReadGuid(ref reader);

            public override void Write(Utf8JsonWriter writer, Guid value, JsonSerializerOptions options) => writer.WriteStringValue(value);
        }

        private sealed class UriConverter : JsonConverter<Uri>
        {
            public override Uri Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
                reader.TokenType == JsonTokenType.Null ? throw KuaJson.Unexpected(ref reader, "a URI string") : KuaJsonContext.ReadUri(ref reader)!;

            public override void Write(Utf8JsonWriter writer, Uri value, JsonSerializerOptions options) => writer.WriteStringValue(value.OriginalString);
        }

        private sealed class BytesConverter : JsonConverter<byte[]>
        {
            public override byte[] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
                reader.TokenType == JsonTokenType.Null ? throw KuaJson.Unexpected(ref reader, "a base64 string") : KuaJsonContext.ReadBytes(ref reader)!;

            public override void Write(Utf8JsonWriter writer, byte[] value, JsonSerializerOptions options) => writer.WriteBase64StringValue(value);
        }

        private sealed class AnyConverter : JsonConverter<JsonElement>
        {
            public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => KuaJsonContext.ReadAny(ref reader);

            public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options) => WriteAny(writer, value);
        }

#if NET6_0_OR_GREATER
        private sealed class DateOnlyConverter : JsonConverter<DateOnly>
        {
            public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => KuaJsonContext.ReadDateOnly(ref reader);

            public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
#endif

#if NET6_0_OR_GREATER
        private sealed class TimeOnlyConverter : JsonConverter<TimeOnly>
        {
            public override TimeOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => KuaJsonContext.ReadTimeOnly(ref reader);

            public override void Write(Utf8JsonWriter writer, TimeOnly value, JsonSerializerOptions options) => writer.WriteStringValue(KuaFormatting.FormatTime(value.ToTimeSpan()));
        }
#endif

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
