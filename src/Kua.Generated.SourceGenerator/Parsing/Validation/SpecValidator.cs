using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Threading;
using Kua.Generated.SourceGenerator.Diagnostics;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Kua.Generated.SourceGenerator.Parsing.Validation
{
    /// <summary>
    /// Checks the spec tree against the structure OpenAPI defines (<see cref="OpenApiShapes"/>) before anything
    /// else reads it, and repairs it in place, so that the normalizer and NSwag.Core see only values of the forms
    /// they expect. A value of the wrong form is removed, or read as what it plainly means (a single tag for a list
    /// of tags, a number as its text), and reported at its own line and column. A bad value costs only itself, or
    /// the part that cannot do without it (a parameter without a valid location), never the document.
    /// Split by concern: the walk and the verdicts here, the messages in SpecValidator.Messages.cs.
    /// </summary>
    internal sealed partial class SpecValidator
    {
        /// <summary>Deeper than the reader allows (<see cref="SpecTextReader.MaxDepth"/>): a guard that real trees never reach.</summary>
        private const int MaxDepth = SpecTextReader.MaxDepth + 8;

        /// <summary>The largest magnitude NSwag reads into the decimal members that hold bounds.</summary>
        private static readonly BigInteger DecimalLimit = new BigInteger(decimal.MaxValue);

        private readonly JObject _document;
        private readonly SpecVersion _version;
        private readonly DiagnosticBag _diagnostics;
        private readonly CancellationToken _cancellationToken;
        private int _visited;

        private SpecValidator(JObject document, SpecVersion version, DiagnosticBag diagnostics, CancellationToken cancellationToken)
        {
            _document = document;
            _version = version;
            _diagnostics = diagnostics;
            _cancellationToken = cancellationToken;
        }

        /// <summary>Checks and repairs the document in place, reporting each violation.</summary>
        public static void Validate(JObject document, SpecVersion version, DiagnosticBag diagnostics, CancellationToken cancellationToken)
        {
            var validator = new SpecValidator(document, version, diagnostics, cancellationToken);
            validator.CheckObject(document, OpenApiShapes.Document, 0);
        }

        /// <summary>Checks an object's fields and entries; false when it lacks a valid field it cannot do without (reported).</summary>
        private bool CheckObject(JObject obj, Shape shape, int depth)
        {
            if ((++_visited & 0x3FF) == 0)
            {
                _cancellationToken.ThrowIfCancellationRequested();
            }

            if (depth > MaxDepth)
            {
                return true;
            }

            // A reference stands for its target, which is checked where it is declared. The fields an object cannot
            // do without come first: other rules depend on them (a parameter's style on its location).
            var isReference = obj["$ref"] != null;
            foreach (var property in obj.Properties().OrderBy(p => IsRequired(shape, p.Name) ? 0 : 1).ToList())
            {
                var name = property.Name;
                if (shape.Fields.TryGetValue(name, out var rule))
                {
                    var required = rule.Required && !isReference;
                    if (!CheckField(property, rule, obj, shape, depth, required) && required)
                    {
                        return false;
                    }
                }
                else if (shape.HasExtensions && name.StartsWith("x-", StringComparison.Ordinal))
                {
                    // An extension: any value.
                }
                else if (shape.Entries != null)
                {
                    if (CheckKey(property, shape.Keys))
                    {
                        CheckField(property, shape.Entries, obj, shape, depth, required: false);
                    }
                }
                else if (shape.IsClosed)
                {
                    CheckUnknownField(property, obj, shape, depth);
                }
            }

            if (shape.HasSchemaKeywords)
            {
                CheckDefault(obj);
            }

            if (isReference)
            {
                return true;
            }

            foreach (var field in shape.Essentials.Where(f => obj[f] is null))
            {
                var rule = shape.Fields[field];
                if (rule.Fallback != null)
                {
                    ReportMissing(KuaDiagnostics.StructureWarning, obj, field, Expected(rule, obj), rule.Consequence);
                    obj.Add(field, WithPositionOf(new JValue(rule.Fallback), obj));
                    continue;
                }

                ReportMissing(shape.IsPart ? KuaDiagnostics.StructureError : KuaDiagnostics.StructureWarning, obj, field, Expected(rule, obj), shape.LeftOut);
                return false;
            }

            return true;
        }

        private static bool IsRequired(Shape shape, string field) =>
            shape.Fields.TryGetValue(field, out var rule) && rule.Required;

        /// <summary>
        /// A key a closed object does not define: a field spelled in another case (<c>GET</c>) is read as the field,
        /// unless that is there too; anything else is removed.
        /// </summary>
        private void CheckUnknownField(JProperty property, JObject owner, Shape shape, int depth)
        {
            var field = shape.Fields.Keys.FirstOrDefault(f => string.Equals(f, property.Name, StringComparison.OrdinalIgnoreCase));
            if (field is null || owner.Property(field, StringComparison.Ordinal) != null)
            {
                ReportKey(KuaDiagnostics.StructureWarning, property, "a field of " + shape.Name + " (" + string.Join(", ", shape.Fields.Keys) + ") or an extension (x-…)", "it is ignored");
                property.Remove();
                return;
            }

            ReportKey(KuaDiagnostics.StructureWarning, property, "a field of " + shape.Name + " (field names are case-sensitive)", "it is read as '" + field + "'");
            var value = property.Value;
            property.Value = JValue.CreateNull();
            var renamed = new JProperty(field, value);
            renamed.AddAnnotation(new SpecLines.Annotation(PositionOf(property)));
            property.Replace(renamed);
            CheckField(renamed, shape.Fields[field], owner, shape, depth, required: false);
        }

        /// <summary>
        /// A default must be a value of the schema's type (OpenAPI 3.0 says so); one of another JSON type is removed,
        /// so no later step has to cope with it. Null is left to nullability.
        /// </summary>
        private void CheckDefault(JObject schema)
        {
            if (!(schema["type"] is JValue type) || type.Type != JTokenType.String || !(schema.Property("default", StringComparison.Ordinal) is JProperty property))
            {
                return;
            }

            var value = property.Value;
            bool fits;
            switch ((string)type!)
            {
                case "string":
                    fits = value.Type == JTokenType.String;
                    break;
                case "number":
                    fits = value.Type == JTokenType.Integer || value.Type == JTokenType.Float;
                    break;
                case "integer":
                    fits = value.Type == JTokenType.Integer || (value.Type == JTokenType.Float && IsWhole(value));
                    break;
                case "boolean":
                    fits = value.Type == JTokenType.Boolean;
                    break;
                case "array":
                    fits = value.Type == JTokenType.Array;
                    break;
                case "object":
                    fits = value.Type == JTokenType.Object;
                    break;
                default:
                    fits = true;
                    break;
            }

            if (!fits && value.Type != JTokenType.Null)
            {
                // The generator writes a default only as a literal of the member's type, so it never used this one.
                Report(KuaDiagnostics.StructureInfo, value, "a value of the schema's type (" + (string)type! + ")", Describe(value), "it is ignored, and the member has no default");
                property.Remove();
            }
        }

        /// <summary>Checks one field or entry and applies the verdict; false when the value was removed.</summary>
        /// <param name="required">The owner cannot do without the value: its removal leaves the owner out, which is what is reported.</param>
        private bool CheckField(JProperty property, FieldRule rule, JObject owner, Shape ownerShape, int depth, bool required)
        {
            var value = property.Value;
            var verdict = Judge(value, rule, owner, depth);
            switch (verdict.Kind)
            {
                case VerdictKind.Keep:
                    return true;

                case VerdictKind.Replace:
                    if (verdict.Severity != null)
                    {
                        Report(verdict.Severity, value, Expected(rule, owner), verdict.Actual ?? Describe(value), verdict.Consequence ?? rule.Consequence);
                    }

                    property.Value = WithPositionOf(verdict.Replacement!, value);
                    return true;

                case VerdictKind.Wrap:
                    Report(verdict.Severity!, value, Expected(rule, owner), verdict.Actual ?? Describe(value), verdict.Consequence!);

                    // The value moves into the list rather than being copied, so it keeps its position for later diagnostics.
                    var list = new JArray();
                    property.Value = WithPositionOf(list, value);
                    list.Add(value);
                    return true;

                case VerdictKind.Drop when rule.Fallback != null:
                    Report(KuaDiagnostics.StructureWarning, value, Expected(rule, owner), verdict.Actual ?? Describe(value), rule.Consequence);
                    property.Value = WithPositionOf(new JValue(rule.Fallback), value);
                    return true;

                default:
                    if (!verdict.Reported)
                    {
                        var severity = required ? (ownerShape.IsPart ? KuaDiagnostics.StructureError : KuaDiagnostics.StructureWarning) : verdict.Severity ?? KuaDiagnostics.StructureWarning;
                        var consequence = required ? ownerShape.LeftOut : verdict.Consequence ?? rule.Consequence;
                        Report(severity, value, Expected(rule, owner), verdict.Actual ?? Describe(value), consequence);
                    }

                    property.Remove();
                    return false;
            }
        }

        private Verdict Judge(JToken value, FieldRule rule, JObject owner, int depth)
        {
            if (value.Type == JTokenType.Null && rule.Kind != ValueKind.Any)
            {
                // 'key:' with nothing after it reads as if the key were absent; an empty schema allows any value.
                return rule.Kind == ValueKind.Schema
                    ? Verdict.Repair(new JObject(), KuaDiagnostics.StructureInfo, "empty", "it is read as any JSON value")
                    : Verdict.Drop(KuaDiagnostics.StructureInfo, "empty", "it is read as absent");
            }

            switch (rule.Kind)
            {
                case ValueKind.Any:
                    return Verdict.Keep;

                case ValueKind.Text:
                    return value.Type == JTokenType.String ? Verdict.Keep : IsScalar(value) ? AsText(value) : Verdict.Drop();

                case ValueKind.Name:
                    return value.Type == JTokenType.String ? JudgeName((string)value!, rule, owner) : Verdict.Drop();

                case ValueKind.Boolean:
                    return value.Type == JTokenType.Boolean ? Verdict.Keep : Verdict.Drop();

                case ValueKind.Count:
                    return JudgeCount(value);

                case ValueKind.Number:
                    return JudgeNumber(value);

                case ValueKind.BoundFlag:
                    return value.Type == JTokenType.Boolean ? Verdict.Keep : JudgeNumber(value);

                case ValueKind.NameList:
                    if (value is JArray names)
                    {
                        CheckNames(names, rule, owner);
                        return Verdict.Keep;
                    }

                    if (value.Type == JTokenType.String)
                    {
                        var single = JudgeName((string)value!, rule, owner);
                        return single.Kind == VerdictKind.Keep ? Verdict.Wrap(KuaDiagnostics.StructureWarning, Describe(value)) : single;
                    }

                    return Verdict.Drop();

                case ValueKind.ValueList:
                    return value is JArray ? Verdict.Keep : Verdict.Drop();

                case ValueKind.Object:
                    return value is JObject obj ? (CheckObject(obj, rule.Shape!, depth + 1) ? Verdict.Keep : Verdict.DropReported) : Verdict.Drop();

                case ValueKind.List:
                    if (value is JArray list)
                    {
                        CheckList(list, rule.Shape!, depth);
                        return Verdict.Keep;
                    }

                    return Verdict.Drop();

                case ValueKind.Schema:
                    return JudgeSchema(value, depth);

                case ValueKind.SchemaList:
                    if (value is JArray schemas)
                    {
                        CheckSchemaList(schemas, depth);
                        return Verdict.Keep;
                    }

                    if (value is JObject schema)
                    {
                        CheckObject(schema, OpenApiShapes.Schema, depth + 1);
                        return Verdict.Wrap(KuaDiagnostics.StructureWarning, "a single schema");
                    }

                    return Verdict.Drop();

                case ValueKind.Items:
                    if (value is JArray tuple)
                    {
                        // The older list form (one schema per position) is adapted by the normalizer, which says so.
                        CheckSchemaList(tuple, depth);
                        return Verdict.Keep;
                    }

                    return value is JObject || value.Type == JTokenType.Boolean ? JudgeSchema(value, depth) : Verdict.Drop();

                case ValueKind.Type:
                    if (value is JArray types)
                    {
                        var count = types.Count;
                        CheckNames(types, rule, owner);
                        return types.Count > 0 ? Verdict.Keep : count > 0 ? Verdict.DropReported : Verdict.Drop(actual: "an empty list");
                    }

                    return value.Type == JTokenType.String ? JudgeName((string)value!, rule, owner) : Verdict.Drop();

                case ValueKind.Discriminator:
                    if (value.Type == JTokenType.String)
                    {
                        return Verdict.Keep;
                    }

                    return value is JObject discriminator ? (CheckObject(discriminator, rule.Shape!, depth + 1) ? Verdict.Keep : Verdict.DropReported) : Verdict.Drop();

                case ValueKind.SchemaName:
                    return value.Type == JTokenType.String ? JudgeSchemaName((string)value!) : Verdict.Drop();

                default:
                    return Verdict.Drop();
            }
        }

        /// <summary>
        /// A discriminator mapping's target. A bare schema name is valid OpenAPI that NSwag cannot follow (it stops
        /// the whole document), so it becomes the reference it stands for; a name or local reference that finds no
        /// schema, and a URL, are dropped; a reference into another file is left to reference resolution.
        /// </summary>
        private Verdict JudgeSchemaName(string text)
        {
            if (text.StartsWith("#", StringComparison.Ordinal))
            {
                return SpecLines.Resolve(_document, text).Complete ? Verdict.Keep : Verdict.Drop(actual: "'" + text + "', which points to nothing in the document");
            }

            var prefix = _version == SpecVersion.Swagger2 ? "#/definitions/" : "#/components/schemas/";
            if (SpecLines.Resolve(_document, prefix + SpecLines.Escape(text)).Complete)
            {
                return Verdict.Repair(new JValue(prefix + SpecLines.Escape(text)));
            }

            if (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                return Verdict.Drop(actual: "'" + text + "', which the generator cannot follow (it uses no network)");
            }

            return text.IndexOfAny(new[] { '/', '#' }) >= 0 ? Verdict.Keep : Verdict.Drop(actual: "'" + text + "', which names no schema of the document");
        }

        private Verdict JudgeSchema(JToken value, int depth)
        {
            if (value is JObject schema)
            {
                CheckObject(schema, OpenApiShapes.Schema, depth + 1);
                return Verdict.Keep;
            }

            // A schema of the wrong form still marks a place (a property, the items): it stays, as "any JSON value".
            return value.Type == JTokenType.Boolean
                ? Verdict.Keep
                : Verdict.Repair(new JObject(), KuaDiagnostics.StructureWarning, Describe(value), "it is read as any JSON value");
        }

        /// <summary>A keyword against its allowed values; one that differs only in case is read as the allowed spelling.</summary>
        private Verdict JudgeName(string text, FieldRule rule, JObject owner)
        {
            var allowed = AllowedValues.For(rule.Allowed, _version, owner);
            if (allowed is null || allowed.Contains(text, StringComparer.Ordinal))
            {
                return Verdict.Keep;
            }

            if (rule.Allowed == Allowed.SchemaType && text == "null")
            {
                // The 3.1 way of saying nullable, which real 2.0 and 3.0 documents use too; the normalizer reads it in every version.
                return Verdict.Keep;
            }

            var spelling = allowed.FirstOrDefault(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase));
            return spelling is null
                ? Verdict.Drop(actual: "'" + text + "'")
                : Verdict.Repair(new JValue(spelling), KuaDiagnostics.StructureWarning, "'" + text + "'", "it is read as '" + spelling + "'");
        }

        private static Verdict AsText(JToken value)
        {
            var text = value.ToString(Formatting.None);
            return Verdict.Repair(new JValue(text), KuaDiagnostics.StructureInfo, Describe(value), "it is read as the text '" + text + "'");
        }

        private static Verdict JudgeCount(JToken value)
        {
            if (value.Type == JTokenType.Integer)
            {
                var raw = ((JValue)value).Value;
                var number = raw is BigInteger big ? big : new BigInteger(Convert.ToInt64(raw, CultureInfo.InvariantCulture));
                return number >= 0 && number <= int.MaxValue ? Verdict.Keep : Verdict.Drop();
            }

            if (value.Type == JTokenType.Float && IsWhole(value))
            {
                // JSON Schema counts 10.0 as an integer; NSwag's reader does not, so it gets the integer form, silently.
                var number = Convert.ToDouble(((JValue)value).Value, CultureInfo.InvariantCulture);
                if (number >= 0 && number <= int.MaxValue)
                {
                    return Verdict.Repair(new JValue((long)number));
                }
            }

            return Verdict.Drop();
        }

        private static bool IsWhole(JToken value)
        {
            var number = Convert.ToDouble(((JValue)value).Value, CultureInfo.InvariantCulture);
            return !double.IsInfinity(number) && Math.Floor(number) == number;
        }

        private static Verdict JudgeNumber(JToken value)
        {
            if (value.Type != JTokenType.Integer && value.Type != JTokenType.Float)
            {
                return Verdict.Drop();
            }

            var raw = ((JValue)value).Value;
            var fits = raw is BigInteger big ? BigInteger.Abs(big) <= DecimalLimit
                : raw is double real ? !double.IsNaN(real) && !double.IsInfinity(real) && Math.Abs(real) < (double)decimal.MaxValue
                : true;

            // Beyond the decimal range is valid OpenAPI but more than NSwag reads; the generated code checks no bounds, so nothing is lost.
            return fits ? Verdict.Keep : Verdict.Drop(KuaDiagnostics.StructureInfo, Describe(value), "it is beyond the range the loader reads and is ignored (the generated code checks no bounds)");
        }

        /// <summary>The entries of a list of names: other scalars are read as their text; lists, mappings and disallowed names are removed.</summary>
        private void CheckNames(JArray names, FieldRule rule, JObject owner)
        {
            var expected = rule.Allowed == Allowed.Anything ? "a string" : OneOf(rule, owner);
            var removed = new List<JToken>();
            foreach (var item in names.ToList())
            {
                var verdict = item.Type == JTokenType.String ? JudgeName((string)item!, rule, owner)
                    : IsScalar(item) && rule.Allowed == Allowed.Anything ? AsText(item)
                    : Verdict.Drop();
                switch (verdict.Kind)
                {
                    case VerdictKind.Replace:
                        Report(verdict.Severity!, item, expected, verdict.Actual!, verdict.Consequence!);
                        item.Replace(WithPositionOf(verdict.Replacement!, item));
                        break;
                    case VerdictKind.Drop:
                        Report(KuaDiagnostics.StructureWarning, item, expected, verdict.Actual ?? Describe(item), "the entry is ignored");
                        removed.Add(item);
                        break;
                }
            }

            RemoveAll(removed);
        }

        private void CheckList(JArray list, Shape shape, int depth)
        {
            var removed = new List<JToken>();
            foreach (var entry in list)
            {
                if (!(entry is JObject item))
                {
                    Report(KuaDiagnostics.StructureWarning, entry, shape.Name + " (a mapping)", Describe(entry), "the entry is ignored");
                    removed.Add(entry);
                }
                else if (!CheckObject(item, shape, depth + 1))
                {
                    removed.Add(entry);
                }
            }

            RemoveAll(removed);
        }

        private void CheckSchemaList(JArray list, int depth)
        {
            var removed = new List<JToken>();
            foreach (var entry in list)
            {
                if (entry is JObject schema)
                {
                    CheckObject(schema, OpenApiShapes.Schema, depth + 1);
                }
                else if (entry.Type != JTokenType.Boolean)
                {
                    Report(KuaDiagnostics.StructureWarning, entry, "a Schema Object (a mapping)", Describe(entry), "the entry is ignored");
                    removed.Add(entry);
                }
            }

            RemoveAll(removed);
        }

        /// <summary>Removes list entries after the walk over the list, so that every report names an entry by its index in the file.</summary>
        private static void RemoveAll(List<JToken> entries)
        {
            foreach (var entry in entries)
            {
                entry.Remove();
            }
        }

        /// <summary>Checks a key that is data (a path, a status code, a media type); false when its entry was removed.</summary>
        private bool CheckKey(JProperty property, KeyKind keys)
        {
            var key = property.Name;
            switch (keys)
            {
                case KeyKind.Path when !AllowedValues.IsPath(key):
                    // The client joins paths to its base address without the leading '/', so nothing else changes.
                    ReportKey(KuaDiagnostics.StructureInfo, property, "a path that begins with '/'", "it is read as '/" + key + "'");
                    return true;

                case KeyKind.StatusCode when !AllowedValues.IsStatusCode(key):
                    ReportKey(KuaDiagnostics.StructureWarning, property, "'default', a status code from 100 to 599 or a range such as 2XX", "the response is ignored");
                    property.Remove();
                    return false;

                case KeyKind.StatusCode when _version == SpecVersion.Swagger2 && AllowedValues.IsStatusRange(key):
                    ReportKey(KuaDiagnostics.StructureInfo, property, "a status code (Swagger 2.0 has no ranges)", "it is read as the range OpenAPI 3 defines");
                    return true;

                case KeyKind.MediaType when !AllowedValues.IsMediaType(key):
                    ReportKey(KuaDiagnostics.StructureWarning, property, "a media type such as application/json", "the media type is ignored");
                    property.Remove();
                    return false;

                default:
                    return true;
            }
        }

        private static bool IsScalar(JToken value) =>
            value.Type == JTokenType.Integer || value.Type == JTokenType.Float || value.Type == JTokenType.Boolean;

        /// <summary>A repaired value keeps the position of the one it replaces, so later diagnostics still point at it.</summary>
        private static JToken WithPositionOf(JToken replacement, JToken original)
        {
            replacement.AddAnnotation(new SpecLines.Annotation(PositionOf(original)));
            return replacement;
        }
    }
}
