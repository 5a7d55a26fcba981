using System.Linq;
using Kua.Generated.SourceGenerator.Model;

namespace Kua.Generated.SourceGenerator.Emitting
{
    /// <summary>
    /// What an operation's reply brings besides its body type: the result class of an operation whose success statuses
    /// declare different schemas (the status, the raw JSON, a typed reader per schema and an exhaustive Match), and the
    /// class of the headers its success replies declare.
    /// </summary>
    internal static class ReplyEmitter
    {
        public static void EmitResultClass(SourceWriter writer, TypeSyntax types, OperationModel operation)
        {
            var result = operation.Result;
            var name = result.VariantsClass!;
            var variants = result.Variants.GroupBy(v => v.Name).ToList();
            writer.Doc("summary", "What " + operation.MethodName + " returns: the reply's status, and its body read as the schema that status declares.");
            writer.Line(FileHeader.GeneratedCodeAttribute);
            using (writer.Open("public sealed partial class " + name))
            {
                using (writer.Open("internal " + name + "(int status, global::System.Text.Json.JsonElement json)"))
                {
                    writer.Line("Status = status;");
                    writer.Line("Json = json;");
                }

                writer.Line();
                writer.Line("/// <summary>The reply's status code: it says which schema the body has.</summary>");
                writer.Line("public int Status { get; }");
                writer.Line();
                writer.Line("/// <summary>The body as received (undefined when the reply had none).</summary>");
                writer.Line("public global::System.Text.Json.JsonElement Json { get; }");
                foreach (var variant in variants)
                {
                    var type = variant.First().Type;
                    var statuses = string.Join(", ", variant.Select(v => v.Status.Text));
                    var condition = string.Join(" || ", variant.Select(v => v.Status.IsExact
                        ? "Status == " + v.Status.Low
                        : "(Status >= " + v.Status.Low + " && Status <= " + v.Status.High + ")"));
                    writer.Line();
                    writer.Doc("summary", "Reads the body as " + variant.Key + ", the schema of status " + statuses + (variant.First().Description is null ? "." : ": " + variant.First().Description));
                    writer.Doc("param", "The body, when the status declares this schema and the body reads as it.", "name=\"value\"");
                    writer.Doc("returns", "Whether it did.");
                    var outType = types.Declared(type, !TypeSyntax.IsValueType(type));
                    using (writer.Open("public bool TryGet" + variant.Key + "(out " + outType + " value)"))
                    {
                        using (writer.Open("if (" + condition + ")"))
                        {
                            writer.Line("return " + TypeSyntax.Json + ".TryFromElement(Json, " + types.Converter(type) + ", out value);");
                        }

                        writer.Line();
                        writer.Line("value = default;");
                        writer.Line("return false;");
                    }
                }

                writer.Line();
                writer.Doc("summary", "Calls the function of the schema the status declares, or <paramref name=\"other\"/> for a status or body the spec does not declare.");
                writer.DocRaw("typeparam", "What the functions return.", "name=\"TResult\"");
                foreach (var variant in variants)
                {
                    writer.Doc("param", "Called with the body when it is " + variant.Key + ".", "name=\"on" + variant.Key + "\"");
                }

                writer.Doc("param", "Called with this result otherwise.", "name=\"other\"");
                writer.Doc("returns", "What the function called returns.");
                var parameters = variants.Select(v => "global::System.Func<" + types.Declared(v.First().Type, false) + ", TResult> on" + v.Key)
                    .Concat(new[] { "global::System.Func<" + name + ", TResult> other" });
                using (writer.Open("public TResult Match<TResult>(" + string.Join(", ", parameters) + ")"))
                {
                    var index = 0;
                    foreach (var variant in variants)
                    {
                        var local = "value" + index++;
                        using (writer.Open("if (TryGet" + variant.Key + "(out var " + local + "))"))
                        {
                            writer.Line("return on" + variant.Key + "(" + local + (TypeSyntax.IsValueType(variant.First().Type) ? string.Empty : types.Bang) + ");");
                        }

                        writer.Line();
                    }

                    writer.Line("return other(this);");
                }
            }
        }

        public static void EmitHeadersClass(SourceWriter writer, TypeSyntax types, OperationModel operation)
        {
            var name = operation.ResponseHeadersClass!;
            writer.Doc("summary", "The headers the replies of " + operation.MethodName + " declare, each read as its type.");
            writer.Line(FileHeader.GeneratedCodeAttribute);
            using (writer.Open("public sealed partial class " + name))
            {
                using (writer.Open("internal " + name + "(global::System.Collections.Generic.IReadOnlyDictionary<string, global::System.Collections.Generic.IReadOnlyList<string>> headers)"))
                {
                    foreach (var header in operation.ResponseHeaders)
                    {
                        writer.Line(header.PropertyName + " = " + TypeSyntax.HttpRuntime + ".KuaHeaders." + Reader(header.Type) + "(headers, " + Literals.String(header.Name) + ");");
                    }
                }

                foreach (var header in operation.ResponseHeaders)
                {
                    writer.Line();
                    writer.Doc("summary", header.Description ?? "The " + header.Name + " header.");
                    writer.DocRaw("remarks", "Header <c>" + SourceWriter.Escape(header.Name) + "</c>; null when the reply has none or it is not of this type.");
                    writer.Line("public " + types.Declared(header.Type, nullable: true) + " " + header.PropertyName + " { get; }");
                }
            }
        }

        private static string Reader(TypeRef type) => type.Kind == TypeKind.List ? "StringList" : type.Kind.ToString();
    }
}
