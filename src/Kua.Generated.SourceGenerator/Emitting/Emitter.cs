using System;
using System.Collections.Generic;
using System.Linq;
using Kua.Generated.SourceGenerator.Model;

namespace Kua.Generated.SourceGenerator.Emitting
{
    /// <summary>
    /// The emit step: a pure function from model to files. Types are grouped into one file per initial
    /// letter (Models.A.g.cs …) and the client has its own file: few files keep the compiler's per-file
    /// work small for large specs, and a one-schema edit still rewrites a single group.
    /// </summary>
    internal static class Emitter
    {
        public static IEnumerable<EmitUnit> Plan(SpecModel model, EmitOptions options)
        {
            if (model.Client is null)
            {
                yield break;
            }

            var prefix = model.Namespace + "." + model.Client.Name;
            foreach (var group in model.Types.GroupBy(t => GroupOf(t.Name)).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                yield return new EmitUnit(model.FilePath, model.Namespace, prefix + ".Models." + group.Key + ".g.cs", options, group.ToEquatableArray(), null, model.Title, model.ApiVersion);
            }

            yield return new EmitUnit(model.FilePath, model.Namespace, prefix + ".g.cs", options, EquatableArray<TypeModel>.Empty, model.Client, model.Title, model.ApiVersion);
        }

        public static GeneratedFile Emit(EmitUnit unit)
        {
            var writer = new SourceWriter();
            var types = new TypeSyntax(unit.Namespace, unit.Options);
            FileHeader.Write(writer, unit.Options, unit.SpecTitle);
            if (unit.Client != null)
            {
                ClientEmitter.Emit(writer, types, unit.Client, unit.SpecTitle, unit.ApiVersion);
                return new GeneratedFile(unit.HintName, writer.Finish(), unit.SpecPath, ClientTypes(unit, unit.Client));
            }

            var names = new List<string>(unit.Types.Count);
            for (var i = 0; i < unit.Types.Count; i++)
            {
                if (i > 0)
                {
                    writer.Line();
                }

                switch (unit.Types[i])
                {
                    case ObjectModel obj:
                        ObjectEmitter.Emit(writer, types, obj);
                        break;
                    case EnumModel enumeration:
                        EnumEmitter.Emit(writer, types, enumeration);
                        break;
                    case UnionModel union:
                        UnionEmitter.Emit(writer, types, union);
                        break;
                }

                names.Add(unit.Namespace + "." + unit.Types[i].Name);
            }

            return new GeneratedFile(unit.HintName, writer.Finish(), unit.SpecPath, names.ToEquatableArray());
        }

        /// <summary>The group a type's file belongs to: its initial ASCII letter, or "_" for anything else.</summary>
        private static string GroupOf(string typeName)
        {
            var first = char.ToUpperInvariant(typeName[0]);
            return first >= 'A' && first <= 'Z' ? first.ToString() : "_";
        }

        /// <summary>The root client, its sub-clients and, when emitted, the DI extensions class (which lives in a shared namespace).</summary>
        private static EquatableArray<string> ClientTypes(EmitUnit unit, ClientModel client)
        {
            var names = new List<string> { unit.Namespace + "." + client.Name };
            foreach (var group in client.Groups)
            {
                names.Add(unit.Namespace + "." + group.ClassName);
            }

            if (unit.Options.DependencyInjection)
            {
                names.Add(ClientEmitter.DependencyInjectionClass(client));
            }

            return names.ToEquatableArray();
        }
    }
}
