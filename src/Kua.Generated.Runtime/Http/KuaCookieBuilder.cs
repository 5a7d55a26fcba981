using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace Kua.Generated.Runtime.Http
{
    /// <summary>
    /// Builds a <c>Cookie</c> header by the OpenAPI rules for cookie parameters (<c>style: form</c>):
    /// exploded arrays repeat the cookie, exploded objects become one cookie per property, and values
    /// are percent-encoded so they can never contain a separator.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class KuaCookieBuilder
    {
        // Form style is the query's form style with "; " between the pairs.
        private readonly KuaQueryBuilder _pairs = new KuaQueryBuilder("; ");

        /// <summary>Whether no cookie was added.</summary>
        public bool IsEmpty => _pairs.IsEmpty;

        /// <summary>Adds <c>name=value</c>.</summary>
        /// <param name="name">The cookie name.</param>
        /// <param name="value">The value as text.</param>
        /// <returns>This builder.</returns>
        public KuaCookieBuilder Add(string name, string value)
        {
            _pairs.Add(name, value);
            return this;
        }

        /// <summary>Adds an array: <c>name=a; name=b</c> when exploded, <c>name=a,b</c> otherwise.</summary>
        /// <typeparam name="T">The item type.</typeparam>
        /// <param name="name">The cookie name.</param>
        /// <param name="values">The items.</param>
        /// <param name="format">Turns an item into text.</param>
        /// <param name="explode">Whether each item is its own cookie.</param>
        /// <returns>This builder.</returns>
        public KuaCookieBuilder AddArray<T>(string name, IEnumerable<T> values, Func<T, string> format, bool explode)
        {
            _pairs.AddArray(name, values, format, KuaParameterStyle.Form, explode);
            return this;
        }

        /// <summary>Adds an array whose items have their usual text form (<see cref="KuaFormatting.FormatItem{T}"/>).</summary>
        /// <typeparam name="T">The item type.</typeparam>
        /// <param name="name">The cookie name.</param>
        /// <param name="values">The items.</param>
        /// <param name="explode">Whether each item is its own cookie.</param>
        /// <returns>This builder.</returns>
        public KuaCookieBuilder AddArray<T>(string name, IEnumerable<T> values, bool explode) => AddArray(name, values, KuaItemFormat<T>.Format, explode);

        /// <summary>Adds an object: one cookie per property when exploded, <c>name=k1,v1,k2,v2</c> otherwise.</summary>
        /// <param name="name">The cookie name.</param>
        /// <param name="properties">The object's properties as text, in order.</param>
        /// <param name="explode">Whether each property is its own cookie.</param>
        /// <returns>This builder.</returns>
        public KuaCookieBuilder AddObject(string name, IEnumerable<KeyValuePair<string, string>> properties, bool explode)
        {
            _pairs.AddObject(name, properties, KuaParameterStyle.Form, explode);
            return this;
        }

        /// <summary>The header value: the cookies joined by <c>"; "</c>.</summary>
        /// <returns>The header value.</returns>
        public override string ToString() => _pairs.ToString();
    }
}
