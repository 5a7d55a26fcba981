using System;
using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Xml;
using Kua.Generated.Runtime.Reading;

namespace Kua.Generated.Runtime.Json
{
    /// <summary>
    /// The base of a generated client's JSON context (the class that holds its converters): the readers its member
    /// functions call for each JSON format. Each reads the value the reader is on; a reference type reads JSON null as
    /// null, a value type's <c>ReadNullable…</c> does too, and its plain reader refuses null (the object converter
    /// never hands it one for a member that may not be null).
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public abstract class KuaJsonContext
    {
        /// <summary>Lets a generated context derive from this class.</summary>
        protected KuaJsonContext()
        {
        }

        /// <summary>Reads a JSON string, or null.</summary>
        /// <param name="reader">The reader, on the value.</param>
        /// <returns>The text, or null for JSON null.</returns>
        protected internal static string? ReadString(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return null;
            }

            return reader.TokenType == JsonTokenType.String ? reader.GetString() : TolerantValues.String(ref reader, "a string");
        }

        /// <summary>Reads a URI string (absolute or relative), or null.</summary>
        /// <param name="reader">The reader, on the value.</param>
        /// <returns>The URI, or null for JSON null.</returns>
        protected internal static Uri? ReadUri(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return null;
            }

            KuaJson.Expect(ref reader, JsonTokenType.String, "a URI string");
            if (Uri.TryCreate(reader.GetString(), UriKind.RelativeOrAbsolute, out var value))
            {
                return value;
            }

            throw KuaJson.Invalid(ref reader, "a URI");
        }

        /// <summary>Reads a base64 (or base64url) string, or null.</summary>
        /// <param name="reader">The reader, on the value.</param>
        /// <returns>The bytes, or null for JSON null.</returns>
        protected internal static byte[]? ReadBytes(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return null;
            }

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

        /// <summary>Reads JSON true/false.</summary>
        /// <param name="reader">The reader, on the value.</param>
        /// <returns>The value.</returns>
        protected internal static bool ReadBoolean(ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.True && reader.TokenType != JsonTokenType.False)
            {
                throw KuaJson.Unexpected(ref reader, "true or false");
            }

            return reader.GetBoolean();
        }

        /// <summary>Reads JSON true/false, or null.</summary>
        /// <param name="reader">The reader, on the value.</param>
        /// <returns>The value, or null for JSON null.</returns>
        protected internal static bool? ReadNullableBoolean(ref Utf8JsonReader reader) =>
            reader.TokenType == JsonTokenType.Null ? null : ReadBoolean(ref reader);

        /// <summary>Reads a JSON integer (32-bit).</summary>
        /// <param name="reader">The reader, on the value.</param>
        /// <returns>The value.</returns>
        protected internal static int ReadInt32(ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.Number)
            {
                return TolerantValues.Int32(ref reader);
            }

            if (!reader.TryGetInt32(out var value))
            {
                throw KuaJson.Invalid(ref reader, "a 32-bit integer");
            }

            return value;
        }

        /// <summary>Reads a JSON integer (32-bit), or null.</summary>
        /// <param name="reader">The reader, on the value.</param>
        /// <returns>The value, or null for JSON null.</returns>
        protected internal static int? ReadNullableInt32(ref Utf8JsonReader reader) =>
            reader.TokenType == JsonTokenType.Null ? null : ReadInt32(ref reader);

        /// <summary>Reads a JSON integer (64-bit).</summary>
        /// <param name="reader">The reader, on the value.</param>
        /// <returns>The value.</returns>
        protected internal static long ReadInt64(ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.Number)
            {
                return TolerantValues.Int64(ref reader);
            }

            if (!reader.TryGetInt64(out var value))
            {
                throw KuaJson.Invalid(ref reader, "a 64-bit integer");
            }

            return value;
        }

        /// <summary>Reads a JSON integer (64-bit), or null.</summary>
        /// <param name="reader">The reader, on the value.</param>
        /// <returns>The value, or null for JSON null.</returns>
        protected internal static long? ReadNullableInt64(ref Utf8JsonReader reader) =>
            reader.TokenType == JsonTokenType.Null ? null : ReadInt64(ref reader);

        /// <summary>Reads a JSON number (single precision).</summary>
        /// <param name="reader">The reader, on the value.</param>
        /// <returns>The value.</returns>
        protected internal static float ReadSingle(ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.Number)
            {
                return TolerantValues.Single(ref reader);
            }

            if (!reader.TryGetSingle(out var value))
            {
                throw KuaJson.Invalid(ref reader, "a single-precision number");
            }

            return value;
        }

        /// <summary>Reads a JSON number (single precision), or null.</summary>
        /// <param name="reader">The reader, on the value.</param>
        /// <returns>The value, or null for JSON null.</returns>
        protected internal static float? ReadNullableSingle(ref Utf8JsonReader reader) =>
            reader.TokenType == JsonTokenType.Null ? null : ReadSingle(ref reader);

        /// <summary>Reads a JSON number.</summary>
        /// <param name="reader">The reader, on the value.</param>
        /// <returns>The value.</returns>
        protected internal static double ReadDouble(ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.Number)
            {
                return TolerantValues.Double(ref reader);
            }

            if (!reader.TryGetDouble(out var value))
            {
                throw KuaJson.Invalid(ref reader, "a double-precision number");
            }

            return value;
        }

        /// <summary>Reads a JSON number, or null.</summary>
        /// <param name="reader">The reader, on the value.</param>
        /// <returns>The value, or null for JSON null.</returns>
        protected internal static double? ReadNullableDouble(ref Utf8JsonReader reader) =>
            reader.TokenType == JsonTokenType.Null ? null : ReadDouble(ref reader);

        /// <summary>Reads a JSON number (decimal).</summary>
        /// <param name="reader">The reader, on the value.</param>
        /// <returns>The value.</returns>
        protected internal static decimal ReadDecimal(ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.Number)
            {
                return TolerantValues.Decimal(ref reader);
            }

            if (!reader.TryGetDecimal(out var value))
            {
                throw KuaJson.Invalid(ref reader, "a decimal number");
            }

            return value;
        }

        /// <summary>Reads a JSON number (decimal), or null.</summary>
        /// <param name="reader">The reader, on the value.</param>
        /// <returns>The value, or null for JSON null.</returns>
        protected internal static decimal? ReadNullableDecimal(ref Utf8JsonReader reader) =>
            reader.TokenType == JsonTokenType.Null ? null : ReadDecimal(ref reader);

        /// <summary>Reads an RFC 3339 date-time string.</summary>
        /// <param name="reader">The reader, on the value.</param>
        /// <returns>The value.</returns>
        protected internal static DateTimeOffset ReadDateTimeOffset(ref Utf8JsonReader reader)
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

        /// <summary>Reads an RFC 3339 date-time string, or null.</summary>
        /// <param name="reader">The reader, on the value.</param>
        /// <returns>The value, or null for JSON null.</returns>
        protected internal static DateTimeOffset? ReadNullableDateTimeOffset(ref Utf8JsonReader reader) =>
            reader.TokenType == JsonTokenType.Null ? null : ReadDateTimeOffset(ref reader);

        /// <summary>Reads an RFC 3339 full-date string (<c>yyyy-MM-dd</c>) as a <see cref="DateTime"/>.</summary>
        /// <param name="reader">The reader, on the value.</param>
        /// <returns>The value.</returns>
        protected internal static DateTime ReadDate(ref Utf8JsonReader reader)
        {
            KuaJson.Expect(ref reader, JsonTokenType.String, "a date string");
            var text = reader.GetString();
            if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            if (System.DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var dateTime))
            {
                return dateTime.Date;
            }

            throw KuaJson.Invalid(ref reader, "an RFC 3339 full-date (yyyy-MM-dd)");
        }

        /// <summary>Reads an RFC 3339 full-date string (<c>yyyy-MM-dd</c>) as a <see cref="DateTime"/>, or null.</summary>
        /// <param name="reader">The reader, on the value.</param>
        /// <returns>The value, or null for JSON null.</returns>
        protected internal static DateTime? ReadNullableDate(ref Utf8JsonReader reader) =>
            reader.TokenType == JsonTokenType.Null ? null : ReadDate(ref reader);

        /// <summary>Reads an RFC 3339 partial-time string (<c>HH:mm:ss</c>) as time since midnight.</summary>
        /// <param name="reader">The reader, on the value.</param>
        /// <returns>The value.</returns>
        protected internal static TimeSpan ReadTime(ref Utf8JsonReader reader)
        {
            KuaJson.Expect(ref reader, JsonTokenType.String, "a time string");
            if (KuaFormatting.TryParseTime(reader.GetString(), out var value))
            {
                return value;
            }

            throw KuaJson.Invalid(ref reader, "an RFC 3339 partial-time (HH:mm:ss)");
        }

        /// <summary>Reads an RFC 3339 partial-time string (<c>HH:mm:ss</c>) as time since midnight, or null.</summary>
        /// <param name="reader">The reader, on the value.</param>
        /// <returns>The value, or null for JSON null.</returns>
        protected internal static TimeSpan? ReadNullableTime(ref Utf8JsonReader reader) =>
            reader.TokenType == JsonTokenType.Null ? null : ReadTime(ref reader);

        /// <summary>Reads an ISO 8601 duration string.</summary>
        /// <param name="reader">The reader, on the value.</param>
        /// <returns>The value.</returns>
        protected internal static TimeSpan ReadDuration(ref Utf8JsonReader reader)
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

        /// <summary>Reads an ISO 8601 duration string, or null.</summary>
        /// <param name="reader">The reader, on the value.</param>
        /// <returns>The value, or null for JSON null.</returns>
        protected internal static TimeSpan? ReadNullableDuration(ref Utf8JsonReader reader) =>
            reader.TokenType == JsonTokenType.Null ? null : ReadDuration(ref reader);

        /// <summary>Reads a UUID string.</summary>
        /// <param name="reader">The reader, on the value.</param>
        /// <returns>The value.</returns>
        protected internal static Guid ReadGuid(ref Utf8JsonReader reader)
        {
            KuaJson.Expect(ref reader, JsonTokenType.String, "a UUID string");
            if (System.Guid.TryParse(reader.GetString(), out var value))
            {
                return value;
            }

            throw KuaJson.Invalid(ref reader, "a UUID");
        }

        /// <summary>Reads a UUID string, or null.</summary>
        /// <param name="reader">The reader, on the value.</param>
        /// <returns>The value, or null for JSON null.</returns>
        protected internal static Guid? ReadNullableGuid(ref Utf8JsonReader reader) =>
            reader.TokenType == JsonTokenType.Null ? null : ReadGuid(ref reader);

        /// <summary>Reads any JSON value.</summary>
        /// <param name="reader">The reader, on the value.</param>
        /// <returns>The value.</returns>
        protected internal static JsonElement ReadAny(ref Utf8JsonReader reader)
        {
            return JsonElement.ParseValue(ref reader);
        }

        /// <summary>Reads any JSON value, or null.</summary>
        /// <param name="reader">The reader, on the value.</param>
        /// <returns>The value, or null for JSON null.</returns>
        protected internal static JsonElement? ReadNullableAny(ref Utf8JsonReader reader) =>
            reader.TokenType == JsonTokenType.Null ? null : ReadAny(ref reader);

#if NET6_0_OR_GREATER
        /// <summary>Reads an RFC 3339 full-date string (<c>yyyy-MM-dd</c>).</summary>
        /// <param name="reader">The reader, on the value.</param>
        /// <returns>The date.</returns>
        protected internal static DateOnly ReadDateOnly(ref Utf8JsonReader reader)
        {
            KuaJson.Expect(ref reader, JsonTokenType.String, "a date string");
            var text = reader.GetString();
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            if (System.DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var dateTime))
            {
                return DateOnly.FromDateTime(dateTime.DateTime);
            }

            throw KuaJson.Invalid(ref reader, "an RFC 3339 full-date (yyyy-MM-dd)");
        }

        /// <summary>Reads an RFC 3339 full-date string, or null.</summary>
        /// <param name="reader">The reader, on the value.</param>
        /// <returns>The date, or null for JSON null.</returns>
        protected internal static DateOnly? ReadNullableDateOnly(ref Utf8JsonReader reader) =>
            reader.TokenType == JsonTokenType.Null ? null : ReadDateOnly(ref reader);

        /// <summary>Reads an RFC 3339 partial-time string (<c>HH:mm:ss</c>).</summary>
        /// <param name="reader">The reader, on the value.</param>
        /// <returns>The time.</returns>
        protected internal static TimeOnly ReadTimeOnly(ref Utf8JsonReader reader) => TimeOnly.FromTimeSpan(ReadTime(ref reader));

        /// <summary>Reads an RFC 3339 partial-time string, or null.</summary>
        /// <param name="reader">The reader, on the value.</param>
        /// <returns>The time, or null for JSON null.</returns>
        protected internal static TimeOnly? ReadNullableTimeOnly(ref Utf8JsonReader reader) =>
            reader.TokenType == JsonTokenType.Null ? null : ReadTimeOnly(ref reader);
#endif
    }
}
