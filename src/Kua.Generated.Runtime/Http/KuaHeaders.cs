using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;

namespace Kua.Generated.Runtime.Http
{
    /// <summary>
    /// Reads a declared response header as its type, for generated header classes: the first value of the header
    /// (lists: every value, comma-separated ones split), null when it is absent or not of that type.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class KuaHeaders
    {
        /// <summary>The header's text.</summary>
        /// <param name="headers">The reply's headers.</param>
        /// <param name="name">The header.</param>
        /// <returns>The first value, or null.</returns>
        public static string? String(IReadOnlyDictionary<string, IReadOnlyList<string>> headers, string name) =>
            headers.TryGetValue(name, out var values) && values.Count > 0 ? values[0].Trim() : null;

        /// <summary>The header as a boolean.</summary>
        /// <param name="headers">The reply's headers.</param>
        /// <param name="name">The header.</param>
        /// <returns>The value, or null.</returns>
        public static bool? Boolean(IReadOnlyDictionary<string, IReadOnlyList<string>> headers, string name) =>
            bool.TryParse(String(headers, name), out var value) ? value : (bool?)null;

        /// <summary>The header as an integer.</summary>
        /// <param name="headers">The reply's headers.</param>
        /// <param name="name">The header.</param>
        /// <returns>The value, or null.</returns>
        public static int? Int32(IReadOnlyDictionary<string, IReadOnlyList<string>> headers, string name) =>
            int.TryParse(String(headers, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : (int?)null;

        /// <summary>The header as an integer.</summary>
        /// <param name="headers">The reply's headers.</param>
        /// <param name="name">The header.</param>
        /// <returns>The value, or null.</returns>
        public static long? Int64(IReadOnlyDictionary<string, IReadOnlyList<string>> headers, string name) =>
            long.TryParse(String(headers, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : (long?)null;

        /// <summary>The header as a number.</summary>
        /// <param name="headers">The reply's headers.</param>
        /// <param name="name">The header.</param>
        /// <returns>The value, or null.</returns>
        public static float? Single(IReadOnlyDictionary<string, IReadOnlyList<string>> headers, string name) =>
            float.TryParse(String(headers, name), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : (float?)null;

        /// <summary>The header as a number.</summary>
        /// <param name="headers">The reply's headers.</param>
        /// <param name="name">The header.</param>
        /// <returns>The value, or null.</returns>
        public static double? Double(IReadOnlyDictionary<string, IReadOnlyList<string>> headers, string name) =>
            double.TryParse(String(headers, name), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : (double?)null;

        /// <summary>The header as a number.</summary>
        /// <param name="headers">The reply's headers.</param>
        /// <param name="name">The header.</param>
        /// <returns>The value, or null.</returns>
        public static decimal? Decimal(IReadOnlyDictionary<string, IReadOnlyList<string>> headers, string name) =>
            decimal.TryParse(String(headers, name), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : (decimal?)null;

        /// <summary>The header as a date and time (RFC 3339, or the HTTP date format of RFC 9110).</summary>
        /// <param name="headers">The reply's headers.</param>
        /// <param name="name">The header.</param>
        /// <returns>The value, or null.</returns>
        public static DateTimeOffset? DateTimeOffset(IReadOnlyDictionary<string, IReadOnlyList<string>> headers, string name) =>
            System.DateTimeOffset.TryParse(String(headers, name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value : (DateTimeOffset?)null;

        /// <summary>The header as a UUID.</summary>
        /// <param name="headers">The reply's headers.</param>
        /// <param name="name">The header.</param>
        /// <returns>The value, or null.</returns>
        public static Guid? Guid(IReadOnlyDictionary<string, IReadOnlyList<string>> headers, string name) =>
            System.Guid.TryParse(String(headers, name), out var value) ? value : (Guid?)null;

        /// <summary>The header as a URI (absolute or relative, as <c>Location</c> may be).</summary>
        /// <param name="headers">The reply's headers.</param>
        /// <param name="name">The header.</param>
        /// <returns>The value, or null.</returns>
        public static Uri? Uri(IReadOnlyDictionary<string, IReadOnlyList<string>> headers, string name) =>
            System.Uri.TryCreate(String(headers, name), UriKind.RelativeOrAbsolute, out var value) ? value : null;

        /// <summary>Every value of the header, comma-separated values split (<c>simple</c> style).</summary>
        /// <param name="headers">The reply's headers.</param>
        /// <param name="name">The header.</param>
        /// <returns>The values, or null when the header is absent.</returns>
        public static List<string>? StringList(IReadOnlyDictionary<string, IReadOnlyList<string>> headers, string name)
        {
            if (!headers.TryGetValue(name, out var values))
            {
                return null;
            }

            var list = new List<string>();
            foreach (var value in values)
            {
                foreach (var part in value.Split(','))
                {
                    list.Add(part.Trim());
                }
            }

            return list;
        }
    }
}
