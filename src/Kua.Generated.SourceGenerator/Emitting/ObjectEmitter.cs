using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Kua.Generated.SourceGenerator.Model;

namespace Kua.Generated.SourceGenerator.Emitting
{
    /// <summary>
    /// A DTO class, and its part of the JSON context: a converter built from the member table, a function that
    /// creates the object, one that reads a member by index and one that writes every member. The matching of names,
    /// null rules, required members and error paths live in the runtime's <c>KuaObjectConverter</c>.
    /// </summary>
    internal static class ObjectEmitter
    {
        private const string ObjectConverter = "KuaObjectConverter";

        /// <summary>Whether the C# property may hold null: optional members and members the spec lets be null.</summary>
        public static bool IsNullableProperty(PropertyModel property) => !property.Required || property.Type.Nullable;

        /// <summary>Whether the property gets C# 11's 'required' modifier (when the target supports it).</summary>
        private static bool UsesRequiredKeyword(TypeSyntax types, PropertyModel property, string? discriminatorProperty) =>
            types.Options.RequiredMembers && property.Required && !property.ReadOnly && property.JsonName != discriminatorProperty;

        public static void EmitClass(SourceWriter writer, TypeSyntax types, ObjectModel model)
        {
            writer.Doc("summary", model.Summary ?? "The <" + model.SchemaName + "> schema.");
            writer.Line(FileHeader.GeneratedCodeAttribute);
            writer.Line(FileHeader.ConverterAttribute(types));
            if (model.Deprecated)
            {
                writer.Line("[global::System.Obsolete(\"The schema '" + model.SchemaName + "' is deprecated.\")]");
            }

            var baseClause = model.BaseName is null ? string.Empty : " : " + types.Generated(model.BaseName);
            using (writer.Open("public partial class " + model.Name + baseClause))
            {
                var discriminatorProperty = model.DiscriminatorProperty;
                var discriminatorMember = model.DiscriminatorValue is null ? null : model.InheritedProperties.Concat(model.Properties).FirstOrDefault(p => p.JsonName == discriminatorProperty);
                var first = true;
                if (discriminatorMember != null && IsSettableDiscriminator(discriminatorMember))
                {
                    writer.Doc("summary", "Creates an instance with " + discriminatorMember.Name + " set to \"" + model.DiscriminatorValue + "\".");
                    using (writer.Open("public " + model.Name + "()"))
                    {
                        writer.Line(discriminatorMember.Name + " = " + DiscriminatorValueExpression(types, discriminatorMember, model.DiscriminatorValue!) + ";");
                    }

                    first = false;
                }

                foreach (var property in model.Properties)
                {
                    if (!first)
                    {
                        writer.Line();
                    }

                    first = false;
                    EmitProperty(writer, types, property, discriminatorProperty);
                }

                if (model.AdditionalProperties != null && !model.InheritsAdditionalProperties)
                {
                    if (!first)
                    {
                        writer.Line();
                    }

                    writer.Doc("summary", "Properties of the JSON object that the schema does not name.");
                    writer.Line("public global::System.Collections.Generic.Dictionary<string, " + types.Declared(model.AdditionalProperties, model.AdditionalProperties.Nullable) + ">" + (types.Annotate ? "?" : string.Empty) + " AdditionalProperties { get; set; }");
                }
            }
        }

        private static void EmitProperty(SourceWriter writer, TypeSyntax types, PropertyModel property, string? discriminatorProperty)
        {
            writer.Doc("summary", property.Summary ?? "The <" + property.JsonName + "> property.");

            // What the declaration does not show already: a JSON name other than the member's, and the spec's read/write rules.
            var facts = new List<string>();
            if (!string.Equals(property.JsonName, property.Name, System.StringComparison.OrdinalIgnoreCase))
            {
                facts.Add("JSON name: <c>" + SourceWriter.Escape(property.JsonName) + "</c>");
            }

            if (property.ReadOnly)
            {
                facts.Add("set by the server (read-only)");
            }

            if (property.WriteOnly)
            {
                facts.Add("sent to the server only (write-only)");
            }

            // C# forbids [Obsolete] on a required member of a type that is not obsolete itself (CS9042): the documentation says it instead.
            var required = UsesRequiredKeyword(types, property, discriminatorProperty);
            if (property.Deprecated && required)
            {
                facts.Add("deprecated by the API");
            }

            if (facts.Count > 0)
            {
                writer.DocRaw("remarks", string.Join("; ", facts) + ".");
            }

            if (property.Deprecated && !required)
            {
                writer.Line("[global::System.Obsolete(\"The property '" + property.JsonName + "' is deprecated.\")]");
            }

            var nullable = IsNullableProperty(property);
            var declaration = "public " + (required ? "required " : string.Empty) + types.Declared(property.Type, nullable) + " " + property.Name + " { get; set; }";
            if (property.DefaultValue != null && !property.Required)
            {
                declaration += " = " + property.DefaultValue + ";";
            }
            else if (!nullable && !required && !TypeSyntax.IsValueType(property.Type) && types.Annotate)
            {
                declaration += " = default!;";
            }

            writer.Line(declaration);
        }

        private static bool IsSettableDiscriminator(PropertyModel property) =>
            property.Type.Kind == TypeKind.String || property.Type.Kind == TypeKind.StringEnum;

        private static string DiscriminatorValueExpression(TypeSyntax types, PropertyModel property, string value) =>
            property.Type.Kind == TypeKind.StringEnum
                ? "new " + types.Name(property.Type) + "(" + Literals.String(value) + ")"
                : Literals.String(value);

        /// <summary>The type's members of the JSON context (written with nullable annotations off).</summary>
        public static void EmitContextMembers(SourceWriter writer, TypeSyntax context, ObjectModel model)
        {
            var type = context.Generated(model.Name);
            var name = model.Name;
            var all = model.InheritedProperties.Concat(model.Properties).ToList();
            var converter = ObjectConverter + "<" + type + ">";
            writer.Line("private static " + converter + " s_" + name + ";");
            writer.Line();

            var flags = string.Concat(all.Select(Flags));
            var names = all.Count == 0 ? string.Empty : ", " + string.Join(", ", all.Select(p => Literals.String(p.JsonName)));
            var creation = "new " + converter + "(" + Literals.String(model.SchemaName) + ", new Codec_" + name + "(), \"" + flags + "\"" + names + ")";
            if (model.AdditionalProperties != null)
            {
                creation += ExtraMembers(context, model.AdditionalProperties);
            }

            var subtypes = model.Discriminator?.Mappings.Where(m => m.TypeName != model.Name).ToList();
            if (model.Discriminator != null && subtypes!.Count > 0)
            {
                creation += ".WithSubtypes(" + Literals.String(model.Discriminator.PropertyName) + ", " +
                            string.Join(", ", subtypes.Select(m => "new KuaSubtype(" + Literals.String(m.Value) + ", " + m.TypeName + "Json)")) + ")";
            }

            writer.Line("internal static " + converter + " " + name + "Json => s_" + name + " ?? (s_" + name + " = " + creation + ");");
            writer.Line();

            // One small class per type, not three method groups: each method group the compiler converts to a delegate costs
            // it a delegate and a cache, in every build (about 10 % of a spec of many small types).
            using (writer.Open("private sealed class Codec_" + name + " : KuaObjectCodec<" + type + ">"))
            {
                var initializers = all.Where(p => UsesRequiredKeyword(context, p, model.DiscriminatorProperty)).Select(p => p.Name + " = default").ToList();
                writer.Line("public override " + type + " Create() => new " + type + (initializers.Count == 0 ? "()" : " { " + string.Join(", ", initializers) + " }") + ";");
                writer.Line();

                using (writer.Open("public override void Read(ref Utf8JsonReader r, " + type + " o, int i)"))
                {
                    if (all.Count > 0)
                    {
                        using (writer.Open("switch (i)"))
                        {
                            for (var i = 0; i < all.Count; i++)
                            {
                                writer.Line("case " + i.ToString(CultureInfo.InvariantCulture) + ": o." + all[i].Name + " = " + ReadExpression(context, all[i]) + "; break;");
                            }
                        }
                    }
                }

                writer.Line();
                using (writer.Open("public override void Write(KuaObjectWriter w, " + type + " o)"))
                {
                    for (var i = 0; i < all.Count; i++)
                    {
                        writer.Line(WriteStatement(context, all[i], i.ToString(CultureInfo.InvariantCulture)));
                    }
                }
            }
        }

        /// <summary>One hexadecimal digit of the runtime's KuaMemberFlags: required 1, nullable 2, readOnly 4, writeOnly 8.</summary>
        private static string Flags(PropertyModel property)
        {
            var flags = (property.Required || property.RequiredBySubtype ? 1 : 0) | (property.Type.Nullable ? 2 : 0) | (property.ReadOnly ? 4 : 0) | (property.WriteOnly ? 8 : 0);
            return flags.ToString("x", CultureInfo.InvariantCulture);
        }

        private static string ExtraMembers(TypeSyntax context, TypeRef values)
        {
            // A value type that may be null is held as T? and needs a converter of T?; a reference type's converter is the plain one.
            var converter = values.Nullable && TypeSyntax.IsValueType(values)
                ? context.ConverterInContext(values)
                : context.ConverterInContext(values.WithNullable(false));
            return ".WithExtraMembers(o => o.AdditionalProperties, (o, v) => o.AdditionalProperties = v, " + converter + ", " + (values.Nullable ? "true" : "false") + ")";
        }

        /// <summary>The expression that reads a member's value (the reader is on it; JSON null only arrives when the member allows it).</summary>
        public static string ReadExpression(TypeSyntax context, PropertyModel property)
        {
            var type = property.Type;
            switch (type.Kind)
            {
                case TypeKind.Object:
                case TypeKind.Union:
                case TypeKind.List:
                case TypeKind.Map:
                    return TypeSyntax.MemberKey(type.WithNullable(false)) + ".ReadValue(ref r)";
                case TypeKind.StringEnum:
                case TypeKind.IntegerEnum:
                    return TypeSyntax.MemberKey(type.WithNullable(false)) + (type.Nullable ? ".ReadNullable(ref r)" : ".ReadValue(ref r)");
                case TypeKind.String:
                case TypeKind.Binary:
                case TypeKind.Uri:
                case TypeKind.Bytes:
                    return "Read" + context.Format(type.Kind) + "(ref r)";
                default:
                    return "Read" + (type.Nullable ? "Nullable" : string.Empty) + context.Format(type.Kind) + "(ref r)";
            }
        }

        /// <summary>The statement that writes a member (the runtime applies the null rules by the member's flags).</summary>
        private static string WriteStatement(TypeSyntax context, PropertyModel property, string index)
        {
            var type = property.Type;
            var value = "o." + property.Name;
            switch (type.Kind)
            {
                case TypeKind.Object:
                case TypeKind.Union:
                case TypeKind.List:
                case TypeKind.Map:
                    return "w.Object(" + index + ", " + value + ", " + TypeSyntax.MemberKey(type.WithNullable(false)) + ");";
                case TypeKind.StringEnum:
                case TypeKind.IntegerEnum:
                    return (IsNullableProperty(property) ? "w.Nullable(" : "w.Value(") + index + ", " + value + ", " + TypeSyntax.MemberKey(type.WithNullable(false)) + ");";
                default:
                    return "w." + WriterMethod(context, type.Kind) + "(" + index + ", " + value + ");";
            }
        }

        private static string WriterMethod(TypeSyntax context, TypeKind kind)
        {
            switch (kind)
            {
                case TypeKind.Date:
                    return "Date";
                case TypeKind.Time:
                    return "Time";
                default:
                    return context.Format(kind);
            }
        }
    }
}
