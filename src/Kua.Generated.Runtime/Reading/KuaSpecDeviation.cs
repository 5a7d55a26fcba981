using System;

namespace Kua.Generated
{
    /// <summary>The ways a reply can break its schema that <see cref="KuaReadMode.Tolerant"/> reads anyway.</summary>
    public enum KuaSpecDeviationKind
    {
        /// <summary>A required member is absent; it reads as its default.</summary>
        MissingRequired,

        /// <summary>JSON null for a member the schema requires and does not let be null; it reads as its default.</summary>
        NullForNonNullable,

        /// <summary>A JSON number where the schema says string; it reads as the number's text.</summary>
        NumberForString,

        /// <summary>A JSON string where the schema says number or integer; it reads when the text parses exactly.</summary>
        StringForNumber,

        /// <summary>A single JSON object where the schema says array; it reads as a one-element list.</summary>
        ObjectForArray,
    }

    /// <summary>One place where a reply broke its schema and was read anyway. It holds no value from the reply.</summary>
    public sealed class KuaSpecDeviation
    {
        internal KuaSpecDeviation(KuaSpecDeviationKind kind, string? schema, string relativePath)
        {
            Kind = kind;
            Schema = schema;
            RelativePath = relativePath;
        }

        /// <summary>What was wrong.</summary>
        public KuaSpecDeviationKind Kind { get; }

        /// <summary>The schema of the innermost object around the deviation, or null when it is outside any object.</summary>
        public string? Schema { get; internal set; }

        /// <summary>The JSON path from the body's root: <c>$.items[2].amount</c>; values of a map are <c>[*]</c>.</summary>
        public string Path => "$" + RelativePath;

        /// <summary>The path below the body's root; readers of enclosing values put their segment in front.</summary>
        internal string RelativePath { get; set; }

        /// <summary>The kind's name as the metric tags it: <c>missing_required</c>, <c>number_for_string</c>, ….</summary>
        public string KindTag => TagOf(Kind);

        /// <inheritdoc/>
        public override string ToString() => KindTag + " at " + Path + (Schema is null ? string.Empty : " (schema " + Schema + ")");

        internal static string TagOf(KuaSpecDeviationKind kind)
        {
            switch (kind)
            {
                case KuaSpecDeviationKind.MissingRequired: return "missing_required";
                case KuaSpecDeviationKind.NullForNonNullable: return "null_for_non_nullable";
                case KuaSpecDeviationKind.NumberForString: return "number_for_string";
                case KuaSpecDeviationKind.StringForNumber: return "string_for_number";
                case KuaSpecDeviationKind.ObjectForArray: return "object_for_array";
                default: throw new ArgumentOutOfRangeException(nameof(kind));
            }
        }
    }
}
