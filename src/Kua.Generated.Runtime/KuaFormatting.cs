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
