using System;
using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Kua.Generated.Runtime.Json;

namespace Kua.Generated.Runtime.Reading
{
    /// <summary>
    /// The value readers' way out where a strict read throws: in a tolerant session, the deviations
    /// <see cref="KuaReadMode.Tolerant"/> documents are read and reported; anything else throws the strict error.
    /// </summary>
    internal static class TolerantValues
    {
        private const NumberStyles Integer = NumberStyles.AllowLeadingSign;
        private const NumberStyles Real = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

        /// <summary>A string member holding something else: a number reads as its text.</summary>
        public static string String(ref Utf8JsonReader reader, string what)
        {
            var session = KuaReadSession.Current;
            if (session != null && reader.TokenType == JsonTokenType.Number)
            {
                session.Report(KuaSpecDeviationKind.NumberForString, null, null);
                return Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray());
            }

            throw KuaJson.Unexpected(ref reader, what);
        }

        public static int Int32(ref Utf8JsonReader reader) =>
            Number(ref reader, (string text, out int value) => int.TryParse(text, Integer, CultureInfo.InvariantCulture, out value), "an integer");

        public static long Int64(ref Utf8JsonReader reader) =>
            Number(ref reader, (string text, out long value) => long.TryParse(text, Integer, CultureInfo.InvariantCulture, out value), "an integer");

        public static float Single(ref Utf8JsonReader reader) =>
            Number(ref reader, (string text, out float value) => float.TryParse(text, Real, CultureInfo.InvariantCulture, out value) && !float.IsInfinity(value), "a number");

        public static double Double(ref Utf8JsonReader reader) =>
            Number(ref reader, (string text, out double value) => double.TryParse(text, Real, CultureInfo.InvariantCulture, out value) && !double.IsInfinity(value), "a number");

        public static decimal Decimal(ref Utf8JsonReader reader) =>
            Number(ref reader, (string text, out decimal value) => decimal.TryParse(text, Real, CultureInfo.InvariantCulture, out value), "a number");

        /// <summary>A number member holding something else: a numeric string reads when <paramref name="parse"/> takes all of it.</summary>
        private static T Number<T>(ref Utf8JsonReader reader, Parser<T> parse, string what)
        {
            if (NumericText(ref reader) is string text && parse(text, out var value))
            {
                KuaReadSession.Current!.Report(KuaSpecDeviationKind.StringForNumber, null, null);
                return value;
            }

            throw KuaJson.Unexpected(ref reader, what);
        }

        /// <summary>The text of a JSON string that has the shape of a JSON number, in a tolerant session; null otherwise.</summary>
        private static string? NumericText(ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.String || KuaReadSession.Current is null)
            {
                return null;
            }

            var text = reader.GetString()!;
            var first = text.Length > 0 ? text[0] : ' ';
            var last = text.Length > 0 ? text[text.Length - 1] : ' ';
            return (first == '-' || (first >= '0' && first <= '9')) && last >= '0' && last <= '9' ? text : null;
        }

        private delegate bool Parser<T>(string text, out T value);
    }
}
