using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Kua.Generated.SourceGenerator.Model;

namespace Kua.Generated.SourceGenerator.Emitting
{
    /// <summary>
    /// The emit step: a pure function from model to files. Types are grouped by initial letter into files
    /// of about <see cref="GroupBudget"/> characters (Models.A1.g.cs, Models.A2.g.cs …), and the client has its
    /// own file. Fewer files keep the compiler's per-file work small for large specs (it compares every
    /// new file name with all earlier ones); files below the large-object threshold keep emitting cheap;
    /// and a one-schema edit still rewrites one or two groups.
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
            foreach (var letter in model.Types.GroupBy(t => GroupOf(t.Name)).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var number = 1;
                var chunk = new List<TypeModel>();
                var size = 0;
                foreach (var type in letter)
                {
                    var estimate = EstimatedSize(type);
                    if (chunk.Count > 0 && size + estimate > GroupBudget)
                    {
                        yield return ModelUnit(model, options, prefix, letter.Key + number.ToString(CultureInfo.InvariantCulture), chunk);
                        number++;
                        chunk = new List<TypeModel>();
                        size = 0;
                    }

                    chunk.Add(type);
                    size += estimate;
                }

                yield return ModelUnit(model, options, prefix, letter.Key + number.ToString(CultureInfo.InvariantCulture), chunk);
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

        /// <summary>The characters a model file aims at: below the 85,000-byte large-object threshold of a .NET string.</summary>
        private const int GroupBudget = 32 * 1024;

        private static EmitUnit ModelUnit(SpecModel model, EmitOptions options, string prefix, string group, List<TypeModel> types) =>
            new EmitUnit(model.FilePath, model.Namespace, prefix + ".Models." + group + ".g.cs", options, types.ToEquatableArray(), null, model.Title, model.ApiVersion);

        /// <summary>A rough, deterministic size of a type's generated text, from its model alone.</summary>
        private static int EstimatedSize(TypeModel type)
        {
            switch (type)
            {
                case ObjectModel obj:
                    return 3000 + (1200 * (obj.Properties.Count + obj.InheritedProperties.Count));
                case EnumModel enumeration:
                    return 3000 + (300 * enumeration.Members.Count);
                case UnionModel union:
                    return 2500 + (1200 * union.Variants.Count);
                default:
                    return 3000;
            }
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
