using System.Collections.Generic;
using System.Globalization;
using Kua.Generated.SourceGenerator.Diagnostics;
using Microsoft.CodeAnalysis;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Kua.Generated.SourceGenerator.Parsing.Validation
{
    /// <summary>How the validator words and places its diagnostics: "{pointer} must be {expected}, but is {actual}; {consequence}".</summary>
    internal sealed partial class SpecValidator
    {
        private const int ShownLength = 40;

        /// <summary>Reports a value (before it is repaired or removed: its place in the tree names it).</summary>
        private void Report(DiagnosticDescriptor descriptor, JToken value, string expected, string actual, string consequence) =>
            _diagnostics.Add(descriptor, PositionOf(value), PointerOf(value), expected, actual, consequence);

        private void ReportKey(DiagnosticDescriptor descriptor, JProperty property, string expected, string consequence) =>
            _diagnostics.Add(descriptor, PositionOf(property), PointerOf(property), "a key that is " + expected, "'" + Shorten(property.Name) + "'", consequence);

        /// <summary>Reports a field an object lacks, at the object.</summary>
        private void ReportMissing(DiagnosticDescriptor descriptor, JObject owner, string field, string expected, string consequence) =>
            _diagnostics.Add(descriptor, PositionOf(owner), PointerOf(owner) + "/" + SpecLines.Escape(field), expected, "missing", consequence);

        /// <summary>What a rule expects, as the message says it.</summary>
        private string Expected(FieldRule rule, JObject owner)
        {
            switch (rule.Kind)
            {
                case ValueKind.Text:
                    return "a string";
                case ValueKind.Name:
                    return OneOf(rule, owner);
                case ValueKind.Boolean:
                    return "true or false";
                case ValueKind.Count:
                    return "a whole number from 0 to " + int.MaxValue.ToString(CultureInfo.InvariantCulture);
                case ValueKind.Number:
                    return "a number";
                case ValueKind.BoundFlag:
                    return "true, false or a number";
                case ValueKind.NameList:
                    return rule.Allowed == Allowed.Anything ? "a list of strings" : "a list of " + OneOf(rule, owner);
                case ValueKind.ValueList:
                    return "a list";
                case ValueKind.Object:
                    return rule.Shape!.Name + " (a mapping)";
                case ValueKind.Discriminator:
                    return "a property name or " + rule.Shape!.Name;
                case ValueKind.List:
                    return "a list of " + WithoutArticle(rule.Shape!.Name) + "s";
                case ValueKind.Schema:
                case ValueKind.Items:
                    return "a Schema Object (a mapping)";
                case ValueKind.SchemaList:
                    return "a list of Schema Objects";
                case ValueKind.Type:
                    return OneOf(rule, owner) + " (or a list of them)";
                case ValueKind.SchemaName:
                    return "the name of a schema or a reference to one";
                default:
                    return "any value";
            }
        }

        private string OneOf(FieldRule rule, JObject owner)
        {
            var allowed = AllowedValues.For(rule.Allowed, _version, owner);
            return allowed is null ? "a string" : allowed.Length == 1 ? "'" + allowed[0] + "'" : "one of " + string.Join(", ", allowed);
        }

        /// <summary>A value as a message shows it: its JSON type, and its text when it is a scalar.</summary>
        private static string Describe(JToken value)
        {
            switch (value.Type)
            {
                case JTokenType.Object:
                    return "a mapping";
                case JTokenType.Array:
                    return "a list";
                case JTokenType.String:
                    return "the string '" + Shorten((string)value!) + "'";
                case JTokenType.Integer:
                case JTokenType.Float:
                    return "the number " + Shorten(value.ToString(Formatting.None));
                case JTokenType.Boolean:
                    return "the boolean " + value.ToString(Formatting.None);
                case JTokenType.Null:
                    return "empty";
                default:
                    return "a " + value.Type.ToString().ToLowerInvariant();
            }
        }

        private static string Shorten(string text) =>
            text.Length > ShownLength ? text.Substring(0, ShownLength - 3) + "..." : text;

        private static string WithoutArticle(string name) => name.Substring(name.IndexOf(' ') + 1);

        /// <summary>A node's JSON pointer (<c>#/paths/~1accounts/get/operationId</c>), from its place in the tree; computed only for a report.</summary>
        private static string PointerOf(JToken token)
        {
            var segments = new List<string>();
            for (var current = token; current != null; current = current.Parent)
            {
                if (current is JProperty property)
                {
                    segments.Add(SpecLines.Escape(property.Name));
                }
                else if (current.Parent is JArray list)
                {
                    segments.Add(list.IndexOf(current).ToString(CultureInfo.InvariantCulture));
                }
            }

            segments.Add("#");
            segments.Reverse();
            return string.Join("/", segments);
        }

        /// <summary>A node's own position: a mapping or list that is a key's value reports its own start, not its key's line.</summary>
        private static SourcePosition PositionOf(JToken token)
        {
            var own = token.Annotation<SpecLines.Annotation>();
            if (own != null)
            {
                return own.Position;
            }

            if (token is IJsonLineInfo info && info.HasLineInfo())
            {
                return new SourcePosition(info.LineNumber, info.LinePosition);
            }

            return SpecLines.Of(token);
        }
    }
}
