using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Text;

namespace Kua.Generated.Runtime.Http
{
    /// <summary>
    /// Builds a query string by the OpenAPI 3 serialization rules (<c>style</c>, <c>explode</c>,
    /// <c>allowReserved</c>). Names and values are percent-encoded as RFC 3986 requires.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class KuaQueryBuilder
    {
        private readonly StringBuilder _query = new StringBuilder();
        private readonly string _pairSeparator;

        /// <summary>Starts an empty query.</summary>
        public KuaQueryBuilder()
            : this("&")
        {
        }

        /// <summary>Starts empty pairs joined by <paramref name="pairSeparator"/> (cookies share the query's form rules).</summary>
        internal KuaQueryBuilder(string pairSeparator)
        {
            _pairSeparator = pairSeparator;
        }

        /// <summary>Whether nothing was added.</summary>
        internal bool IsEmpty => _query.Length == 0;

        /// <summary>Adds <c>name=value</c>.</summary>
        /// <param name="name">The parameter name.</param>
        /// <param name="value">The value, already in its text form.</param>
        /// <param name="allowReserved">Whether RFC 3986 reserved characters are sent unencoded.</param>
        /// <returns>This builder.</returns>
        public KuaQueryBuilder Add(string name, string value, bool allowReserved = false)
        {
            StartPair(name);
            AppendValue(value, allowReserved);
            return this;
        }

        /// <summary>Adds an array parameter.</summary>
        /// <typeparam name="T">The item type.</typeparam>
        /// <param name="name">The parameter name.</param>
        /// <param name="values">The items.</param>
        /// <param name="format">Turns an item into text.</param>
        /// <param name="style"><see cref="KuaParameterStyle.Form"/>, <see cref="KuaParameterStyle.SpaceDelimited"/> or <see cref="KuaParameterStyle.PipeDelimited"/>.</param>
        /// <param name="explode">Whether each item gets its own <c>name=</c>.</param>
        /// <param name="allowReserved">Whether reserved characters are sent unencoded.</param>
        /// <returns>This builder.</returns>
        public KuaQueryBuilder AddArray<T>(string name, IEnumerable<T> values, Func<T, string> format, KuaParameterStyle style, bool explode, bool allowReserved = false)
        {
            if (explode)
            {
                foreach (var value in values)
                {
                    Add(name, format(value), allowReserved);
                }

                return this;
            }

            var separator = Separator(style);
            var first = true;
            foreach (var value in values)
            {
                if (first)
                {
                    StartPair(name);
                    first = false;
                }
                else
                {
                    _query.Append(separator);
                }

                AppendValue(format(value), allowReserved);
            }

            return this;
        }

        /// <summary>Adds an array parameter whose items have their usual text form (<see cref="KuaFormatting.FormatItem{T}"/>).</summary>
        /// <typeparam name="T">The item type.</typeparam>
        /// <param name="name">The parameter name.</param>
        /// <param name="values">The items.</param>
        /// <param name="style"><see cref="KuaParameterStyle.Form"/>, <see cref="KuaParameterStyle.SpaceDelimited"/> or <see cref="KuaParameterStyle.PipeDelimited"/>.</param>
        /// <param name="explode">Whether each item gets its own <c>name=</c>.</param>
        /// <param name="allowReserved">Whether reserved characters are sent unencoded.</param>
        /// <returns>This builder.</returns>
        public KuaQueryBuilder AddArray<T>(string name, IEnumerable<T> values, KuaParameterStyle style, bool explode, bool allowReserved = false) =>
            AddArray(name, values, KuaItemFormat<T>.Format, style, explode, allowReserved);

        /// <summary>Adds an object parameter (its properties already as text).</summary>
        /// <param name="name">The parameter name.</param>
        /// <param name="properties">The object's properties in order.</param>
        /// <param name="style"><see cref="KuaParameterStyle.Form"/> or <see cref="KuaParameterStyle.DeepObject"/> (others use <c>form</c>'s shape with their separator).</param>
        /// <param name="explode">Whether each property becomes its own pair.</param>
        /// <param name="allowReserved">Whether reserved characters are sent unencoded.</param>
        /// <returns>This builder.</returns>
        public KuaQueryBuilder AddObject(string name, IEnumerable<KeyValuePair<string, string>> properties, KuaParameterStyle style, bool explode, bool allowReserved = false)
        {
            if (style == KuaParameterStyle.DeepObject)
            {
                foreach (var property in properties)
                {
                    StartPair(name + "[" + property.Key + "]");
                    AppendValue(property.Value, allowReserved);
                }

                return this;
            }

            if (explode)
            {
                foreach (var property in properties)
                {
                    Add(property.Key, property.Value, allowReserved);
                }

                return this;
            }

            var separator = Separator(style);
            var first = true;
            foreach (var property in properties)
            {
                if (first)
                {
                    StartPair(name);
                    first = false;
                }
                else
                {
                    _query.Append(separator);
                }

                AppendValue(property.Key, allowReserved);
                _query.Append(separator);
                AppendValue(property.Value, allowReserved);
            }

            return this;
        }

        /// <summary>Appends the query to a path: <c>path?query</c>, or the path alone when no parameter was added.</summary>
        /// <param name="path">The escaped path.</param>
        /// <returns>The path and query.</returns>
        public string AppendTo(string path) => _query.Length == 0 ? path : path + "?" + _query.ToString();

        /// <inheritdoc />
        public override string ToString() => _query.ToString();

        private void StartPair(string name)
        {
            if (_query.Length > 0)
            {
                _query.Append(_pairSeparator);
            }

            _query.Append(KuaPath.EscapeComponent(name)).Append('=');
        }

        private void AppendValue(string value, bool allowReserved) =>
            _query.Append(allowReserved ? KuaPath.EscapeAllowReserved(value) : KuaPath.EscapeComponent(value));

        // Delimiters are written already encoded: a space or tab inside a value is escaped, so it never splits it.
        private static string Separator(KuaParameterStyle style)
        {
            switch (style)
            {
                case KuaParameterStyle.SpaceDelimited:
                    return "%20";
                case KuaParameterStyle.TabDelimited:
                    return "%09";
                case KuaParameterStyle.PipeDelimited:
                    return "|";
                default:
                    return ",";
            }
        }
    }
}
