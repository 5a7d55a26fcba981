using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Text;

namespace Kua.Generated.Runtime.Http
{
    /// <summary>Percent-encoding and the OpenAPI <c>simple</c>, <c>label</c> and <c>matrix</c> styles for path (and header) parameters.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class KuaPath
    {
        private const string Reserved = ":/?#[]@!$&'()*+,;=";

        /// <summary>Encodes everything but RFC 3986 unreserved characters, so a value can never change the URL's structure.</summary>
        /// <param name="value">The text.</param>
        /// <returns>The encoded text.</returns>
        public static string EscapeComponent(string value) => Uri.EscapeDataString(value ?? string.Empty);

        /// <summary>Encodes like <see cref="EscapeComponent"/> but keeps RFC 3986 reserved characters (<c>allowReserved: true</c>).</summary>
        /// <param name="value">The text.</param>
        /// <returns>The encoded text.</returns>
        public static string EscapeAllowReserved(string value)
        {
            if (string.IsNullOrEmpty(value))
            {
                return string.Empty;
            }

            var builder = new StringBuilder(value.Length);
            var start = 0;
            for (var i = 0; i <= value.Length; i++)
            {
                if (i == value.Length || Reserved.IndexOf(value[i]) >= 0)
                {
                    if (i > start)
                    {
                        builder.Append(Uri.EscapeDataString(value.Substring(start, i - start)));
                    }

                    if (i < value.Length)
                    {
                        builder.Append(value[i]);
                    }

                    start = i + 1;
                }
            }

            return builder.ToString();
        }

        /// <summary>A primitive path parameter in the given style.</summary>
        /// <param name="name">The parameter name (used by <c>matrix</c>).</param>
        /// <param name="value">The value as text.</param>
        /// <param name="style"><see cref="KuaParameterStyle.Simple"/>, <see cref="KuaParameterStyle.Label"/> or <see cref="KuaParameterStyle.Matrix"/>.</param>
        /// <returns>The encoded segment text.</returns>
        public static string Primitive(string name, string value, KuaParameterStyle style)
        {
            switch (style)
            {
                case KuaParameterStyle.Label: return "." + EscapeComponent(value);
                case KuaParameterStyle.Matrix: return ";" + EscapeComponent(name) + "=" + EscapeComponent(value);
                default: return EscapeComponent(value);
            }
        }

        /// <summary>An array path or header parameter whose items have their usual text form (<see cref="KuaFormatting.FormatItem{T}"/>).</summary>
        /// <typeparam name="T">The item type.</typeparam>
        /// <param name="name">The parameter name (used by <c>matrix</c>).</param>
        /// <param name="values">The items.</param>
        /// <param name="style">The style.</param>
        /// <param name="explode">Whether the style's exploded form is used.</param>
        /// <param name="escape">Whether to percent-encode (true for paths, false for headers).</param>
        /// <returns>The text.</returns>
        public static string Array<T>(string name, IEnumerable<T> values, KuaParameterStyle style, bool explode, bool escape = true) =>
            Array(name, values, KuaItemFormat<T>.Format, style, explode, escape);

        /// <summary>An array path or header parameter in the given style.</summary>
        /// <typeparam name="T">The item type.</typeparam>
        /// <param name="name">The parameter name (used by <c>matrix</c>).</param>
        /// <param name="values">The items.</param>
        /// <param name="format">Turns an item into text.</param>
        /// <param name="style">The style.</param>
        /// <param name="explode">Whether the style's exploded form is used.</param>
        /// <param name="escape">Whether to percent-encode (true for paths, false for headers).</param>
        /// <returns>The text.</returns>
        public static string Array<T>(string name, IEnumerable<T> values, Func<T, string> format, KuaParameterStyle style, bool explode, bool escape = true)
        {
            var builder = new StringBuilder();
            var first = true;
            foreach (var item in values)
            {
                var text = escape ? EscapeComponent(format(item)) : format(item);
                switch (style)
                {
                    case KuaParameterStyle.Label:
                        builder.Append(first || explode ? "." : ",");
                        break;
                    case KuaParameterStyle.Matrix:
                        builder.Append(first || explode ? ";" + Escape(name, escape) + "=" : ",");
                        break;
                    default:
                        if (!first)
                        {
                            builder.Append(',');
                        }

                        break;
                }

                builder.Append(text);
                first = false;
            }

            if (first && style == KuaParameterStyle.Label)
            {
                builder.Append('.');
            }
            else if (first && style == KuaParameterStyle.Matrix)
            {
                builder.Append(';').Append(Escape(name, escape));
            }

            return builder.ToString();
        }

        /// <summary>An object path or header parameter in the given style.</summary>
        /// <param name="name">The parameter name (used by <c>matrix</c>).</param>
        /// <param name="properties">The object's properties as text, in order.</param>
        /// <param name="style">The style.</param>
        /// <param name="explode">Whether properties are written as <c>key=value</c>.</param>
        /// <param name="escape">Whether to percent-encode (true for paths, false for headers).</param>
        /// <returns>The text.</returns>
        public static string Object(string name, IEnumerable<KeyValuePair<string, string>> properties, KuaParameterStyle style, bool explode, bool escape = true)
        {
            var builder = new StringBuilder();
            var first = true;
            var separator = style == KuaParameterStyle.Label && explode ? "." : style == KuaParameterStyle.Matrix && explode ? ";" : ",";
            foreach (var property in properties)
            {
                if (first)
                {
                    builder.Append(style == KuaParameterStyle.Label ? "." : style == KuaParameterStyle.Matrix ? (explode ? ";" : ";" + Escape(name, escape) + "=") : string.Empty);
                }
                else
                {
                    builder.Append(separator);
                }

                builder.Append(Escape(property.Key, escape)).Append(explode ? "=" : ",").Append(Escape(property.Value, escape));
                first = false;
            }

            return builder.ToString();
        }

        private static string Escape(string text, bool escape) => escape ? EscapeComponent(text) : text;
    }
}
