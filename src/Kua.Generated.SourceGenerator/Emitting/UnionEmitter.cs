using System.Linq;
using Kua.Generated.SourceGenerator.Model;

namespace Kua.Generated.SourceGenerator.Emitting
{
    /// <summary>
    /// oneOf/anyOf without a class hierarchy: a class over the raw JSON with a typed accessor per
    /// variant. Nothing is read as a variant until the caller asks, so no type silently "wins".
    /// </summary>
    internal static class UnionEmitter
    {
        public static void EmitClass(SourceWriter writer, TypeSyntax types, UnionModel model)
        {
            var name = model.Name;
            var keyword = model.IsOneOf ? "exactly one of" : "one or more of";
            writer.Doc("summary", model.Summary ?? "The <" + model.SchemaName + "> schema.");
            writer.Doc("remarks", "The JSON value matches " + keyword + ": " + string.Join(", ", model.Variants.Select(v => v.Name)) + ". Read it with the TryGet methods; the raw JSON is in Json.");
            writer.Line(FileHeader.GeneratedCodeAttribute);
            writer.Line(FileHeader.ConverterAttribute(types));
            if (model.Deprecated)
            {
                writer.Line("[global::System.Obsolete(\"The schema '" + model.SchemaName + "' is deprecated.\")]");
            }

            var nullableString = types.Annotate ? "string?" : "string";
            using (writer.Open("public sealed partial class " + name))
            {
                using (writer.Open("private " + name + "(global::System.Text.Json.JsonElement json)"))
                {
                    writer.Line("Json = json;");
                    if (model.DiscriminatorProperty != null)
                    {
                        writer.Line("Kind = " + TypeSyntax.Json + ".DiscriminatorOf(json, " + Literals.String(model.DiscriminatorProperty) + ");");
                    }
                }

                writer.Line();
                writer.Doc("summary", "The JSON value as received or as created.");
                writer.Line("public global::System.Text.Json.JsonElement Json { get; }");
                if (model.DiscriminatorProperty != null)
                {
                    writer.Line();
                    writer.DocRaw("summary", "The value of the discriminator property <c>" + SourceWriter.Escape(model.DiscriminatorProperty) + "</c>, when the JSON is an object that has it.");
                    writer.Line("public " + nullableString + " Kind { get; }");
                }

                writer.Line();
                writer.Doc("summary", "Wraps a JSON value (it is copied).");
                writer.Doc("param", "The JSON value.", "name=\"json\"");
                writer.Doc("returns", "The wrapper.");
                writer.Line("public static " + name + " FromJson(global::System.Text.Json.JsonElement json) => new " + name + "(json.Clone());");

                foreach (var variant in model.Variants)
                {
                    var variantType = types.Declared(variant.Type, false);
                    var converter = types.Converter(variant.Type.WithNullable(false));
                    writer.Line();
                    writer.Doc("summary", "Creates the value from a " + variant.Name + ".");
                    writer.Doc("param", "The value.", "name=\"value\"");
                    writer.Doc("returns", "The wrapper.");
                    writer.Line("public static " + name + " From" + variant.Name + "(" + variantType + " value) => new " + name + "(" + TypeSyntax.Json + ".ToElement(value, " + converter + "));");
                    writer.Line();
                    writer.Doc("summary", "Reads the value as a " + variant.Name + (variant.DiscriminatorValues.IsEmpty ? string.Empty : " (only when the discriminator says so)") + ".");
                    writer.Doc("param", "The value, when it reads as one.", "name=\"value\"");
                    writer.Doc("returns", "Whether the JSON reads as a " + variant.Name + ".");
                    var outType = types.Declared(variant.Type, !TypeSyntax.IsValueType(variant.Type));
                    using (writer.Open("public bool TryGet" + variant.Name + "(out " + outType + " value)"))
                    {
                        if (!variant.DiscriminatorValues.IsEmpty)
                        {
                            var condition = string.Join(" && ", variant.DiscriminatorValues.Select(v => "Kind != " + Literals.String(v)));
                            using (writer.Open("if (" + condition + ")"))
                            {
                                writer.Line("value = default;");
                                writer.Line("return false;");
                            }

                            writer.Line();
                        }

                        writer.Line("return " + TypeSyntax.Json + ".TryFromElement(Json, " + converter + ", out value);");
                    }
                }


                writer.Line();
                writer.Doc("summary", "Calls the function of the first variant the value reads as (in the order the spec lists them), or <paramref name=\"onUnknown\"/> with the raw JSON when it reads as none.");
                writer.DocRaw("typeparam", "What the functions return.", "name=\"TResult\"");
                foreach (var variant in model.Variants)
                {
                    writer.Doc("param", "Called with the value when it reads as a " + variant.Name + ".", "name=\"on" + variant.Name + "\"");
                }

                writer.Doc("param", "Called with the raw JSON otherwise.", "name=\"onUnknown\"");
                writer.Doc("returns", "What the function called returns.");
                var parameters = model.Variants.Select(v => "global::System.Func<" + types.Declared(v.Type, false) + ", TResult> on" + v.Name)
                    .Concat(new[] { "global::System.Func<global::System.Text.Json.JsonElement, TResult> onUnknown" });
                using (writer.Open("public TResult Match<TResult>(" + string.Join(", ", parameters) + ")"))
                {
                    var index = 0;
                    foreach (var variant in model.Variants)
                    {
                        var local = "value" + index++.ToString(System.Globalization.CultureInfo.InvariantCulture) + "_";
                        using (writer.Open("if (TryGet" + variant.Name + "(out var " + local + "))"))
                        {
                            writer.Line("return on" + variant.Name + "(" + local + (TypeSyntax.IsValueType(variant.Type) ? string.Empty : types.Bang) + ");");
                        }

                        writer.Line();
                    }

                    writer.Line("return onUnknown(Json);");
                }
            }
        }

        /// <summary>The wrapper's converter in the JSON context: the raw JSON value in, the raw JSON value out.</summary>
        public static void EmitContextMembers(SourceWriter writer, TypeSyntax context, UnionModel model)
        {
            var type = context.Generated(model.Name);
            var converter = "KuaUnionConverter<" + type + ">";
            writer.Line("private static " + converter + " s_" + model.Name + ";");
            writer.Line();
            writer.Line("internal static " + converter + " " + model.Name + "Json => s_" + model.Name + " ?? (s_" + model.Name + " = new " + converter + "(" + context.Qualified(model.Name) + ".FromJson, u => u.Json));");
        }
    }
}
