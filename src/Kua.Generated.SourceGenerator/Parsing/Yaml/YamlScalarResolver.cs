using System;
using System.Globalization;
using System.Numerics;
using Newtonsoft.Json.Linq;

namespace Kua.Generated.SourceGenerator.Parsing.Yaml
{
    /// <summary>
    /// A scalar's JSON value: the YAML 1.2 core schema (10.3) for plain scalars, the tag where there is one.
    /// Numbers take the types Newtonsoft's JSON reader gives them (long, BigInteger, decimal, double), so a YAML
    /// spec and its JSON twin read alike.
    /// </summary>
    internal static class YamlScalarResolver
    {
        public static JValue Resolve(string text, bool plain, YamlTag tag)
        {
            switch (tag)
            {
                case YamlTag.String:
                case YamlTag.NonSpecific:
                    return new JValue(text);
                case YamlTag.Null:
                    return IsNull(text) ? JValue.CreateNull() : new JValue(text);
                case YamlTag.Boolean:
                    return TryBoolean(text, out var boolean) ? new JValue(boolean) : new JValue(text);
                case YamlTag.Integer:
                    return TryInteger(text) ?? new JValue(text);
                case YamlTag.Float:
                    return TryInteger(text) ?? TryFloat(text) ?? new JValue(text);
                default:
                    return plain ? Plain(text) : new JValue(text);
            }
        }

        /// <summary>The core schema: null, booleans, integers (decimal, 0o octal, 0x hex), floats, else a string.</summary>
        public static JValue Plain(string text)
        {
            if (IsNull(text))
            {
                return JValue.CreateNull();
            }

            var first = text[0];
            if (first == 't' || first == 'T' || first == 'f' || first == 'F')
            {
                return TryBoolean(text, out var boolean) ? new JValue(boolean) : new JValue(text);
            }

            if (!(YamlChars.IsDecimalDigit(first) || first == '-' || first == '+' || first == '.'))
            {
                return new JValue(text);
            }

            return TryInteger(text) ?? TryFloat(text) ?? new JValue(text);
        }

        private static bool IsNull(string text) => text.Length == 0 || text == "~" || text == "null" || text == "Null" || text == "NULL";

        private static bool TryBoolean(string text, out bool value)
        {
            switch (text)
            {
                case "true":
                case "True":
                case "TRUE":
                    value = true;
                    return true;
                case "false":
                case "False":
                case "FALSE":
                    value = false;
                    return true;
                default:
                    value = false;
                    return false;
            }
        }

        private static JValue? TryInteger(string text)
        {
            if (text.Length == 0)
            {
                return null;
            }

            if (text.Length > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'o'))
            {
                return Radix(text, text[1] == 'x' ? 16 : 8);
            }

            var start = text[0] == '-' || text[0] == '+' ? 1 : 0;
            if (start == text.Length)
            {
                return null;
            }

            for (var i = start; i < text.Length; i++)
            {
                if (!YamlChars.IsDecimalDigit(text[i]))
                {
                    return null;
                }
            }

            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            {
                return new JValue(integer);
            }

            return new JValue(BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        }

        private static JValue? Radix(string text, int radix)
        {
            var value = BigInteger.Zero;
            for (var i = 2; i < text.Length; i++)
            {
                var c = text[i];
                int digit;
                if (c >= '0' && c <= '9')
                {
                    digit = c - '0';
                }
                else if (radix == 16 && c >= 'a' && c <= 'f')
                {
                    digit = c - 'a' + 10;
                }
                else if (radix == 16 && c >= 'A' && c <= 'F')
                {
                    digit = c - 'A' + 10;
                }
                else
                {
                    return null;
                }

                if (digit >= radix)
                {
                    return null;
                }

                value = (value * radix) + digit;
            }

            return value <= long.MaxValue ? new JValue((long)value) : new JValue(value);
        }

        private static JValue? TryFloat(string text)
        {
            switch (text)
            {
                case ".inf":
                case ".Inf":
                case ".INF":
                case "+.inf":
                case "+.Inf":
                case "+.INF":
                    return new JValue(double.PositiveInfinity);
                case "-.inf":
                case "-.Inf":
                case "-.INF":
                    return new JValue(double.NegativeInfinity);
                case ".nan":
                case ".NaN":
                case ".NAN":
                    return new JValue(double.NaN);
            }

            if (text.Length == 0 || !IsFloat(text))
            {
                return null;
            }

            if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return new JValue(number);
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
            {
                return new JValue(real);
            }

            return null;
        }

        /// <summary><c>[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?</c></summary>
        private static bool IsFloat(string text)
        {
            var i = text[0] == '-' || text[0] == '+' ? 1 : 0;
            var integerDigits = Digits(text, ref i);
            var fractionDigits = 0;
            if (i < text.Length && text[i] == '.')
            {
                i++;
                fractionDigits = Digits(text, ref i);
            }

            if (integerDigits == 0 && fractionDigits == 0)
            {
                return false;
            }

            if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
            {
                i++;
                if (i < text.Length && (text[i] == '-' || text[i] == '+'))
                {
                    i++;
                }

                if (Digits(text, ref i) == 0)
                {
                    return false;
                }
            }

            return i == text.Length;
        }

        private static int Digits(string text, ref int i)
        {
            var start = i;
            while (i < text.Length && YamlChars.IsDecimalDigit(text[i]))
            {
                i++;
            }

            return i - start;
        }
    }
}
