using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Text;

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
        private readonly StringBuilder _cookies = new StringBuilder();

        /// <summary>Whether no cookie was added.</summary>
        public bool IsEmpty => _cookies.Length == 0;

        /// <summary>Adds <c>name=value</c>.</summary>
        /// <param name="name">The cookie name.</param>
        /// <param name="value">The value as text.</param>
        /// <returns>This builder.</returns>
        public KuaCookieBuilder Add(string name, string value)
        {
            Start(name);
            _cookies.Append(KuaPath.EscapeComponent(value));
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
            if (explode)
            {
                foreach (var value in values)
                {
                    Add(name, format(value));
                }

                return this;
            }

            var first = true;
            foreach (var value in values)
            {
                if (first)
                {
                    Start(name);
                    first = false;
                }
                else
                {
                    _cookies.Append(',');
                }

                _cookies.Append(KuaPath.EscapeComponent(format(value)));
            }

            return this;
        }

        /// <summary>Adds an object: one cookie per property when exploded, <c>name=k1,v1,k2,v2</c> otherwise.</summary>
        /// <param name="name">The cookie name.</param>
        /// <param name="properties">The object's properties as text, in order.</param>
        /// <param name="explode">Whether each property is its own cookie.</param>
        /// <returns>This builder.</returns>
        public KuaCookieBuilder AddObject(string name, IEnumerable<KeyValuePair<string, string>> properties, bool explode)
        {
            if (explode)
            {
                foreach (var property in properties)
                {
                    Add(property.Key, property.Value);
                }

                return this;
            }

            var first = true;
            foreach (var property in properties)
            {
                if (first)
                {
                    Start(name);
                    first = false;
                }
                else
                {
                    _cookies.Append(',');
                }

                _cookies.Append(KuaPath.EscapeComponent(property.Key)).Append(',').Append(KuaPath.EscapeComponent(property.Value));
            }

            return this;
        }

        /// <summary>The header value: the cookies joined by <c>"; "</c>.</summary>
        /// <returns>The header value.</returns>
        public override string ToString() => _cookies.ToString();

        private void Start(string name)
        {
            if (_cookies.Length > 0)
            {
                _cookies.Append("; ");
            }

            _cookies.Append(KuaPath.EscapeComponent(name)).Append('=');
        }
    }
}
