using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Kua.Generated.SourceGenerator.Diagnostics;
using Kua.Generated.SourceGenerator.Model;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace Kua.Generated.SourceGenerator.Parsing
{
    /// <summary>Schemas → types: component schemas, inline schemas named from their context, and type references.</summary>
    internal sealed partial class ModelBuilder
    {
        private const int MaxInlineDepth = 48;

        private static readonly string[] ReservedMemberNames =
        {
            "Equals", "GetHashCode", "GetType", "ToString", "MemberwiseClone", "Finalize", "ReferenceEquals", "AdditionalProperties",
        };

        /// <summary>Generated types by the schema object they come from (reference identity: NSwag resolves $refs to shared objects).</summary>
        private readonly Dictionary<JsonSchema, TypeBuilder> _typesBySchema = new Dictionary<JsonSchema, TypeBuilder>(ReferenceComparer.Instance);

        /// <summary>Component schemas that are not types of their own (arrays, primitives, maps): name → used as a naming hint.</summary>
        private readonly Dictionary<JsonSchema, string> _aliasNames = new Dictionary<JsonSchema, string>(ReferenceComparer.Instance);

        private readonly HashSet<JsonSchema> _aliasesInProgress = new HashSet<JsonSchema>(ReferenceComparer.Instance);

        /// <summary>
        /// Inline enums by their values: specs repeat the same inline list (every operation's <c>opt_fields</c>), and one
        /// type per list serves them all at a fraction of the compile cost.
        /// </summary>
        private readonly Dictionary<string, TypeBuilder> _inlineEnums = new Dictionary<string, TypeBuilder>(StringComparer.Ordinal);
        private readonly List<TypeBuilder> _types = new List<TypeBuilder>();
        private readonly Queue<TypeBuilder> _pending = new Queue<TypeBuilder>();

        private enum Shape
        {
            Any,
            Primitive,
            Enum,
            Object,
            Map,
            Array,
            Union,
            /// <summary>oneOf/anyOf/allOf around exactly one real schema (plus null): the inner schema, maybe nullable.</summary>
            Wrapper,
        }

        private void RegisterComponentSchemas()
        {
            foreach (var pair in _document.Definitions.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var schema = pair.Value;
                if (schema is null || schema.HasReference)
                {
                    if (schema != null)
                    {
                        _aliasNames[schema] = pair.Key;
                    }

                    continue;
                }

                var shape = Classify(schema);
                var pointer = ComponentPointer(pair.Key);
                switch (shape)
                {
                    case Shape.Object:
                    case Shape.Enum:
                    case Shape.Union:
                        Register(schema, shape, pair.Key, Naming.ToPascal(pair.Key, "Schema"), pointer);
                        break;
                    default:
                        _aliasNames[schema] = pair.Key;
                        break;
                }
            }
        }

        private void BuildComponentSchemas()
        {
            foreach (var type in _types.ToList())
            {
                Build(type);
            }

            DrainPending();
        }

        private void DrainPending()
        {
            while (_pending.Count > 0)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                Build(_pending.Dequeue());
            }
        }

        private string ComponentPointer(string name) =>
            (_version == SpecVersion.Swagger2 ? "#/definitions/" : "#/components/schemas/") + SpecLines.Escape(name);

        private TypeBuilder Register(JsonSchema schema, Shape shape, string schemaName, string preferredName, string pointer)
        {
            var kind = shape == Shape.Enum
                ? (IsStringEnum(schema) ? TypeKind.StringEnum : TypeKind.IntegerEnum)
                : shape == Shape.Union ? TypeKind.Union : TypeKind.Object;

            // A member may not have its type's name (CS0542), and these members every such type has.
            if (FixedMemberNames(kind).Contains(preferredName))
            {
                preferredName += "Type";
            }

            var builder = new TypeBuilder(schema, kind, _typeNames.Claim(preferredName), schemaName, pointer);
            _typesBySchema[schema] = builder;
            _types.Add(builder);
            return builder;
        }

        /// <summary>The members the emitter writes into every type of a kind, whatever the schema says.</summary>
        private static string[] FixedMemberNames(TypeKind kind)
        {
            switch (kind)
            {
                case TypeKind.Object:
                    return new[] { "AdditionalProperties" };
                case TypeKind.StringEnum:
                    return new[] { "Equals", "GetHashCode", "ToString" };
                case TypeKind.Union:
                    return new[] { "Json", "Kind", "FromJson", "Match" };
                default:
                    return Array.Empty<string>();
            }
        }

        /// <summary>The type a schema maps to. Generated types are registered (and built later); everything else is structural.</summary>
        private TypeRef Resolve(JsonSchema? schema, string nameHint, string pointer, int depth)
        {
            if (schema is null)
            {
                return TypeRef.Any;
            }

            if (depth > MaxInlineDepth)
            {
                _diagnostics.Add(KuaDiagnostics.SchemaDegraded, At(pointer), nameHint, "it is nested more than " + MaxInlineDepth.ToString(CultureInfo.InvariantCulture) + " levels deep");
                return TypeRef.Any.WithNullable(true);
            }

            var nullable = IsNullable(schema);
            var actual = Actual(schema, pointer);
            if (actual is null)
            {
                return TypeRef.Any.WithNullable(true);
            }

            var resolved = ResolveActual(actual, nameHint, pointer, depth);
            return nullable && !resolved.Nullable ? resolved.WithNullable(true) : resolved;
        }

        private TypeRef ResolveActual(JsonSchema schema, string nameHint, string pointer, int depth)
        {
            var nullable = IsNullable(schema);
            if (_typesBySchema.TryGetValue(schema, out var known))
            {
                return new TypeRef(known.Kind, known.Name, Nullable: nullable);
            }

            if (_aliasNames.TryGetValue(schema, out var aliasName))
            {
                if (!_aliasesInProgress.Add(schema))
                {
                    _diagnostics.Add(KuaDiagnostics.SchemaDegraded, At(ComponentPointer(aliasName)), aliasName, "it contains itself with no object in between");
                    return TypeRef.Any.WithNullable(true);
                }

                try
                {
                    return ResolveStructure(schema, Naming.ToPascal(aliasName, "Schema"), ComponentPointer(aliasName), depth, nullable);
                }
                finally
                {
                    _aliasesInProgress.Remove(schema);
                }
            }

            return ResolveStructure(schema, nameHint, pointer, depth, nullable);
        }

        private TypeRef ResolveStructure(JsonSchema schema, string nameHint, string pointer, int depth, bool nullable)
        {
            var shape = Classify(schema);
            switch (shape)
            {
                case Shape.Enum when _inlineEnums.TryGetValue(EnumKey(schema), out var same):
                    return new TypeRef(same.Kind, same.Name, Nullable: nullable);

                case Shape.Object:
                case Shape.Enum:
                case Shape.Union:
                    var builder = Register(schema, shape, nameHint, nameHint, pointer);
                    if (shape == Shape.Enum)
                    {
                        _inlineEnums.Add(EnumKey(schema), builder);
                    }

                    _pending.Enqueue(builder);
                    return new TypeRef(builder.Kind, builder.Name, Nullable: nullable);

                case Shape.Array:
                    var item = Resolve(schema.Item, nameHint + "Item", pointer + "/items", depth + 1);
                    return new TypeRef(TypeKind.List, Element: item, Nullable: nullable);

                case Shape.Map:
                    var valueSchema = schema.AdditionalPropertiesSchema;
                    var value = valueSchema is null ? TypeRef.Any.WithNullable(true) : Resolve(valueSchema, nameHint + "Value", pointer + "/additionalProperties", depth + 1);
                    return new TypeRef(TypeKind.Map, Element: value, Nullable: nullable);

                case Shape.Wrapper:
                    var inner = WrappedSchema(schema, out var wrapsNull);
                    var resolved = Resolve(inner, nameHint, pointer, depth + 1);
                    return nullable || wrapsNull ? resolved.WithNullable(true) : resolved;

                case Shape.Primitive:
                    return new TypeRef(PrimitiveKind(schema), Nullable: nullable);

                default:
                    return TypeRef.Any.WithNullable(true);
            }
        }

        /// <summary>What makes two inline enums the same type: their kind, their values in order and their member names.</summary>
        private static string EnumKey(JsonSchema schema)
        {
            var key = new System.Text.StringBuilder(IsStringEnum(schema) ? "s" : "i");
            foreach (var value in schema.Enumeration)
            {
                key.Append('\u001f').Append(value is null ? "\u0000" : Convert.ToString(value, CultureInfo.InvariantCulture));
            }

            foreach (var name in schema.EnumerationNames)
            {
                key.Append('\u001e').Append(name);
            }

            return key.ToString();
        }

        private Shape Classify(JsonSchema schema)
        {
            if (schema.Enumeration.Count > 0 && (IsStringEnum(schema) || IsIntegerEnum(schema)))
            {
                return Shape.Enum;
            }

            var variants = schema.OneOf.Count > 0 ? schema.OneOf : schema.AnyOf;
            if (variants.Count > 0 && schema.Properties.Count == 0 && schema.AllOf.Count == 0)
            {
                var real = variants.Count(v => !IsNullSchema(v));
                return real == 1 ? Shape.Wrapper : real == 0 ? Shape.Any : Shape.Union;
            }

            // allOf: [$ref, { description: … }] is how OpenAPI 3.0 documents a $ref (its siblings are ignored): one real part.
            if (schema.AllOf.Count > 0 && schema.AllOf.Count(p => !IsAnnotationOnly(p)) == 1 && schema.Properties.Count == 0 && schema.DiscriminatorObject is null && schema.AdditionalPropertiesSchema is null && variants.Count == 0)
            {
                return Shape.Wrapper;
            }

            var type = schema.Type & ~JsonObjectType.Null;
            if (schema.Properties.Count > 0 || schema.AllOf.Count > 0 || schema.DiscriminatorObject != null)
            {
                return Shape.Object;
            }

            if (type == JsonObjectType.Object || (type == JsonObjectType.None && (schema.AdditionalPropertiesSchema != null)))
            {
                // An object with no declared properties is a map; 'additionalProperties: false' makes it an empty class.
                return schema.AllowAdditionalProperties || schema.AdditionalPropertiesSchema != null ? Shape.Map : Shape.Object;
            }

            if (type == JsonObjectType.Array || (type == JsonObjectType.None && schema.Item != null))
            {
                return Shape.Array;
            }

            return PrimitiveKind(schema) == TypeKind.Any ? Shape.Any : Shape.Primitive;
        }

        private static JsonSchema? WrappedSchema(JsonSchema schema, out bool wrapsNull)
        {
            var variants = schema.OneOf.Count > 0 ? schema.OneOf : schema.AnyOf.Count > 0 ? schema.AnyOf : schema.AllOf;
            wrapsNull = variants.Any(IsNullSchema);
            return variants.FirstOrDefault(v => !IsNullSchema(v) && !IsAnnotationOnly(v)) ?? variants.FirstOrDefault(v => !IsNullSchema(v));
        }

        /// <summary>A schema that only documents (description, example, nullable…) and constrains nothing a type could show.</summary>
        private static bool IsAnnotationOnly(JsonSchema schema) =>
            !schema.HasReference && (schema.Type & ~JsonObjectType.Null) == JsonObjectType.None && string.IsNullOrEmpty(schema.Format) &&
            schema.Properties.Count == 0 && schema.PatternProperties.Count == 0 && schema.AdditionalPropertiesSchema is null &&
            schema.AllOf.Count == 0 && schema.OneOf.Count == 0 && schema.AnyOf.Count == 0 && schema.Not is null &&
            schema.Item is null && schema.Items.Count == 0 && schema.Enumeration.Count == 0 && schema.DiscriminatorObject is null;

        private static bool IsNullSchema(JsonSchema schema)
        {
            var actual = schema.HasReference ? schema.Reference : schema;
            return actual != null && actual.Type == JsonObjectType.Null ||
                   (actual != null && actual.Type == JsonObjectType.None && actual.IsNullableRaw == true && actual.Properties.Count == 0 &&
                    actual.AllOf.Count == 0 && actual.OneOf.Count == 0 && actual.AnyOf.Count == 0 && actual.Enumeration.Count == 0 && !actual.HasReference);
        }

        private static TypeKind PrimitiveKind(JsonSchema schema)
        {
            var type = schema.Type & ~JsonObjectType.Null;
            var format = (schema.Format ?? string.Empty).ToLowerInvariant();
            switch (type)
            {
                case JsonObjectType.String:
                    switch (format)
                    {
                        case "date-time":
                        case "datetime":
                            return TypeKind.DateTimeOffset;
                        case "date":
                            return TypeKind.Date;
                        case "time":
                            return TypeKind.Time;
                        case "duration":
                        case "time-span":
                            return TypeKind.Duration;
                        case "uuid":
                        case "guid":
                            return TypeKind.Guid;
                        case "uri":
                        case "url":
                        case "uri-reference":
                            return TypeKind.Uri;
                        case "byte":
                        case "base64":
                            return TypeKind.Bytes;
                        case "binary":
                            return TypeKind.Binary;
                        default:
                            return TypeKind.String;
                    }

                case JsonObjectType.Integer:
                    return format == "int32" || format == "int16" || format == "int8" || format == "uint8" ? TypeKind.Int32 : TypeKind.Int64;
                case JsonObjectType.Number:
                    switch (format)
                    {
                        case "float":
                            return TypeKind.Single;
                        case "decimal":
                            return TypeKind.Decimal;
                        case "int32":
                            return TypeKind.Int32;
                        case "int64":
                            return TypeKind.Int64;
                        default:
                            return TypeKind.Double;
                    }

                case JsonObjectType.Boolean:
                    return TypeKind.Boolean;
                case JsonObjectType.File:
                    return TypeKind.Binary;
                default:
                    return TypeKind.Any;
            }
        }

        private static bool IsStringEnum(JsonSchema schema)
        {
            var type = schema.Type & ~JsonObjectType.Null;
            var values = schema.Enumeration.Where(v => v != null).ToList();
            return values.Count > 0 && (type == JsonObjectType.String || (type == JsonObjectType.None && values.All(v => v is string))) && values.All(v => v is string);
        }

        private static bool IsIntegerEnum(JsonSchema schema)
        {
            var type = schema.Type & ~JsonObjectType.Null;
            var values = schema.Enumeration.Where(v => v != null).ToList();
            return values.Count > 0 && (type == JsonObjectType.Integer || type == JsonObjectType.None) && values.All(IsIntegral);
        }

        /// <summary>A default the loader read as a number (a default of another type is not a number's default).</summary>
        private static bool IsNumber(object value) =>
            value is long || value is int || value is short || value is byte || value is double || value is float || value is decimal;

        private static bool IsIntegral(object? value) =>
            value is long || value is int || value is short || value is byte ||
            (value is double d && Math.Abs(d % 1) < double.Epsilon && d >= long.MinValue && d <= long.MaxValue) ||
            (value is decimal m && decimal.Truncate(m) == m && m >= long.MinValue && m <= long.MaxValue);

        private static bool IsNullable(JsonSchema schema) =>
            schema.IsNullableRaw == true ||
            (schema.Type & JsonObjectType.Null) == JsonObjectType.Null ||
            IsTrue(schema.ExtensionData, "x-nullable") ||
            IsTrue(schema.ExtensionData, "nullable") ||
            (schema.Enumeration.Count > 0 && schema.Enumeration.Contains(null!));

        /// <summary>The schema a $ref points at; null (with a diagnostic) when the references go round in a circle.</summary>
        private JsonSchema? Actual(JsonSchema schema, string pointer)
        {
            try
            {
                return schema.ActualSchema;
            }
            catch (InvalidOperationException ex)
            {
                _diagnostics.Add(KuaDiagnostics.SchemaDegraded, At(pointer), pointer, ex.Message);
                return null;
            }
        }

        private void Build(TypeBuilder builder)
        {
            if (builder.State != BuildState.NotStarted)
            {
                return;
            }

            builder.State = BuildState.Building;
            var schema = builder.Schema;
            builder.Summary = Text(schema.Description) ?? Text(schema.Title);
            builder.Deprecated = schema.IsDeprecated;
            switch (builder.Kind)
            {
                case TypeKind.Object:
                    BuildObject(builder);
                    break;
                case TypeKind.StringEnum:
                case TypeKind.IntegerEnum:
                    BuildEnum(builder);
                    break;
                case TypeKind.Union:
                    BuildUnion(builder);
                    break;
            }

            builder.State = BuildState.Built;
        }

        private void BuildObject(TypeBuilder builder)
        {
            var schema = builder.Schema;
            var required = new HashSet<string>(schema.RequiredProperties, StringComparer.Ordinal);
            var collected = new List<(string JsonName, JsonSchemaProperty Schema, string Pointer)>();
            var seen = new HashSet<string>(StringComparer.Ordinal);

            foreach (var (part, index) in schema.AllOf.Select((p, i) => (p, i)))
            {
                var partPointer = builder.Pointer + "/allOf/" + index.ToString(CultureInfo.InvariantCulture);
                var target = Actual(part, partPointer);
                if (target is null)
                {
                    continue;
                }

                if (builder.Base is null && part.HasReference && _typesBySchema.TryGetValue(target, out var candidate) && candidate.Kind == TypeKind.Object)
                {
                    if (InheritsFrom(candidate, builder))
                    {
                        _diagnostics.Add(KuaDiagnostics.CyclicInheritance, At(partPointer), builder.SchemaName, candidate.SchemaName);
                    }
                    else
                    {
                        builder.Base = candidate;
                        Build(candidate);
                        required.UnionWith(target.RequiredProperties);
                        continue;
                    }
                }

                CollectProperties(target, partPointer, collected, seen, required, new HashSet<JsonSchema>(ReferenceComparer.Instance) { schema });
                if (builder.AdditionalProperties is null && target.AdditionalPropertiesSchema != null)
                {
                    builder.AdditionalProperties = Resolve(target.AdditionalPropertiesSchema, builder.Name + "Value", partPointer + "/additionalProperties", 1);
                }
            }

            foreach (var pair in schema.Properties)
            {
                if (seen.Add(pair.Key))
                {
                    collected.Add((pair.Key, pair.Value, builder.Pointer + "/properties/" + SpecLines.Escape(pair.Key)));
                }
            }

            if (schema.AdditionalPropertiesSchema != null)
            {
                builder.AdditionalProperties = Resolve(schema.AdditionalPropertiesSchema, builder.Name + "Value", builder.Pointer + "/additionalProperties", 1);
            }
            else if (builder.AdditionalProperties is null && SaysAdditionalPropertiesTrue(builder.Pointer))
            {
                // 'additionalProperties: true' written out (rather than the default) asks to keep the extra members.
                builder.AdditionalProperties = TypeRef.Any.WithNullable(true);
            }

            var inheritedNames = builder.Base is null ? new List<PropertyModel>() : AllProperties(builder.Base);
            var inheritedJson = new HashSet<string>(inheritedNames.Select(p => p.JsonName), StringComparer.Ordinal);
            var memberNames = new NameScope(StringComparer.Ordinal, ReservedMemberNames.Concat(new[] { builder.Name }).Concat(inheritedNames.Select(p => p.Name)));

            foreach (var (jsonName, propertySchema, pointer) in collected)
            {
                if (inheritedJson.Contains(jsonName))
                {
                    // Redeclared in the subtype (often to narrow it): the base class property already carries it.
                    continue;
                }

                var type = Resolve(propertySchema, builder.Name + Naming.ToPascal(jsonName), pointer, 1);
                if (type.Kind == TypeKind.Binary)
                {
                    type = new TypeRef(TypeKind.String, Nullable: type.Nullable);
                }

                var isRequired = required.Contains(jsonName) || propertySchema.IsRequired;
                builder.Properties.Add(new PropertyModel(
                    jsonName,
                    memberNames.Claim(Naming.ToPascal(jsonName)),
                    type,
                    isRequired,
                    propertySchema.IsReadOnly,
                    propertySchema.IsWriteOnly,
                    Text(propertySchema.Description) ?? Text(propertySchema.Title) ?? Text(propertySchema.ActualSchema?.Description),
                    propertySchema.IsDeprecated,
                    DefaultLiteral(propertySchema, type)));
            }

            builder.RequiredNames = required;
            var discriminator = schema.DiscriminatorObject?.PropertyName ?? schema.Discriminator;
            if (!string.IsNullOrEmpty(discriminator))
            {
                builder.DiscriminatorProperty = discriminator;
            }
        }

        /// <summary>Whether the spec text says <c>additionalProperties: true</c> for the schema at a pointer (NJsonSchema reads it like its absence).</summary>
        private bool SaysAdditionalPropertiesTrue(string pointer) =>
            SpecLines.Resolve(_root, pointer) is var (node, complete) && complete && node is JObject raw &&
            raw["additionalProperties"] is JValue value && value.Type == JTokenType.Boolean && (bool)value;

        private void CollectProperties(
            JsonSchema schema,
            string pointer,
            List<(string, JsonSchemaProperty, string)> collected,
            HashSet<string> seen,
            HashSet<string> required,
            HashSet<JsonSchema> visiting)
        {
            if (!visiting.Add(schema))
            {
                return;
            }

            required.UnionWith(schema.RequiredProperties);
            foreach (var (part, index) in schema.AllOf.Select((p, i) => (p, i)))
            {
                var partPointer = pointer + "/allOf/" + index.ToString(CultureInfo.InvariantCulture);
                var target = Actual(part, partPointer);
                if (target != null)
                {
                    CollectProperties(target, partPointer, collected, seen, required, visiting);
                }
            }

            foreach (var pair in schema.Properties)
            {
                if (seen.Add(pair.Key))
                {
                    collected.Add((pair.Key, pair.Value, pointer + "/properties/" + SpecLines.Escape(pair.Key)));
                }
            }
        }

        private static bool InheritsFrom(TypeBuilder candidate, TypeBuilder type)
        {
            var steps = 0;
            for (var current = candidate; current != null && steps < 1000; current = current.Base, steps++)
            {
                if (ReferenceEquals(current, type))
                {
                    return true;
                }
            }

            return false;
        }

        private static List<PropertyModel> AllProperties(TypeBuilder type)
        {
            var chain = new List<TypeBuilder>();
            for (var current = type; current != null && chain.Count < 1000; current = current.Base)
            {
                chain.Add(current);
            }

            chain.Reverse();
            return chain.SelectMany(t => t.Properties).ToList();
        }

        private void BuildEnum(TypeBuilder builder)
        {
            var schema = builder.Schema;
            var names = EnumNames(builder);
            var scope = new NameScope(StringComparer.Ordinal, ReservedMemberNames.Concat(new[] { builder.Name }));
            var values = new HashSet<string>(StringComparer.Ordinal);
            var index = -1;
            foreach (var value in schema.Enumeration)
            {
                index++;
                if (value is null)
                {
                    continue;
                }

                var text = builder.Kind == TypeKind.StringEnum
                    ? (string)value
                    : Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
                if (!values.Add(text))
                {
                    continue;
                }

                string preferred;
                if (names != null && index < names.Count && Naming.IsIdentifier(Naming.ToPascal(names[index])))
                {
                    preferred = Naming.ToPascal(names[index]);
                }
                else if (builder.Kind == TypeKind.StringEnum)
                {
                    preferred = text.Length == 0 ? "Empty" : Naming.ToPascal(text, "Value");
                    if (preferred.StartsWith("_", StringComparison.Ordinal) && text.Length > 0 && char.IsDigit(text[0]))
                    {
                        preferred = "Value" + preferred.Substring(1);
                    }
                }
                else
                {
                    preferred = text.StartsWith("-", StringComparison.Ordinal) ? "ValueMinus" + text.Substring(1) : "Value" + text;
                }

                builder.EnumMembers.Add(new EnumMemberModel(scope.Claim(preferred), text, null));
                if (builder.Kind == TypeKind.IntegerEnum && (long.Parse(text, CultureInfo.InvariantCulture) > int.MaxValue || long.Parse(text, CultureInfo.InvariantCulture) < int.MinValue))
                {
                    builder.IsInt64 = true;
                }
            }
        }

        /// <summary>Member names from x-enumNames, x-enum-varnames or x-enum-names, by position.</summary>
        private List<string>? EnumNames(TypeBuilder builder)
        {
            var schema = builder.Schema;
            if (schema.EnumerationNames != null && schema.EnumerationNames.Count > 0)
            {
                return schema.EnumerationNames.ToList();
            }

            // NJsonSchema keeps x-enumNames only and swallows the other two, so they are read from the spec tree.
            var (node, complete) = SpecLines.Resolve(_root, builder.Pointer);
            var raw = complete ? node as JObject : null;
            foreach (var key in new[] { "x-enum-varnames", "x-enumNames", "x-enum-names" })
            {
                if (raw?[key] is JArray names)
                {
                    return names.Select(v => v.Type == JTokenType.String ? (string)v! : v.ToString()).ToList();
                }

                if (schema.ExtensionData != null && schema.ExtensionData.TryGetValue(key, out var value))
                {
                    if (value is JArray array)
                    {
                        return array.Select(v => v.Type == JTokenType.String ? (string)v! : v.ToString()).ToList();
                    }

                    if (value is IEnumerable<object> list)
                    {
                        return list.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty).ToList();
                    }
                }
            }

            return null;
        }

        private void BuildUnion(TypeBuilder builder)
        {
            var schema = builder.Schema;
            builder.IsOneOf = schema.OneOf.Count > 0;
            var variants = builder.IsOneOf ? schema.OneOf : schema.AnyOf;
            var listName = builder.IsOneOf ? "oneOf" : "anyOf";
            // A discriminator without a property name (invalid) cannot select anything: it is ignored.
            var discriminator = string.IsNullOrEmpty(schema.DiscriminatorObject?.PropertyName) ? null : schema.DiscriminatorObject;
            builder.DiscriminatorProperty = discriminator?.PropertyName;
            var scope = new NameScope(StringComparer.Ordinal, ReservedMemberNames.Concat(new[] { builder.Name, "Json", "Kind" }));
            var index = -1;
            foreach (var variant in variants)
            {
                index++;
                if (IsNullSchema(variant))
                {
                    continue;
                }

                var pointer = builder.Pointer + "/" + listName + "/" + index.ToString(CultureInfo.InvariantCulture);
                var type = Resolve(variant, builder.Name + "Variant" + (index + 1).ToString(CultureInfo.InvariantCulture), pointer, 1);
                if (type.Kind == TypeKind.Binary)
                {
                    type = new TypeRef(TypeKind.String, Nullable: type.Nullable);
                }

                var values = new List<string>();
                if (discriminator != null)
                {
                    var target = Actual(variant, pointer);
                    foreach (var mapping in discriminator.Mapping)
                    {
                        if (target != null && ReferenceEquals(Actual(mapping.Value, pointer), target))
                        {
                            values.Add(mapping.Key);
                        }
                    }

                    if (values.Count == 0 && target != null && _typesBySchema.TryGetValue(target, out var named))
                    {
                        values.Add(named.SchemaName);
                    }
                }

                builder.Variants.Add(new UnionVariantModel(scope.Claim(VariantName(type)), type.WithNullable(false), values.ToEquatableArray()));
            }
        }

        private static string VariantName(TypeRef type)
        {
            if (type.Name != null)
            {
                return type.Name;
            }

            switch (type.Kind)
            {
                case TypeKind.List:
                    return VariantName(type.Element!) + "List";
                case TypeKind.Map:
                    return VariantName(type.Element!) + "Map";
                case TypeKind.Any:
                    return "Json";
                default:
                    return type.Kind.ToString();
            }
        }

        private void LinkDiscriminators()
        {
            foreach (var type in _types.Where(t => t.Kind == TypeKind.Object && t.DiscriminatorProperty != null))
            {
                var explicitMappings = type.Schema.DiscriminatorObject?.Mapping ?? new Dictionary<string, JsonSchema>();
                var mapped = new HashSet<TypeBuilder>();
                var mappings = new List<(DiscriminatorMapping Mapping, TypeBuilder Derived)>();
                foreach (var mapping in explicitMappings.OrderBy(m => m.Key, StringComparer.Ordinal))
                {
                    var target = Actual(mapping.Value, type.Pointer + "/discriminator/mapping");
                    if (target != null && _typesBySchema.TryGetValue(target, out var derived) && !ReferenceEquals(derived, type) && InheritsFrom(derived, type))
                    {
                        mappings.Add((new DiscriminatorMapping(mapping.Key, derived.Name), derived));
                        mapped.Add(derived);
                        derived.DiscriminatorValue ??= mapping.Key;
                    }
                }

                foreach (var derived in _types.Where(t => t.Kind == TypeKind.Object && !ReferenceEquals(t, type) && InheritsFrom(t, type) && !mapped.Contains(t)).OrderBy(t => t.Name, StringComparer.Ordinal))
                {
                    mappings.Add((new DiscriminatorMapping(derived.SchemaName, derived.Name), derived));
                    derived.DiscriminatorValue ??= derived.SchemaName;
                }

                // Deepest subtypes first: the writer tests 'value is T' in this order, so Lion must come before Cat.
                type.Mappings.AddRange(mappings.OrderByDescending(m => Depth(m.Derived)).Select(m => m.Mapping));
            }
        }

        private static int Depth(TypeBuilder type)
        {
            var depth = 0;
            for (var current = type.Base; current != null && depth < 1000; current = current.Base)
            {
                depth++;
            }

            return depth;
        }

        private EquatableArray<TypeModel> FinishTypes()
        {
            DrainPending();
            LinkDiscriminators();
            var models = new List<TypeModel>();
            foreach (var type in _types.OrderBy(t => t.Name, StringComparer.Ordinal))
            {
                switch (type.Kind)
                {
                    case TypeKind.Object:
                        var inherited = type.Base is null ? new List<PropertyModel>() : AllProperties(type.Base);
                        var discriminatorProperty = type.DiscriminatorProperty ?? FindInheritedDiscriminator(type);
                        var inheritedExtras = InheritedAdditionalProperties(type);
                        models.Add(new ObjectModel(type.Name, type.SchemaName, type.Summary, type.Deprecated)
                        {
                            BaseName = type.Base?.Name,
                            Properties = type.Properties.ToEquatableArray(),
                            InheritedProperties = inherited.Select(p => !p.Required && type.RequiredNames.Contains(p.JsonName) ? p with { RequiredBySubtype = true } : p).ToEquatableArray(),
                            AdditionalProperties = inheritedExtras ?? type.AdditionalProperties,
                            InheritsAdditionalProperties = inheritedExtras != null,
                            Discriminator = type.DiscriminatorProperty is null ? null : new DiscriminatorModel(type.DiscriminatorProperty, type.Mappings.ToEquatableArray()),
                            DiscriminatorProperty = discriminatorProperty,
                            DiscriminatorValue = discriminatorProperty is null ? null : type.DiscriminatorValue,
                        });
                        break;
                    case TypeKind.StringEnum:
                    case TypeKind.IntegerEnum:
                        models.Add(new EnumModel(type.Name, type.SchemaName, type.Summary, type.Deprecated)
                        {
                            IsString = type.Kind == TypeKind.StringEnum,
                            IsInt64 = type.IsInt64,
                            Members = type.EnumMembers.ToEquatableArray(),
                        });
                        break;
                    case TypeKind.Union:
                        models.Add(new UnionModel(type.Name, type.SchemaName, type.Summary, type.Deprecated)
                        {
                            IsOneOf = type.IsOneOf,
                            DiscriminatorProperty = type.DiscriminatorProperty,
                            Variants = type.Variants.ToEquatableArray(),
                        });
                        break;
                }
            }

            return models.ToEquatableArray();
        }

        /// <summary>The extra members' type an ancestor already keeps, or null.</summary>
        private static TypeRef? InheritedAdditionalProperties(TypeBuilder type)
        {
            var depth = 0;
            for (var current = type.Base; current != null && depth < 1000; current = current.Base, depth++)
            {
                if (current.AdditionalProperties != null)
                {
                    return current.AdditionalProperties;
                }
            }

            return null;
        }

        private static string? FindInheritedDiscriminator(TypeBuilder type)
        {
            for (var current = type.Base; current != null; current = current.Base)
            {
                if (current.DiscriminatorProperty != null)
                {
                    return current.DiscriminatorProperty;
                }
            }

            return null;
        }

        private static string? DefaultLiteral(JsonSchema schema, TypeRef type)
        {
            var value = schema.Default ?? schema.ActualSchema?.Default;
            if (value is JValue json)
            {
                value = json.Value;
            }

            if (value is null)
            {
                return null;
            }

            switch (type.Kind)
            {
                case TypeKind.String when value is string text:
                    return Emitting.Literals.String(text);
                case TypeKind.Boolean when value is bool flag:
                    return flag ? "true" : "false";
                case TypeKind.Int32 when IsIntegral(value):
                    var int32 = Convert.ToInt64(value, CultureInfo.InvariantCulture);
                    return int32 >= int.MinValue && int32 <= int.MaxValue ? int32.ToString(CultureInfo.InvariantCulture) : null;
                case TypeKind.Int64 when IsIntegral(value):
                    return Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) + "L";
                case TypeKind.Double when IsNumber(value):
                    var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                    return double.IsNaN(number) || double.IsInfinity(number) ? null : number.ToString("R", CultureInfo.InvariantCulture) + "d";
                case TypeKind.Single when IsNumber(value):
                    var single = Convert.ToSingle(value, CultureInfo.InvariantCulture);
                    return float.IsNaN(single) || float.IsInfinity(single) ? null : single.ToString("R", CultureInfo.InvariantCulture) + "f";
                case TypeKind.Decimal when IsNumber(value) && Math.Abs(Convert.ToDouble(value, CultureInfo.InvariantCulture)) < (double)decimal.MaxValue:
                    return Convert.ToDecimal(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) + "m";
                default:
                    return null;
            }
        }

        private enum BuildState
        {
            NotStarted,
            Building,
            Built,
        }

        /// <summary>A type under construction.</summary>
        private sealed class TypeBuilder
        {
            public TypeBuilder(JsonSchema schema, TypeKind kind, string name, string schemaName, string pointer)
            {
                Schema = schema;
                Kind = kind;
                Name = name;
                SchemaName = schemaName;
                Pointer = pointer;
            }

            public JsonSchema Schema { get; }

            public TypeKind Kind { get; }

            public string Name { get; }

            public string SchemaName { get; }

            public string Pointer { get; }

            public BuildState State { get; set; }

            public string? Summary { get; set; }

            public bool Deprecated { get; set; }

            public TypeBuilder? Base { get; set; }

            public List<PropertyModel> Properties { get; } = new List<PropertyModel>();

            public TypeRef? AdditionalProperties { get; set; }

            public string? DiscriminatorProperty { get; set; }

            public string? DiscriminatorValue { get; set; }

            public List<DiscriminatorMapping> Mappings { get; } = new List<DiscriminatorMapping>();

            public List<EnumMemberModel> EnumMembers { get; } = new List<EnumMemberModel>();

            /// <summary>Every name the schema's <c>required</c> lists (its allOf parts' included), inherited members too.</summary>
            public HashSet<string> RequiredNames { get; set; } = new HashSet<string>(StringComparer.Ordinal);

            public bool IsInt64 { get; set; }

            public bool IsOneOf { get; set; }

            public List<UnionVariantModel> Variants { get; } = new List<UnionVariantModel>();
        }

        /// <summary>Compares schemas by identity: two equal-looking schemas in different places are different types.</summary>
        private sealed class ReferenceComparer : IEqualityComparer<JsonSchema>
        {
            public static readonly ReferenceComparer Instance = new ReferenceComparer();

            public bool Equals(JsonSchema? x, JsonSchema? y) => ReferenceEquals(x, y);

            public int GetHashCode(JsonSchema obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
        }
    }
}
