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
        public static void Emit(SourceWriter writer, TypeSyntax types, EnumModel model)
        {
            using (writer.Open("namespace " + types.Namespace))
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

            writer.Line();
            using (writer.Open("namespace " + types.SerializationNamespace))
            {
                EmitConverter(writer, types, model);
            }
        }

        private static void Attributes(SourceWriter writer, TypeSyntax types, EnumModel model)
        {
            writer.Line(FileHeader.GeneratedCodeAttribute);
            writer.Line("[global::System.Text.Json.Serialization.JsonConverter(typeof(" + types.ConverterType(model.Name) + "))]");
            if (model.Deprecated)
            {
                writer.Line("[global::System.Obsolete(\"The schema '" + model.SchemaName + "' is deprecated.\")]");
            }
        }

        private static void EmitStruct(SourceWriter writer, TypeSyntax types, EnumModel model)
        {
            var name = model.Name;
            var nullableString = types.Options.NullableAnnotations ? "string?" : "string";
            writer.Doc("summary", model.Summary ?? "The <" + model.SchemaName + "> values.");
            writer.DocRaw("remarks", "A value the server sends that this client does not list yet is kept as it is: compare with the static members, or read <see cref=\"ToString\"/>.");
            Attributes(writer, types, model);
            using (writer.Open("public readonly partial struct " + name + " : global::System.IEquatable<" + name + ">"))
            {
                writer.Line("private readonly " + nullableString + " _value;");
                writer.Line();
                writer.Doc("summary", "Creates a value, including one this client does not list.");
                writer.Doc("param", "The value as the API writes it.", "name=\"value\"");
                using (writer.Open("public " + name + "(string value)"))
                {
                    writer.Line("_value = value ?? throw new global::System.ArgumentNullException(nameof(value));");
                }

                foreach (var member in model.Members)
                {
                    writer.Line();
                    writer.DocRaw("summary", "<c>" + SourceWriter.Escape(member.Value) + "</c>");
                    writer.Line("public static " + name + " " + member.Name + " { get; } = new " + name + "(" + Literals.String(member.Value) + ");");
                }

                writer.Line();
                writer.Doc("summary", "Compares two values by their text (ordinal).");
                writer.Doc("param", "The left value.", "name=\"left\"");
                writer.Doc("param", "The right value.", "name=\"right\"");
                writer.Doc("returns", "Whether they are equal.");
                writer.Line("public static bool operator ==(" + name + " left, " + name + " right) => left.Equals(right);");
                writer.Line();
                writer.Doc("summary", "Compares two values by their text (ordinal).");
                writer.Doc("param", "The left value.", "name=\"left\"");
                writer.Doc("param", "The right value.", "name=\"right\"");
                writer.Doc("returns", "Whether they differ.");
                writer.Line("public static bool operator !=(" + name + " left, " + name + " right) => !left.Equals(right);");
                writer.Line();
                writer.Doc("summary", "Converts text to a value.");
                writer.Doc("param", "The value as the API writes it.", "name=\"value\"");
                writer.Line("public static implicit operator " + name + "(string value) => new " + name + "(value);");
                writer.Line();
                writer.Doc("summary", "Whether two values have the same text.");
                writer.Doc("param", "The other value.", "name=\"other\"");
                writer.Doc("returns", "Whether they are equal.");
                writer.Line("public bool Equals(" + name + " other) => string.Equals(_value, other._value, global::System.StringComparison.Ordinal);");
                writer.Line();
                writer.Line("/// <inheritdoc/>");
                writer.Line("public override bool Equals(" + (types.Options.NullableAnnotations ? "object?" : "object") + " obj) => obj is " + name + " other && Equals(other);");
                writer.Line();
                writer.Line("/// <inheritdoc/>");
                writer.Line("public override int GetHashCode() => _value is null ? 0 : global::System.StringComparer.Ordinal.GetHashCode(_value);");
                writer.Line();
                writer.Doc("summary", "The value as the API writes it.");
                writer.Doc("returns", "The text.");
                writer.Line("public override string ToString() => _value ?? string.Empty;");
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

        /// <summary>Enums with more members than this read through a string: the matching code would outweigh the gain.</summary>
        private const int MaxMatchedMembers = 12;

        /// <summary>
        /// Known values are matched on the raw UTF-8 bytes (by length, then content) and returned as the cached
        /// static instances, so reading a known value allocates no string.
        /// </summary>
        private static bool MatchesKnownValues(EnumModel model) => model.IsString && model.Members.Count > 0 && model.Members.Count <= MaxMatchedMembers;

        private static void EmitKnownValues(SourceWriter writer, string type, EnumModel model)
        {
            if (!MatchesKnownValues(model))
            {
                return;
            }

            using (writer.Open("if (!reader.ValueIsEscaped && !reader.HasValueSequence)"))
            {
                writer.Line("var text = reader.ValueSpan;");
                using (writer.Open("switch (text.Length)"))
                {
                    var indexed = model.Members.Select((member, index) => (Member: member, Index: index));
                    foreach (var group in indexed.GroupBy(m => System.Text.Encoding.UTF8.GetByteCount(m.Member.Value)).OrderBy(g => g.Key))
                    {
                        writer.Line("case " + group.Key.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":");
                        writer.Indent();
                        foreach (var (member, index) in group)
                        {
                            writer.Line("if (global::System.MemoryExtensions.SequenceEqual(text, Known" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")) return " + type + "." + member.Name + ";");
                        }

                        writer.Line("break;");
                        writer.Outdent();
                    }
                }
            }

            writer.Line();
        }

        private static void EmitConverter(SourceWriter writer, TypeSyntax types, EnumModel model)
        {
            var type = types.Generated(model.Name);
            writer.Doc("summary", "Reads and writes " + model.Name + " as JSON, without reflection; unknown values never throw.");
            writer.Line(FileHeader.GeneratedCodeAttribute);
            using (writer.Open("public sealed class " + model.Name + "JsonConverter : " + TypeSyntax.StjConverter + "<" + type + ">"))
            {
                writer.Doc("summary", "The shared instance.");
                writer.Line("public static " + model.Name + "JsonConverter Instance { get; } = new " + model.Name + "JsonConverter();");
                writer.Line();
                if (MatchesKnownValues(model))
                {
                    for (var i = 0; i < model.Members.Count; i++)
                    {
                        writer.Line("private static global::System.ReadOnlySpan<byte> Known" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + " => new byte[] { " + Literals.Utf8Bytes(model.Members[i].Value) + " };");
                    }

                    writer.Line();
                }

                writer.Line("/// <inheritdoc/>");
                using (writer.Open("public override " + type + " Read(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Type typeToConvert, global::System.Text.Json.JsonSerializerOptions options)"))
                {
                    if (model.IsString)
                    {
                        writer.Line(TypeSyntax.Json + ".Expect(ref reader, global::System.Text.Json.JsonTokenType.String, \"a string\");");
                        EmitKnownValues(writer, type, model);
                        writer.Line("return new " + type + "(reader.GetString()" + types.Bang + ");");
                    }
                    else
                    {
                        writer.Line("return (" + type + ")" + TypeSyntax.Converters + ".Int64.Read(ref reader, typeof(long), options);");
                    }
                }

                writer.Line();
                writer.Line("/// <inheritdoc/>");
                using (writer.Open("public override void Write(global::System.Text.Json.Utf8JsonWriter writer, " + type + " value, global::System.Text.Json.JsonSerializerOptions options)"))
                {
                    writer.Line(model.IsString ? "writer.WriteStringValue(value.ToString());" : "writer.WriteNumberValue((long)value);");
                }
            }
        }
    }
}
