using System.Collections.Generic;
using Newtonsoft.Json.Linq;

namespace Kua.Generated.SourceGenerator.Parsing
{
    /// <summary>
    /// What the normalizer tells the model builder besides the rewritten tree: the version, the operations that
    /// declared no responses (the tree now gives them an empty set, which NSwag's loader requires), and the security
    /// schemes of a type NSwag's loader cannot read (removed from the tree, reported as KUA0035).
    /// </summary>
    internal sealed class NormalizedSpec
    {
        public NormalizedSpec(SpecVersion version, IReadOnlyCollection<JObject> operationsWithoutResponses, IReadOnlyCollection<string> removedSecuritySchemes)
        {
            Version = version;
            OperationsWithoutResponses = new HashSet<JObject>(operationsWithoutResponses);
            RemovedSecuritySchemes = new HashSet<string>(removedSecuritySchemes, System.StringComparer.Ordinal);
        }

        public SpecVersion Version { get; }

        /// <summary>The operations' nodes in the tree (compared by reference).</summary>
        public HashSet<JObject> OperationsWithoutResponses { get; }

        /// <summary>The names of the declared security schemes the client cannot serve and the tree no longer holds.</summary>
        public HashSet<string> RemovedSecuritySchemes { get; }
    }
}
