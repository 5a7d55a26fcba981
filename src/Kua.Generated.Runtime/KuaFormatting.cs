using System;
using System.ComponentModel;
using System.Globalization;
using System.Xml;

namespace Kua.Generated.Runtime
{
    /// <summary>
    /// Culture-invariant text forms of values for paths, query strings, headers, cookies and forms,
    /// matching the JSON forms the converters write.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class KuaFormatting
    {
        private static readonly string[] TimeFormats = { @"hh\:mm\:ss", @"hh\:mm\:ss\.FFFFFFF", @"hh\:mm" };

        /// <summary>
        /// The text form of an array item of any JSON format but <c>time</c> and <c>duration</c> held as a
        /// <see cref="TimeSpan"/> (their callers pass a format): null is empty, dates and numbers as in
        /// <see cref="Format(DateTimeOffset)"/> and its siblings, generated string enums as their text, integer enums as
        /// their number.
        /// </summary>
        /// <typeparam name="T">The item type.</typeparam>
        /// <param name="value">The item.</param>
        /// <returns>The text form.</returns>
        public static string FormatItem<T>(T value)
        {
            // Tests on typeof(T) are decided when the method is compiled for a value type, so no boxing happens there.
            if (value is null)
            {
                return string.Empty;
            }

            if (typeof(T) == typeof(string))
            {
                return (string)(object)value;
            }

            if (typeof(T) == typeof(bool) || typeof(T) == typeof(bool?))
            {
                return Format((bool)(object)value);
            }

            if (typeof(T) == typeof(int) || typeof(T) == typeof(int?))
            {
                return Format((int)(object)value);
            }

            if (typeof(T) == typeof(long) || typeof(T) == typeof(long?))
            {
                return Format((long)(object)value);
            }

            if (typeof(T) == typeof(float) || typeof(T) == typeof(float?))
            {
                return Format((float)(object)value);
            }

            if (typeof(T) == typeof(double) || typeof(T) == typeof(double?))
            {
                return Format((double)(object)value);
            }

            if (typeof(T) == typeof(decimal) || typeof(T) == typeof(decimal?))
            {
                return Format((decimal)(object)value);
            }

            if (typeof(T) == typeof(DateTimeOffset) || typeof(T) == typeof(DateTimeOffset?))
            {
                return Format((DateTimeOffset)(object)value);
            }

            if (typeof(T) == typeof(DateTime) || typeof(T) == typeof(DateTime?))
            {
                // Generated code holds only full dates in DateTime (date-times are DateTimeOffset).
                return FormatDate((DateTime)(object)value);
            }

            if (typeof(T) == typeof(Guid) || typeof(T) == typeof(Guid?))
            {
                return Format((Guid)(object)value);
            }

#if NET6_0_OR_GREATER
            if (typeof(T) == typeof(DateOnly) || typeof(T) == typeof(DateOnly?))
            {
                return Format((DateOnly)(object)value);
            }

            if (typeof(T) == typeof(TimeOnly) || typeof(T) == typeof(TimeOnly?))
            {
                return Format((TimeOnly)(object)value);
            }
#endif

            switch (value)
            {
                case Uri uri:
                    return Format(uri);
                case byte[] bytes:
                    return Format(bytes);
                case System.Text.Json.JsonElement element:
                    return Format(element);
                case Enum _:
                    return Format(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                default:
                    return value.ToString() ?? string.Empty;
            }
        }

        /// <summary>Returns the string itself.</summary>
        /// <param name="value">The value.</param>
        /// <returns>The text form.</returns>
        public static string Format(string value) => value;

        /// <summary><c>true</c> or <c>false</c>.</summary>
        /// <param name="value">The value.</param>
        /// <returns>The text form.</returns>
        public static string Format(bool value) => value ? "true" : "false";

        /// <summary>Invariant decimal digits.</summary>
        /// <param name="value">The value.</param>
        /// <returns>The text form.</returns>
        public static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

        /// <summary>Invariant decimal digits.</summary>
        /// <param name="value">The value.</param>
        /// <returns>The text form.</returns>
        public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

        /// <summary>The shortest invariant form that reads back to the same value.</summary>
        /// <param name="value">The value.</param>
        /// <returns>The text form.</returns>
        public static string Format(float value) => value.ToString("R", CultureInfo.InvariantCulture);

        /// <summary>The shortest invariant form that reads back to the same value.</summary>
        /// <param name="value">The value.</param>
        /// <returns>The text form.</returns>
        public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

        /// <summary>Invariant decimal form.</summary>
        /// <param name="value">The value.</param>
        /// <returns>The text form.</returns>
        public static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

        /// <summary>RFC 3339 date-time with offset.</summary>
        /// <param name="value">The value.</param>
        /// <returns>The text form.</returns>
        public static string Format(DateTimeOffset value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

        /// <summary>Hyphenated lower-case UUID.</summary>
        /// <param name="value">The value.</param>
        /// <returns>The text form.</returns>
        public static string Format(Guid value) => value.ToString("D", CultureInfo.InvariantCulture);

        /// <summary>The URI as it was given.</summary>
        /// <param name="value">The value.</param>
        /// <returns>The text form.</returns>
        public static string Format(Uri value) => value.OriginalString;

        /// <summary>Base64.</summary>
        /// <param name="value">The value.</param>
        /// <returns>The text form.</returns>
        public static string Format(byte[] value) => Convert.ToBase64String(value);

        /// <summary>A JSON string's text, or any other JSON value's raw JSON.</summary>
        /// <param name="value">The value.</param>
        /// <returns>The text form.</returns>
        public static string Format(System.Text.Json.JsonElement value) =>
            value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString()! : value.GetRawText();

        /// <summary>RFC 3339 full-date (<c>yyyy-MM-dd</c>).</summary>
        /// <param name="value">The value; only its date part is used.</param>
        /// <returns>The text form.</returns>
        public static string FormatDate(DateTime value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        /// <summary>RFC 3339 partial-time (<c>HH:mm:ss</c>, with fractional seconds when present).</summary>
        /// <param name="value">The time since midnight.</param>
        /// <returns>The text form.</returns>
        public static string FormatTime(TimeSpan value)
        {
            var text = new DateTime(value.Ticks, DateTimeKind.Unspecified).ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
            return text.EndsWith(".", StringComparison.Ordinal) ? text.Substring(0, text.Length - 1) : text;
        }

        /// <summary>ISO 8601 duration (<c>P1DT2H</c>).</summary>
        /// <param name="value">The value.</param>
        /// <returns>The text form.</returns>
        public static string FormatDuration(TimeSpan value) => XmlConvert.ToString(value);

#if NET6_0_OR_GREATER
        /// <summary>RFC 3339 full-date (<c>yyyy-MM-dd</c>).</summary>
        /// <param name="value">The value.</param>
        /// <returns>The text form.</returns>
        public static string Format(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        /// <summary>RFC 3339 partial-time.</summary>
        /// <param name="value">The value.</param>
        /// <returns>The text form.</returns>
        public static string Format(TimeOnly value) => FormatTime(value.ToTimeSpan());
#endif

        /// <summary>Reads an RFC 3339 partial-time, with or without fractional seconds and offset.</summary>
        /// <param name="text">The text.</param>
        /// <param name="value">The time since midnight.</param>
        /// <returns>Whether the text was a time.</returns>
        public static bool TryParseTime(string? text, out TimeSpan value)
        {
            value = default;
            if (string.IsNullOrEmpty(text))
            {
                return false;
            }

            // An offset or 'Z' belongs to the time zone, which a time-of-day value cannot keep.
            var end = text!.Length;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == 'Z' || c == 'z' || ((c == '+' || c == '-') && i > 0))
                {
                    end = i;
                    break;
                }
            }

            return TimeSpan.TryParseExact(text.Substring(0, end), TimeFormats, CultureInfo.InvariantCulture, out value)
                && value.Ticks >= 0 && value < TimeSpan.FromDays(1);
        }
    }
}
