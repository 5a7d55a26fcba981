using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Kua.Generated.SourceGenerator.Model;

namespace Kua.Generated.SourceGenerator.Emitting
{
    /// <summary>A DTO class and its reflection-free JSON converter.</summary>
    internal static class ObjectEmitter
    {
        public static void Emit(SourceWriter writer, TypeSyntax types, ObjectModel model)
        {
            using (writer.Open("namespace " + types.Namespace))
            {
                EmitClass(writer, types, model);
            }

            writer.Line();
            using (writer.Open("namespace " + types.SerializationNamespace))
            {
                EmitConverter(writer, types, model);
            }
        }

        /// <summary>Whether the C# property may hold null: optional members and members the spec lets be null.</summary>
        public static bool IsNullableProperty(PropertyModel property) => !property.Required || property.Type.Nullable;

        /// <summary>Whether the property gets C# 11's 'required' modifier (when the target supports it).</summary>
        private static bool UsesRequiredKeyword(TypeSyntax types, PropertyModel property, string? discriminatorProperty) =>
            types.Options.RequiredMembers && property.Required && !property.ReadOnly && property.JsonName != discriminatorProperty;

        private static void EmitClass(SourceWriter writer, TypeSyntax types, ObjectModel model)
        {
            writer.Doc("summary", model.Summary ?? "The <" + model.SchemaName + "> schema.");
            writer.Line(FileHeader.GeneratedCodeAttribute);
            writer.Line("[global::System.Text.Json.Serialization.JsonConverter(typeof(" + types.ConverterType(model.Name) + "))]");
            if (model.Deprecated)
            {
                writer.Line("[global::System.Obsolete(\"The schema '" + model.SchemaName + "' is deprecated.\")]");
            }

            var baseClause = model.BaseName is null ? string.Empty : " : " + types.Generated(model.BaseName);
            using (writer.Open("public partial class " + model.Name + baseClause))
            {
                var discriminatorProperty = model.DiscriminatorProperty;
                var discriminatorMember = model.DiscriminatorValue is null ? null : model.InheritedProperties.Concat(model.Properties).FirstOrDefault(p => p.JsonName == discriminatorProperty);
                if (discriminatorMember != null && IsSettableDiscriminator(discriminatorMember))
                {
                    writer.Doc("summary", "Creates an instance with " + discriminatorMember.Name + " set to \"" + model.DiscriminatorValue + "\".");
                    using (writer.Open("public " + model.Name + "()"))
                    {
                        writer.Line(discriminatorMember.Name + " = " + DiscriminatorValueExpression(types, discriminatorMember, model.DiscriminatorValue!) + ";");
                    }

                    writer.Line();
                }

                var first = true;
                foreach (var property in model.Properties)
                {
                    if (!first)
                    {
                        writer.Line();
                    }

                    first = false;
                    EmitProperty(writer, types, property, discriminatorProperty);
                }

                if (model.AdditionalProperties != null)
                {
                    if (!first)
                    {
                        writer.Line();
                    }

                    writer.Doc("summary", "Properties of the JSON object that the schema does not name.");
                    writer.Line("public global::System.Collections.Generic.Dictionary<string, " + types.Declared(model.AdditionalProperties, model.AdditionalProperties.Nullable) + ">" + (types.Options.NullableAnnotations ? "?" : string.Empty) + " AdditionalProperties { get; set; }");
                }
            }
        }

        private static void EmitProperty(SourceWriter writer, TypeSyntax types, PropertyModel property, string? discriminatorProperty)
        {
            writer.Doc("summary", property.Summary ?? "The <" + property.JsonName + "> property.");
            var facts = new List<string>();
            facts.Add("JSON name: <c>" + SourceWriter.Escape(property.JsonName) + "</c>");
            if (property.Required)
            {
                facts.Add("required");
            }

            if (property.Type.Nullable)
            {
                facts.Add("may be null");
            }

            if (property.ReadOnly)
            {
                facts.Add("set by the server (read-only)");
            }

            if (property.WriteOnly)
            {
                facts.Add("sent to the server only (write-only)");
            }

            writer.DocRaw("remarks", string.Join("; ", facts) + ".");
            if (property.Deprecated)
            {
                writer.Line("[global::System.Obsolete(\"The property '" + property.JsonName + "' is deprecated.\")]");
            }

            var nullable = IsNullableProperty(property);
            var required = UsesRequiredKeyword(types, property, discriminatorProperty);
            var declaration = "public " + (required ? "required " : string.Empty) + types.Declared(property.Type, nullable) + " " + property.Name + " { get; set; }";
            if (property.DefaultValue != null && !property.Required)
            {
                declaration += " = " + property.DefaultValue + ";";
            }
            else if (!nullable && !required && !TypeSyntax.IsValueType(property.Type) && types.Options.NullableAnnotations)
            {
                declaration += " = default!;";
            }

            writer.Line(declaration);
        }

        private static bool IsSettableDiscriminator(PropertyModel property) =>
            property.Type.Kind == TypeKind.String || property.Type.Kind == TypeKind.StringEnum;

        private static string DiscriminatorValueExpression(TypeSyntax types, PropertyModel property, string value) =>
            property.Type.Kind == TypeKind.StringEnum
                ? "new " + types.Name(property.Type) + "(" + Literal(value) + ")"
                : Literal(value);

        private static void EmitConverter(SourceWriter writer, TypeSyntax types, ObjectModel model)
        {
            var type = types.Generated(model.Name);
            var all = model.InheritedProperties.Concat(model.Properties).ToList();
            writer.Doc("summary", "Reads and writes " + model.Name + " as JSON, without reflection.");
            writer.Line(FileHeader.GeneratedCodeAttribute);
            using (writer.Open("public sealed class " + model.Name + "JsonConverter : " + TypeSyntax.StjConverter + "<" + type + ">"))
            {
                writer.Doc("summary", "The shared instance.");
                writer.Line("public static " + model.Name + "JsonConverter Instance { get; } = new " + model.Name + "JsonConverter();");
                writer.Line();

                for (var i = 0; i < all.Count; i++)
                {
                    // Names JSON writes as they are can be matched on their encoded bytes; others need their raw UTF-8 bytes.
                    if (!IsPlainName(all[i].JsonName))
                    {
                        writer.Line("private static global::System.ReadOnlySpan<byte> Name" + i.ToString(CultureInfo.InvariantCulture) + " => new byte[] { " + Utf8Bytes(all[i].JsonName) + " };");
                    }

                    writer.Line("private static readonly global::System.Text.Json.JsonEncodedText Encoded" + i.ToString(CultureInfo.InvariantCulture) + " = global::System.Text.Json.JsonEncodedText.Encode(" + Literal(all[i].JsonName) + ");");
                }

                if (model.Discriminator != null)
                {
                    writer.Line("private static global::System.ReadOnlySpan<byte> DiscriminatorName => new byte[] { " + Utf8Bytes(model.Discriminator.PropertyName) + " };");
                }

                if (all.Count > 0 || model.Discriminator != null)
                {
                    writer.Line();
                }

                EmitRead(writer, types, model, all);
                writer.Line();
                EmitReadObject(writer, types, model, all);
                writer.Line();
                EmitWrite(writer, types, model, all);
                types.WriteCachedConverters(writer);
            }
        }

        private static void EmitRead(SourceWriter writer, TypeSyntax types, ObjectModel model, List<PropertyModel> all)
        {
            var type = types.Generated(model.Name);
            writer.Line("/// <inheritdoc/>");
            using (writer.Open("public override " + type + " Read(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Type typeToConvert, global::System.Text.Json.JsonSerializerOptions options)"))
            {
                writer.Line(TypeSyntax.Json + ".Expect(ref reader, global::System.Text.Json.JsonTokenType.StartObject, \"an object\");");
                if (model.Discriminator != null && model.Discriminator.Mappings.Count > 0)
                {
                    writer.Line("var kind = " + TypeSyntax.Json + ".PeekDiscriminator(reader, DiscriminatorName);");
                    using (writer.Open("switch (kind)"))
                    {
                        foreach (var mapping in model.Discriminator.Mappings)
                        {
                            writer.Line("case " + Literal(mapping.Value) + ":");
                            writer.Indent();
                            writer.Line("return " + types.ConverterType(mapping.TypeName) + ".Instance.ReadObject(ref reader, options);");
                            writer.Outdent();
                        }
                    }
                }

                writer.Line("return ReadObject(ref reader, options);");
            }
        }

        private static void EmitReadObject(SourceWriter writer, TypeSyntax types, ObjectModel model, List<PropertyModel> all)
        {
            var type = types.Generated(model.Name);
            var schema = Literal(model.SchemaName);
            writer.Line("// Reads the properties of exactly this type (no discriminator dispatch); the reader is on the object's start.");
            using (writer.Open("internal " + type + " ReadObject(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Text.Json.JsonSerializerOptions options)"))
            {
                var initialized = all.Select(p => UsesRequiredKeyword(types, p, model.DiscriminatorProperty)).ToList();
                var tracked = all.Select((p, i) => !initialized[i] || (p.Required && !p.WriteOnly)).ToList();
                for (var i = 0; i < all.Count; i++)
                {
                    var property = all[i];
                    var index = i.ToString(CultureInfo.InvariantCulture);
                    // Value types that may not be JSON null are read into their own type: presence is in hasN.
                    var localNullable = property.Type.Nullable || !TypeSyntax.IsValueType(property.Type);
                    writer.Line(types.Declared(property.Type, nullable: localNullable) + " value" + index + " = default;");
                    if (tracked[i])
                    {
                        writer.Line("var has" + index + " = false;");
                    }
                }

                var additional = model.AdditionalProperties;
                if (additional != null)
                {
                    writer.Line("global::System.Collections.Generic.Dictionary<string, " + types.Declared(additional, additional.Nullable) + ">" + (types.Options.NullableAnnotations ? "?" : string.Empty) + " additional = null;");
                }

                writer.Line("string" + (types.Options.NullableAnnotations ? "?" : string.Empty) + " current = null;");
                using (writer.Open("try"))
                {
                    using (writer.Open("while (true)"))
                    {
                        writer.Line(TypeSyntax.Json + ".ReadNext(ref reader);");
                        using (writer.Open("if (reader.TokenType == global::System.Text.Json.JsonTokenType.EndObject)"))
                        {
                            writer.Line("break;");
                        }

                        writer.Line();
                        for (var i = 0; i < all.Count; i++)
                        {
                            var property = all[i];
                            var index = i.ToString(CultureInfo.InvariantCulture);
                            var match = IsPlainName(property.JsonName) ? "Encoded" + index + ".EncodedUtf8Bytes" : "Name" + index;
                            using (writer.Open((i == 0 ? "if" : "else if") + " (reader.ValueTextEquals(" + match + "))"))
                            {
                                writer.Line("current = " + Literal(property.JsonName) + ";");
                                EmitReadProperty(writer, types, property, schema, index, tracked[i]);
                            }
                        }

                        if (all.Count > 0)
                        {
                            writer.Line("else");
                            writer.Line("{");
                            writer.Indent();
                        }

                        {
                            if (additional != null)
                            {
                                writer.Line("var key = reader.GetString()" + types.Bang + ";");
                                writer.Line("current = key;");
                                writer.Line(TypeSyntax.Json + ".ReadNext(ref reader);");
                                writer.Line("var map = additional ?? (additional = new global::System.Collections.Generic.Dictionary<string, " + types.Declared(additional, additional.Nullable) + ">(global::System.StringComparer.Ordinal));");
                                var read = types.Converter(additional.WithNullable(false)) + ".Read(ref reader, typeof(" + types.Name(additional) + "), options)";
                                // A converter's Read is annotated T?; a value that may not be null is one (the converter throws on null).
                                writer.Line(additional.Nullable
                                    ? "map[key] = reader.TokenType == global::System.Text.Json.JsonTokenType.Null ? default" + (TypeSyntax.IsValueType(additional) ? "(" + types.Declared(additional, true) + ")" : string.Empty) + " : " + read + ";"
                                    : "map[key] = " + read + (TypeSyntax.IsValueType(additional) ? string.Empty : types.Bang) + ";");
                            }
                            else
                            {
                                writer.Line("// A property the schema does not name: skipped, so new server fields never break the client.");
                                writer.Line(TypeSyntax.Json + ".SkipValue(ref reader);");
                            }
                        }

                        if (all.Count > 0)
                        {
                            writer.Outdent();
                            writer.Line("}");
                        }

                        writer.Line();
                        writer.Line("current = null;");
                    }
                }

                using (writer.Open("catch (global::System.Exception ex) when (current != null && " + TypeSyntax.Json + ".IsReadError(ex))"))
                {
                    writer.Line("throw " + TypeSyntax.Json + ".InProperty(" + schema + ", current, ex);");
                }

                writer.Line();
                for (var i = 0; i < all.Count; i++)
                {
                    var property = all[i];
                    if (property.Required && !property.WriteOnly)
                    {
                        using (writer.Open("if (!has" + i.ToString(CultureInfo.InvariantCulture) + ")"))
                        {
                            writer.Line("throw " + TypeSyntax.Json + ".MissingRequired(" + schema + ", " + Literal(property.JsonName) + ");");
                        }

                        writer.Line();
                    }
                }

                var initializers = new List<string>();
                var conditional = new List<int>();
                for (var i = 0; i < all.Count; i++)
                {
                    var property = all[i];
                    if (initialized[i])
                    {
                        initializers.Add(property.Name + " = " + ValueExpression(types, property, i));
                    }
                    else
                    {
                        conditional.Add(i);
                    }
                }

                writer.Line("var result = new " + type + (initializers.Count == 0 ? "()" : " { " + string.Join(", ", initializers) + " }") + ";");
                foreach (var i in conditional)
                {
                    var index = i.ToString(CultureInfo.InvariantCulture);
                    using (writer.Open("if (has" + index + ")"))
                    {
                        writer.Line("result." + all[i].Name + " = " + ValueExpression(types, all[i], i) + ";");
                    }
                }

                if (additional != null)
                {
                    writer.Line("result.AdditionalProperties = additional;");
                }

                writer.Line("return result;");
            }
        }

        /// <summary>
        /// Reads one property's value (the reader is on its name) into valueN, recording presence in hasN.
        /// JSON null: kept when the schema allows it, an error for a required member, absent otherwise.
        /// </summary>
        private static void EmitReadProperty(SourceWriter writer, TypeSyntax types, PropertyModel property, string schema, string index, bool tracked)
        {
            var converter = types.Converter(property.Type.WithNullable(false));
            var has = "has" + index;
            var value = "value" + index;
            if (property.Type.Nullable)
            {
                var read = TypeSyntax.IsValueType(property.Type) ? ".ReadNullableValue(ref reader, " : ".ReadNullableReference(ref reader, ";
                writer.Line(value + " = " + TypeSyntax.Json + read + converter + ");");
                if (tracked)
                {
                    writer.Line(has + " = true;");
                }
            }
            else if (property.Required && !property.WriteOnly)
            {
                writer.Line(value + " = " + TypeSyntax.Json + ".ReadRequired(ref reader, " + converter + ", " + schema + ", " + Literal(property.JsonName) + ");");
                writer.Line(has + " = true;");
            }
            else
            {
                var call = TypeSyntax.Json + ".TryReadOptional(ref reader, " + converter + ", out " + value + ")";
                writer.Line(tracked ? has + " = " + call + ";" : call + ";");
            }
        }

        /// <summary>The local holding a property's value, converted to the property's declared type.</summary>
        private static string ValueExpression(TypeSyntax types, PropertyModel property, int index)
        {
            var local = "value" + index.ToString(CultureInfo.InvariantCulture);
            if (IsNullableProperty(property))
            {
                return local;
            }

            // Required and not nullable: present (checked above) unless write-only; value types are already in their own type.
            return TypeSyntax.IsValueType(property.Type) ? local : local + types.Bang;
        }

        private static void EmitWrite(SourceWriter writer, TypeSyntax types, ObjectModel model, List<PropertyModel> all)
        {
            var type = types.Generated(model.Name);
            var schema = Literal(model.SchemaName);
            writer.Line("/// <inheritdoc/>");
            using (writer.Open("public override void Write(global::System.Text.Json.Utf8JsonWriter writer, " + type + " value, global::System.Text.Json.JsonSerializerOptions options)"))
            {
                if (model.Discriminator != null)
                {
                    var index = 0;
                    foreach (var typeName in model.Discriminator.Mappings.Select(m => m.TypeName).Distinct())
                    {
                        var local = "derived" + index.ToString(CultureInfo.InvariantCulture);
                        using (writer.Open("if (value is " + types.Generated(typeName) + " " + local + ")"))
                        {
                            writer.Line(types.ConverterType(typeName) + ".Instance.Write(writer, " + local + ", options);");
                            writer.Line("return;");
                        }

                        writer.Line();
                        index++;
                    }
                }

                writer.Line("writer.WriteStartObject();");
                for (var i = 0; i < all.Count; i++)
                {
                    var property = all[i];
                    var index = i.ToString(CultureInfo.InvariantCulture);
                    var member = "value." + property.Name;
                    var name = "Encoded" + index;
                    var converter = types.Converter(property.Type.WithNullable(false));
                    var valueType = TypeSyntax.IsValueType(property.Type);
                    var arguments = "(writer, " + name + ", " + member + ", " + converter;
                    string call;
                    if (!IsNullableProperty(property))
                    {
                        // Required and not nullable: a reference left null is an error, unless the server sets it (read-only).
                        call = valueType ? ".WriteRequired" + arguments + ")"
                            : property.ReadOnly ? ".WriteOptionalReference" + arguments + ")"
                            : ".WriteRequiredReference" + arguments + ", " + schema + ", " + Literal(property.JsonName) + ")";
                    }
                    else if (property.Required && property.Type.Nullable)
                    {
                        // Required and nullable: null is written as JSON null.
                        call = (valueType ? ".WriteNullableValue" : ".WriteNullableReference") + arguments + ")";
                    }
                    else
                    {
                        // Optional: null is left out.
                        call = (valueType ? ".WriteOptionalValue" : ".WriteOptionalReference") + arguments + ")";
                    }

                    writer.Line(TypeSyntax.Json + call + ";");
                }

                if (model.AdditionalProperties != null)
                {
                    var additional = model.AdditionalProperties;
                    using (writer.Open("if (value.AdditionalProperties != null)"))
                    {
                        using (writer.Open("foreach (var pair in value.AdditionalProperties)"))
                        {
                            writer.Line("writer.WritePropertyName(pair.Key);");
                            var converter = types.Converter(additional.WithNullable(false));
                            if (additional.Nullable)
                            {
                                using (writer.Open("if (pair.Value is null)"))
                                {
                                    writer.Line("writer.WriteNullValue();");
                                }

                                using (writer.Open("else"))
                                {
                                    writer.Line(converter + ".Write(writer, pair.Value" + (TypeSyntax.IsValueType(additional) ? ".Value" : string.Empty) + ", options);");
                                }
                            }
                            else
                            {
                                writer.Line(converter + ".Write(writer, pair.Value, options);");
                            }
                        }
                    }
                }

                writer.Line("writer.WriteEndObject();");
            }
        }

        private static string Literal(string text) => Literals.String(text);

        /// <summary>Whether JSON encoding leaves a name's bytes as they are (ASCII letters, digits and _ - . $).</summary>
        private static bool IsPlainName(string name)
        {
            foreach (var c in name)
            {
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.' || c == '$'))
                {
                    return false;
                }
            }

            return true;
        }

        private static string Utf8Bytes(string text) => Literals.Utf8Bytes(text);
    }
}
