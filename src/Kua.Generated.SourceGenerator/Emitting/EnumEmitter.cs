using System.Linq;
using Kua.Generated.SourceGenerator.Model;

namespace Kua.Generated.SourceGenerator.Emitting
{
    /// <summary>
    /// Enums. String enums are readonly structs over the string (as the Azure SDK does): a value the
    /// server adds later reads fine and round-trips. Integer enums are C# enums, which hold any value.
    /// </summary>
    internal static class EnumEmitter
    {
        public static void EmitType(SourceWriter writer, TypeSyntax types, EnumModel model)
        {
            if (model.IsString)
            {
                EmitStruct(writer, types, model);
            }
            else
            {
                EmitEnum(writer, types, model);
            }
        }

        private static void Attributes(SourceWriter writer, TypeSyntax types, EnumModel model)
        {
            writer.Line(FileHeader.GeneratedCodeAttribute);
            writer.Line(FileHeader.ConverterAttribute(types));
            if (model.Deprecated)
            {
                writer.Line("[global::System.Obsolete(\"The schema '" + model.SchemaName + "' is deprecated.\")]");
            }
        }

        private static void EmitStruct(SourceWriter writer, TypeSyntax types, EnumModel model)
        {
            var name = model.Name;
            var nullableString = types.Annotate ? "string?" : "string";
            writer.Doc("summary", model.Summary ?? "The <" + model.SchemaName + "> values.");
            writer.DocRaw("remarks", "A value the server sends that this client does not list yet is kept as it is: compare with the static members, or read <see cref=\"ToString\"/>.");
            Attributes(writer, types, model);
            var textEnum = "global::Kua.Generated.Runtime.Json.IKuaStringEnum<" + name + ">";
            using (writer.Open("public readonly partial struct " + name + " : global::System.IEquatable<" + name + ">, " + textEnum))
            {
                writer.Line("private readonly " + nullableString + " _value;");
                writer.Line();
                writer.Line("/// <summary>A value from its text (as the API writes it), listed or not.</summary>");
                using (writer.Open("public " + name + "(string value)"))
                {
                    writer.Line("_value = value ?? throw new global::System.ArgumentNullException(nameof(value));");
                }

                foreach (var member in model.Members)
                {
                    writer.Line();
                    writer.DocRaw("summary", "<c>" + SourceWriter.Escape(member.Value) + "</c>");
                    writer.Line("public static readonly " + name + " " + member.Name + " = new " + name + "(" + Literals.String(member.Value) + ");");
                }

                // One-line documentation: members this common need no more, and every line is compiled in every build.
                writer.Line();
                writer.Line("/// <summary>Whether two values have the same text (ordinal).</summary>");
                writer.Line("public static bool operator ==(" + name + " left, " + name + " right) => left.Equals(right);");
                writer.Line();
                writer.Line("/// <summary>Whether two values have different texts (ordinal).</summary>");
                writer.Line("public static bool operator !=(" + name + " left, " + name + " right) => !left.Equals(right);");
                writer.Line();
                writer.Line("/// <summary>A value from its text, listed or not.</summary>");
                writer.Line("public static implicit operator " + name + "(string value) => new " + name + "(value);");
                writer.Line();
                writer.Line("/// <summary>Whether the other value has the same text (ordinal).</summary>");
                writer.Line("public bool Equals(" + name + " other) => string.Equals(_value, other._value, global::System.StringComparison.Ordinal);");
                writer.Line();
                writer.Line("/// <inheritdoc/>");
                writer.Line("public override bool Equals(" + (types.Annotate ? "object?" : "object") + " obj) => obj is " + name + " other && Equals(other);");
                writer.Line();
                writer.Line("/// <inheritdoc/>");
                writer.Line("public override int GetHashCode() => _value is null ? 0 : global::System.StringComparer.Ordinal.GetHashCode(_value);");
                writer.Line();
                writer.Line("/// <summary>The value as the API writes it.</summary>");
                writer.Line("public override string ToString() => _value ?? string.Empty;");
                writer.Line();
                writer.Line(name + " " + textEnum + ".FromText(string text) => new " + name + "(text);");
            }
        }

        private static void EmitEnum(SourceWriter writer, TypeSyntax types, EnumModel model)
        {
            writer.Doc("summary", model.Summary ?? "The <" + model.SchemaName + "> values.");
            writer.DocRaw("remarks", "A number the server sends that is not listed here still reads: cast it, or compare with the members.");
            Attributes(writer, types, model);
            using (writer.Open("public enum " + model.Name + " : " + (model.IsInt64 ? "long" : "int")))
            {
                foreach (var member in model.Members)
                {
                    writer.DocRaw("summary", "<c>" + SourceWriter.Escape(member.Value) + "</c>");
                    writer.Line(member.Name + " = " + member.Value + (model.IsInt64 ? "L" : string.Empty) + ",");
                }
            }
        }

        /// <summary>The enum's converter in the JSON context (written with nullable annotations off).</summary>
        public static void EmitContextMembers(SourceWriter writer, TypeSyntax context, EnumModel model)
        {
            var type = context.Generated(model.Name);
            var converter = (model.IsString ? "KuaStringEnumConverter<" : "KuaIntegerEnumConverter<") + type + ">";
            var creation = model.IsString
                ? "new " + converter + "(" + string.Join(", ", model.Members.Select(m => Literals.String(m.Value))) + ")"
                : "new " + converter + "()";
            writer.Line("private static " + converter + " s_" + model.Name + ";");
            writer.Line();
            writer.Line("internal static " + converter + " " + model.Name + "Json => s_" + model.Name + " ?? (s_" + model.Name + " = " + creation + ");");
        }
    }
}
