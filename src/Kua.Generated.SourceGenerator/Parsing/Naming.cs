using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Kua.Generated.SourceGenerator.Parsing
{
    /// <summary>
    /// Turns spec names (anything: punctuation, leading digits, unicode, keywords) into readable,
    /// valid and stable C# identifiers.
    /// </summary>
    internal static class Naming
    {
        private static readonly HashSet<string> Keywords = new HashSet<string>(StringComparer.Ordinal)
        {
            "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
            "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
            "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
            "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
            "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
            "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
            "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
            // Contextual keywords that break code in some positions.
            "var", "dynamic", "await", "async", "nameof", "value", "global", "partial", "yield", "record", "required", "file", "scoped",
        };

        /// <summary><c>user_id</c>, <c>X-Request-ID</c>, <c>2fa</c> → <c>UserId</c>, <c>XRequestID</c>, <c>_2fa</c>.</summary>
        public static string ToPascal(string? raw, string fallback = "Value")
        {
            var words = SplitWords(raw);
            if (words.Count == 0)
            {
                return fallback;
            }

            var builder = new StringBuilder();
            foreach (var word in words)
            {
                builder.Append(char.ToUpperInvariant(word[0]));
                builder.Append(word, 1, word.Length - 1);
            }

            return FixStart(builder.ToString());
        }

        /// <summary>A parameter or local name: camelCase, keyword-escaped.</summary>
        public static string ToCamel(string? raw, string fallback = "value")
        {
            var pascal = ToPascal(raw, ToPascal(fallback));
            var camel = pascal[0] == '_' ? pascal : LowerFirstWord(pascal);
            return Keywords.Contains(camel) ? "@" + camel : camel;
        }

        /// <summary>Whether text is a valid C# identifier (keywords excluded).</summary>
        public static bool IsIdentifier(string? text)
        {
            if (string.IsNullOrEmpty(text) || Keywords.Contains(text!))
            {
                return false;
            }

            if (!IsIdentifierStart(text![0]))
            {
                return false;
            }

            for (var i = 1; i < text.Length; i++)
            {
                if (!IsIdentifierPart(text[i]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Whether text is a valid dotted namespace.</summary>
        public static bool IsNamespace(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return false;
            }

            foreach (var part in text!.Split('.'))
            {
                if (!IsIdentifier(part))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>A namespace built from arbitrary text: each dotted part made an identifier.</summary>
        public static string ToNamespace(string text)
        {
            var parts = new List<string>();
            foreach (var part in text.Split('.'))
            {
                if (part.Length > 0)
                {
                    parts.Add(ToPascal(part, "Api"));
                }
            }

            return parts.Count == 0 ? "Api" : string.Join(".", parts);
        }

        private static string LowerFirstWord(string pascal)
        {
            // "XRequestID" → "xRequestID", "URLPath" → "urlPath", "Id" → "id".
            var upperRun = 0;
            while (upperRun < pascal.Length && char.IsUpper(pascal[upperRun]))
            {
                upperRun++;
            }

            if (upperRun <= 1)
            {
                return char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);
            }

            var lowerCount = upperRun == pascal.Length ? upperRun : upperRun - 1;
            return pascal.Substring(0, lowerCount).ToLowerInvariant() + pascal.Substring(lowerCount);
        }

        private static string FixStart(string identifier) =>
            IsIdentifierStart(identifier[0]) ? identifier : "_" + identifier;

        private static List<string> SplitWords(string? raw)
        {
            var words = new List<string>();
            if (string.IsNullOrEmpty(raw))
            {
                return words;
            }

            var current = new StringBuilder();
            foreach (var c in raw!)
            {
                if (IsIdentifierPart(c) && c != '_')
                {
                    current.Append(c);
                }
                else if (current.Length > 0)
                {
                    words.Add(current.ToString());
                    current.Clear();
                }
            }

            if (current.Length > 0)
            {
                words.Add(current.ToString());
            }

            return words;
        }

        private static bool IsIdentifierStart(char c)
        {
            if (c == '_')
            {
                return true;
            }

            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                case UnicodeCategory.UppercaseLetter:
                case UnicodeCategory.LowercaseLetter:
                case UnicodeCategory.TitlecaseLetter:
                case UnicodeCategory.ModifierLetter:
                case UnicodeCategory.OtherLetter:
                case UnicodeCategory.LetterNumber:
                    return true;
                default:
                    return false;
            }
        }

        private static bool IsIdentifierPart(char c)
        {
            if (IsIdentifierStart(c))
            {
                return true;
            }

            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                case UnicodeCategory.DecimalDigitNumber:
                case UnicodeCategory.ConnectorPunctuation:
                case UnicodeCategory.NonSpacingMark:
                case UnicodeCategory.SpacingCombiningMark:
                    return true;
                default:
                    return false;
            }
        }
    }

    /// <summary>Hands out unique names in one scope; the first claimant of a name keeps it, later ones get a number.</summary>
    internal sealed class NameScope
    {
        private readonly HashSet<string> _taken;

        public NameScope(StringComparer comparer, IEnumerable<string>? reserved = null)
        {
            _taken = new HashSet<string>(comparer);
            if (reserved != null)
            {
                foreach (var name in reserved)
                {
                    _taken.Add(name);
                }
            }
        }

        public bool IsTaken(string name) => _taken.Contains(name);

        public string Claim(string name)
        {
            if (_taken.Add(name))
            {
                return name;
            }

            // "V1" and "v1" become V1 and V1_2: V12 would read as another number.
            var separator = char.IsDigit(name[name.Length - 1]) ? "_" : string.Empty;
            for (var i = 2; ; i++)
            {
                var candidate = name + separator + i.ToString(CultureInfo.InvariantCulture);
                if (_taken.Add(candidate))
                {
                    return candidate;
                }
            }
        }

        public void Reserve(string name) => _taken.Add(name);
    }
}
