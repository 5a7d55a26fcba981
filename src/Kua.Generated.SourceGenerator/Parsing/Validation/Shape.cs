using System;
using System.Collections.Generic;

namespace Kua.Generated.SourceGenerator.Parsing.Validation
{
    /// <summary>What a mapping's own keys must look like (for mappings whose keys are data, not field names).</summary>
    internal enum KeyKind
    {
        Any,

        /// <summary>A path, which begins with '/'.</summary>
        Path,

        /// <summary><c>default</c>, a status code from 100 to 599, or a range such as <c>2XX</c>.</summary>
        StatusCode,

        /// <summary>A media type or media type range (<c>application/json</c>, <c>text/*</c>).</summary>
        MediaType,
    }

    /// <summary>
    /// An OpenAPI object (or a mapping whose keys are data): its fields' rules, the rule for its other keys, and
    /// what leaving it out costs. Shapes refer to each other (a schema holds schemas), so fields are added after
    /// construction.
    /// </summary>
    internal sealed class Shape
    {
        private readonly Dictionary<string, FieldRule> _fields = new Dictionary<string, FieldRule>(StringComparer.Ordinal);
        private readonly List<string> _essentials = new List<string>();

        public Shape(string name, string leftOut, bool isPart = false, bool hasExtensions = true, bool isClosed = false)
        {
            Name = name;
            LeftOut = leftOut;
            IsPart = isPart;
            HasExtensions = hasExtensions;
            IsClosed = isClosed;
        }

        /// <summary>What the object is called in messages ("a Parameter Object").</summary>
        public string Name { get; }

        /// <summary>What leaving the object out means ("the parameter is left out of its method").</summary>
        public string LeftOut { get; }

        /// <summary>
        /// A part of the generated client (an operation's parameter or request body): leaving one out is an error,
        /// because the method that remains cannot call the API as the document means.
        /// </summary>
        public bool IsPart { get; }

        /// <summary>Whether <c>x-</c> keys are extensions (any value) rather than entries.</summary>
        public bool HasExtensions { get; }

        /// <summary>
        /// Whether keys other than its fields and extensions are errors rather than harmless: NSwag reads every other
        /// key of a path item as an operation (and stops the document on a value that is not one).
        /// </summary>
        public bool IsClosed { get; }

        /// <summary>The rule for keys that are not fields: a mapping's entries (paths, status codes, schema names…).</summary>
        public FieldRule? Entries { get; private set; }

        public KeyKind Keys { get; private set; }

        public IReadOnlyDictionary<string, FieldRule> Fields => _fields;

        /// <summary>The fields that must be there: required ones, and those with a fallback.</summary>
        public IReadOnlyList<string> Essentials => _essentials;

        /// <summary>A mapping from names to values that follow <paramref name="entries"/>; <c>x-</c> keys are entries too.</summary>
        public static Shape MapOf(string name, FieldRule entries, KeyKind keys = KeyKind.Any) =>
            new Shape(name, "it is ignored", hasExtensions: false).WithEntries(entries, keys);

        public Shape WithSchemaKeywords()
        {
            HasSchemaKeywords = true;
            return this;
        }

        public Shape WithEntries(FieldRule entries, KeyKind keys = KeyKind.Any)
        {
            Entries = entries;
            Keys = keys;
            return this;
        }

        public Shape Add(string field, FieldRule rule)
        {
            _fields[field] = rule;
            _essentials.Remove(field);
            if (rule.Required || rule.Fallback != null)
            {
                _essentials.Add(field);
            }

            return this;
        }

        /// <summary>Whether the object carries JSON Schema keywords (a schema, or a parameter or header, which NSwag reads as one).</summary>
        public bool HasSchemaKeywords { get; private set; }

        /// <summary>Adds every field of another shape that this one does not declare itself.</summary>
        public Shape Inherit(Shape other)
        {
            HasSchemaKeywords |= other.HasSchemaKeywords;
            foreach (var pair in other._fields)
            {
                if (!_fields.ContainsKey(pair.Key))
                {
                    Add(pair.Key, pair.Value);
                }
            }

            return this;
        }
    }
}
