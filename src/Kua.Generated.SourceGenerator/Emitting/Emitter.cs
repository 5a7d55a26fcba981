using System.Collections.Generic;
using Kua.Generated.SourceGenerator.Model;

namespace Kua.Generated.SourceGenerator.Emitting
{
    /// <summary>The emit step: a pure function from model to files, one file per type plus one for the client.</summary>
    internal static class Emitter
    {
        public static IEnumerable<EmitUnit> Plan(SpecModel model, EmitOptions options)
        {
            if (model.Client is null)
            {
                yield break;
            }

            var prefix = model.Namespace + "." + model.Client.Name;
            foreach (var type in model.Types)
            {
                yield return new EmitUnit(model.FilePath, model.Namespace, prefix, options, type, null, model.Title, model.ApiVersion);
            }

            yield return new EmitUnit(model.FilePath, model.Namespace, prefix, options, null, model.Client, model.Title, model.ApiVersion);
        }

        public static GeneratedFile Emit(EmitUnit unit)
        {
            var writer = new SourceWriter();
            var types = new TypeSyntax(unit.Namespace, unit.Options);
            FileHeader.Write(writer, unit.Options, unit.SpecTitle);
            string name;
            switch (unit.Type)
            {
                case ObjectModel obj:
                    ObjectEmitter.Emit(writer, types, obj);
                    name = obj.Name;
                    break;
                case EnumModel enumeration:
                    EnumEmitter.Emit(writer, types, enumeration);
                    name = enumeration.Name;
                    break;
                case UnionModel union:
                    UnionEmitter.Emit(writer, types, union);
                    name = union.Name;
                    break;
                default:
                    var client = unit.Client!;
                    ClientEmitter.Emit(writer, types, client, unit.SpecTitle, unit.ApiVersion);
                    return new GeneratedFile(unit.HintPrefix + ".g.cs", writer.ToString(), unit.SpecPath, ClientTypes(unit, client));
            }

            return new GeneratedFile(unit.HintPrefix + "." + name + ".g.cs", writer.ToString(), unit.SpecPath, new EquatableArray<string>(new[] { unit.Namespace + "." + name }));
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
