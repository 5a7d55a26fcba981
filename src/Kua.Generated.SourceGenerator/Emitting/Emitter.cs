using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Kua.Generated.SourceGenerator.Model;

namespace Kua.Generated.SourceGenerator.Emitting
{
    /// <summary>
    /// The emit step: a pure function from model to files. Per spec: the client (<c>{Namespace}.{Client}.g.cs</c>), the
    /// shared part of the JSON context (<c>{Namespace}.{Client}.Json.g.cs</c>), and the types — one file per type
    /// (<c>{Namespace}.{Type}.g.cs</c>) up to <see cref="MaxFilePerType"/> types, above that a fixed number of buckets
    /// chosen by a hash of the type's name, so adding or removing one schema changes one bucket and moves no other type.
    /// </summary>
    internal static class Emitter
    {
        /// <summary>Up to this many types, each type has its own file.</summary>
        public const int MaxFilePerType = 300;

        /// <summary>The number of type files of a larger spec (the compiler's per-file work grows with the file count).</summary>
        public const int Buckets = 64;

        public static IEnumerable<EmitUnit> Plan(SpecModel model, EmitOptions options)
        {
            if (model.Client is null)
            {
                yield break;
            }

            var client = model.Client.Name;
            var prefix = model.Namespace + "." + client;
            if (model.Types.Count <= MaxFilePerType)
            {
                foreach (var type in model.Types)
                {
                    yield return TypesUnit(model, options, model.Namespace + "." + type.Name + ".g.cs", new[] { type });
                }
            }
            else
            {
                foreach (var bucket in model.Types.GroupBy(t => Bucket(t.Name)).OrderBy(g => g.Key))
                {
                    yield return TypesUnit(model, options, prefix + ".Models." + bucket.Key.ToString("00", CultureInfo.InvariantCulture) + ".g.cs", bucket);
                }
            }

            yield return new EmitUnit(model.FilePath, model.Namespace, client, prefix + ".Json.g.cs", options, EmitUnitKind.JsonContext)
            {
                TypeNames = model.Types.Select(t => t.Name).ToEquatableArray(),
                Composites = JsonContextEmitter.Composites(model),
            };

            yield return new EmitUnit(model.FilePath, model.Namespace, client, prefix + ".g.cs", options, EmitUnitKind.Client)
            {
                Client = model.Client,
                SpecTitle = model.Title,
                ApiVersion = model.ApiVersion,
            };
        }

        public static GeneratedFile Emit(EmitUnit unit)
        {
            var writer = new SourceWriter();
            var types = new TypeSyntax(unit.Namespace, unit.ClientName, unit.Options, annotate: true, shortNames: unit.Kind == EmitUnitKind.Types);
            FileHeader.Write(writer, unit.Options);
            switch (unit.Kind)
            {
                case EmitUnitKind.Client:
                    ClientEmitter.Emit(writer, types, unit.Client!, unit.SpecTitle, unit.ApiVersion);
                    return new GeneratedFile(unit.HintName, writer.Finish(), unit.SpecPath, ClientTypes(unit, unit.Client!));
                case EmitUnitKind.JsonContext:
                    JsonContextEmitter.Emit(writer, types, unit.TypeNames, unit.Composites);
                    return new GeneratedFile(unit.HintName, writer.Finish(), unit.SpecPath, new[] { types.SerializationNamespace + "." + types.ContextName, types.SerializationNamespace + "." + types.ContextName + "ConverterFactory" }.ToEquatableArray());
                default:
                    EmitTypes(writer, types, unit.Types);
                    return new GeneratedFile(unit.HintName, writer.Finish(), unit.SpecPath, unit.Types.Select(t => unit.Namespace + "." + t.Name).ToEquatableArray());
            }
        }

        private static void EmitTypes(SourceWriter writer, TypeSyntax types, EquatableArray<TypeModel> models)
        {
            using (writer.Open("namespace " + types.Namespace))
            {
                for (var i = 0; i < models.Count; i++)
                {
                    if (i > 0)
                    {
                        writer.Line();
                    }

                    switch (models[i])
                    {
                        case ObjectModel obj:
                            ObjectEmitter.EmitClass(writer, types, obj);
                            break;
                        case EnumModel enumeration:
                            EnumEmitter.EmitType(writer, types, enumeration);
                            break;
                        case UnionModel union:
                            UnionEmitter.EmitClass(writer, types, union);
                            break;
                    }
                }
            }

            writer.Line();
            var context = types.WithoutAnnotations();
            using (writer.Open("namespace " + types.SerializationNamespace))
            {
                // Inside the namespace block, these are found before any type of the spec's namespace could hide them.
                writer.Line("using global::Kua.Generated.Runtime.Json;");
                writer.Line("using global::System.Text.Json;");
                writer.Line();
                JsonContextEmitter.WriteNullableDisabled(writer, types);
                using (writer.Open("internal sealed partial class " + types.ContextName))
                {
                    for (var i = 0; i < models.Count; i++)
                    {
                        if (i > 0)
                        {
                            writer.Line();
                        }

                        switch (models[i])
                        {
                            case ObjectModel obj:
                                ObjectEmitter.EmitContextMembers(writer, context, obj);
                                break;
                            case EnumModel enumeration:
                                EnumEmitter.EmitContextMembers(writer, context, enumeration);
                                break;
                            case UnionModel union:
                                UnionEmitter.EmitContextMembers(writer, context, union);
                                break;
                        }
                    }
                }

                JsonContextEmitter.WriteNullableRestored(writer, types);
            }
        }

        private static EmitUnit TypesUnit(SpecModel model, EmitOptions options, string hintName, IEnumerable<TypeModel> types) =>
            new EmitUnit(model.FilePath, model.Namespace, model.Client!.Name, hintName, options, EmitUnitKind.Types) { Types = types.ToEquatableArray() };

        /// <summary>A type's bucket: FNV-1a of its name (stable across runs and machines, unlike string.GetHashCode).</summary>
        private static int Bucket(string typeName)
        {
            var hash = 2166136261u;
            foreach (var c in typeName)
            {
                hash = (hash ^ c) * 16777619u;
            }

            return (int)(hash % Buckets);
        }

        /// <summary>The root client, its sub-clients and, when emitted, the DI extensions class (which lives in a shared namespace).</summary>
        private static EquatableArray<string> ClientTypes(EmitUnit unit, ClientModel client)
        {
            var names = new List<string> { unit.Namespace + "." + client.Name };
            foreach (var group in client.Groups)
            {
                names.Add(unit.Namespace + "." + group.ClassName);
            }

            foreach (var operation in client.Operations.Concat(client.Groups.SelectMany(g => g.Operations)))
            {
                if (operation.Result.VariantsClass != null)
                {
                    names.Add(unit.Namespace + "." + operation.Result.VariantsClass);
                }

                if (operation.ResponseHeadersClass != null)
                {
                    names.Add(unit.Namespace + "." + operation.ResponseHeadersClass);
                }
            }

            if (unit.Options.DependencyInjection)
            {
                names.Add(ClientEmitter.DependencyInjectionClass(client));
            }

            return names.ToEquatableArray();
        }
    }
}
