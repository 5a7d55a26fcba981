using System;
using System.Collections.Generic;
using System.Linq;
using Kua.Generated.SourceGenerator.Model;

namespace Kua.Generated.SourceGenerator.Parsing
{
    /// <summary>
    /// Keeps the types a client can meet: those its operations send or receive, what they contain, their base types
    /// and subtypes (a reply may be any subtype), and the types named as roots (component schemas that webhooks use).
    /// Every other type costs every build of the user's project and serves no call, so it is left out unless the
    /// project asks to keep every schema.
    /// </summary>
    internal static class TypeSelection
    {
        public static EquatableArray<TypeModel> Reachable(EquatableArray<TypeModel> types, ClientModel? client, IEnumerable<string> rootTypeNames)
        {
            var byName = types.ToDictionary(t => t.Name, StringComparer.Ordinal);
            var subtypes = types.OfType<ObjectModel>().Where(o => o.BaseName != null).ToLookup(o => o.BaseName!, StringComparer.Ordinal);
            var kept = new HashSet<string>(StringComparer.Ordinal);
            var pending = new Stack<string>();

            void Add(TypeRef? type)
            {
                for (var current = type; current != null; current = current.Element)
                {
                    if (current.IsGenerated && current.Name != null && kept.Add(current.Name))
                    {
                        pending.Push(current.Name);
                    }
                }
            }

            void AddName(string name)
            {
                if (byName.ContainsKey(name) && kept.Add(name))
                {
                    pending.Push(name);
                }
            }

            foreach (var operation in Operations(client))
            {
                foreach (var parameter in operation.Parameters)
                {
                    Add(parameter.Type);
                    foreach (var field in parameter.ObjectFields)
                    {
                        Add(field.Type);
                    }
                }

                if (operation.Body != null)
                {
                    Add(operation.Body.Type);
                    foreach (var field in operation.Body.Fields)
                    {
                        Add(field.Type);
                    }
                }

                Add(operation.Result.Type);
                foreach (var variant in operation.Result.Variants)
                {
                    Add(variant.Type);
                }

                foreach (var error in operation.Errors)
                {
                    Add(error.Type);
                }
            }

            foreach (var name in rootTypeNames)
            {
                AddName(name);
            }

            while (pending.Count > 0)
            {
                if (!byName.TryGetValue(pending.Pop(), out var type))
                {
                    continue;
                }

                switch (type)
                {
                    case ObjectModel obj:
                        foreach (var property in obj.Properties)
                        {
                            Add(property.Type);
                        }

                        Add(obj.AdditionalProperties);
                        if (obj.BaseName != null)
                        {
                            AddName(obj.BaseName);
                        }

                        foreach (var subtype in subtypes[obj.Name])
                        {
                            AddName(subtype.Name);
                        }

                        if (obj.Discriminator != null)
                        {
                            foreach (var mapping in obj.Discriminator.Mappings)
                            {
                                AddName(mapping.TypeName);
                            }
                        }

                        break;
                    case UnionModel union:
                        foreach (var variant in union.Variants)
                        {
                            Add(variant.Type);
                        }

                        break;
                }
            }

            return types.Where(t => kept.Contains(t.Name)).ToEquatableArray();
        }

        private static IEnumerable<OperationModel> Operations(ClientModel? client) =>
            client is null ? Enumerable.Empty<OperationModel>() : client.Operations.Concat(client.Groups.SelectMany(g => g.Operations));
    }
}
