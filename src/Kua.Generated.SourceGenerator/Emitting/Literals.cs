using System.Globalization;
using System.Text;

namespace Kua.Generated.SourceGenerator.Emitting
{
    /// <summary>C# literals for text taken from specs, which may contain anything.</summary>
    internal static class Literals
    {
        /// <summary>A C# string literal for any text (escapes quotes, backslashes, control and separator characters).</summary>
        public static string String(string text)
        {
            var builder = new StringBuilder(text.Length + 2);
            builder.Append('"');
            foreach (var c in text)
            {
                switch (c)
                {
                    case '"': builder.Append("\\\""); break;
                    case '\\': builder.Append("\\\\"); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '\t': builder.Append("\\t"); break;
                    case '\0': builder.Append("\\0"); break;
                    default:
                        if (char.IsControl(c) || char.IsSurrogate(c) || c == '\u2028' || c == '\u2029' || c == '\u0085')
                        {
                            builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            builder.Append(c);
                        }

                        break;
                }
            }

            return builder.Append('"').ToString();
        }

        /// <summary>The UTF-8 bytes of text as a C# array-initializer list.</summary>
        public static string Utf8Bytes(string text)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            var builder = new StringBuilder(bytes.Length * 4);
            for (var i = 0; i < bytes.Length; i++)
            {
                if (i > 0)
                {
                    builder.Append(", ");
                }

                builder.Append(bytes[i].ToString(CultureInfo.InvariantCulture));
            }

            return builder.ToString();
        }
    }
}
