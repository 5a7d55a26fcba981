using System.Collections.Generic;
using System.Linq;
using Kua.Generated.SourceGenerator.Model;

namespace Kua.Generated.SourceGenerator.Emitting
{
    /// <summary>
    /// The spec's JSON context class (<c>{Namespace}.Serialization.{Client}Json</c>) as far as no single type owns it:
    /// the converters of lists, maps and nullable values used anywhere in the spec, the lookup from a type to its
    /// converter, and the converter factory that generated types name in their <c>[JsonConverter]</c> attribute.
    /// Each type's own converter is written beside the type (<see cref="ObjectEmitter.EmitContextMembers"/>…).
    /// </summary>
    internal static class JsonContextEmitter
    {
        public static void Emit(SourceWriter writer, TypeSyntax types, EquatableArray<string> typeNames, EquatableArray<TypeRef> composites)
        {
            var context = types.WithoutAnnotations();
            using (writer.Open("namespace " + types.SerializationNamespace))
            {
                WriteNullableDisabled(writer, types);
                writer.Doc("summary", "The converters of the " + types.ClientName + " types, for reading and writing them as JSON without reflection.");
                writer.Line(FileHeader.GeneratedCodeAttribute);
                using (writer.Open("internal sealed partial class " + types.ContextName + " : " + TypeSyntax.JsonRuntime + ".KuaJsonContext"))
                {
                    writer.Line("private " + types.ContextName + "()");
                    writer.Line("{");
                    writer.Line("}");
                    foreach (var composite in composites)
                    {
                        writer.Line();
                        EmitComposite(writer, context, composite);
                    }

                    writer.Line();
                    writer.Doc("summary", "The converter of a type of this spec, or null.");
                    writer.Doc("param", "The type.", "name=\"type\"");
                    writer.Doc("returns", "The converter.");
                    using (writer.Open("internal static " + TypeSyntax.StjConverter + " ConverterFor(global::System.Type type)"))
                    {
                        foreach (var name in typeNames)
                        {
                            writer.Line("if (type == typeof(" + types.Generated(name) + ")) return " + name + "Json;");
                        }

                        writer.Line("return null;");
                    }
                }

                writer.Line();
                writer.Doc("summary", "Gives System.Text.Json the converter of each " + types.ClientName + " type (named by the types' JsonConverter attributes).");
                writer.Line(FileHeader.GeneratedCodeAttribute);
                using (writer.Open("internal sealed class " + types.ContextName + "ConverterFactory : global::System.Text.Json.Serialization.JsonConverterFactory"))
                {
                    writer.Line("/// <inheritdoc/>");
                    writer.Line("public override bool CanConvert(global::System.Type typeToConvert) => " + types.ContextName + ".ConverterFor(typeToConvert) != null;");
                    writer.Line();
                    writer.Line("/// <inheritdoc/>");
                    writer.Line("public override " + TypeSyntax.StjConverter + " CreateConverter(global::System.Type typeToConvert, global::System.Text.Json.JsonSerializerOptions options) => " + types.ContextName + ".ConverterFor(typeToConvert);");
                }

                WriteNullableRestored(writer, types);
            }
        }

        /// <summary>The context's code is written with nullable annotations off: the converters decide null, not the compiler.</summary>
        public static void WriteNullableDisabled(SourceWriter writer, TypeSyntax types)
        {
            if (types.Options.NullableAnnotations)
            {
                writer.Line("#nullable disable");
            }
        }

        public static void WriteNullableRestored(SourceWriter writer, TypeSyntax types)
        {
            if (types.Options.NullableAnnotations)
            {
                writer.Line("#nullable enable");
            }
        }

        private static void EmitComposite(SourceWriter writer, TypeSyntax context, TypeRef type)
        {
            var key = TypeSyntax.MemberKey(type);
            string declared;
            string creation;
            if (type.Nullable)
            {
                var inner = type.WithNullable(false);
                declared = TypeSyntax.StjConverter + "<" + context.Declared(inner, true) + ">";
                creation = TypeSyntax.Converters + (TypeSyntax.IsValueType(inner) ? ".Nullable(" : ".OrNull(") + context.ConverterInContext(inner) + ")";
            }
            else if (type.Kind == TypeKind.List)
            {
                declared = TypeSyntax.JsonRuntime + ".KuaListConverter<" + context.Declared(type.Element!, type.Element!.Nullable) + ">";
                creation = TypeSyntax.Converters + ".ListOf(" + context.ConverterInContext(type.Element!) + ")";
            }
            else
            {
                declared = TypeSyntax.JsonRuntime + ".KuaMapConverter<" + context.Declared(type.Element!, type.Element!.Nullable) + ">";
                creation = TypeSyntax.Converters + ".MapOf(" + context.ConverterInContext(type.Element!) + ")";
            }

            writer.Line("private static " + declared + " s_" + key + ";");
            writer.Line();
            writer.Line("internal static " + declared + " " + key + " => s_" + key + " ?? (s_" + key + " = " + creation + ");");
        }

        /// <summary>
        /// Every list, map and nullable type the spec's code may ask a converter for, each once, in a stable order
        /// (elements before the types that hold them). Collecting more than is used costs a few unused members;
        /// collecting less would not compile, so every type reference of the model is visited.
        /// </summary>
        public static EquatableArray<TypeRef> Composites(SpecModel model)
        {
            var found = new Dictionary<string, TypeRef>();
            var order = new List<string>();

            void Visit(TypeRef? type)
            {
                if (type is null)
                {
                    return;
                }

                if (type.Kind == TypeKind.Binary)
                {
                    // Binary data is a string in JSON.
                    type = new TypeRef(TypeKind.String, Nullable: type.Nullable);
                }

                if (type.Element != null)
                {
                    Visit(type.Element);
                }

                if (TypeSyntax.HasMember(type) && (type.Nullable || type.Kind == TypeKind.List || type.Kind == TypeKind.Map))
                {
                    if (type.Nullable)
                    {
                        Visit(type.WithNullable(false));
                    }

                    var key = TypeSyntax.MemberKey(type);
                    if (!found.ContainsKey(key))
                    {
                        found.Add(key, type);
                        order.Add(key);
                    }
                }
            }

            foreach (var type in model.Types)
            {
                switch (type)
                {
                    case ObjectModel obj:
                        foreach (var property in obj.Properties.Concat(obj.InheritedProperties))
                        {
                            Visit(property.Type);
                        }

                        Visit(obj.AdditionalProperties);
                        break;
                    case UnionModel union:
                        foreach (var variant in union.Variants)
                        {
                            Visit(variant.Type);
                        }

                        break;
                }
            }

            foreach (var operation in AllOperations(model.Client))
            {
                foreach (var parameter in operation.Parameters)
                {
                    Visit(parameter.Type);
                    foreach (var field in parameter.ObjectFields)
                    {
                        Visit(field.Type);
                    }
                }

                if (operation.Body != null)
                {
                    Visit(operation.Body.Type);
                    foreach (var field in operation.Body.Fields)
                    {
                        Visit(field.Type);
                    }
                }

                if (operation.Result.VariantsClass is null)
                {
                    Visit(operation.Result.Type);
                }

                foreach (var variant in operation.Result.Variants)
                {
                    Visit(variant.Type);
                }

                foreach (var error in operation.Errors)
                {
                    Visit(error.Type);
                }
            }

            return order.Select(k => found[k]).ToEquatableArray();
        }

        private static IEnumerable<OperationModel> AllOperations(ClientModel? client) =>
            client is null ? Enumerable.Empty<OperationModel>() : client.Operations.Concat(client.Groups.SelectMany(g => g.Operations));
    }
}
