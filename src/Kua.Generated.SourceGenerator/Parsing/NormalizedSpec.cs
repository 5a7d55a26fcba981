using System.Collections.Generic;
using Newtonsoft.Json.Linq;

namespace Kua.Generated.SourceGenerator.Parsing
{
    /// <summary>
    /// What the normalizer tells the model builder besides the rewritten tree: the version, and the operations that
    /// declared no responses (the tree now gives them an empty set, which NSwag's loader requires).
    /// </summary>
    internal sealed class NormalizedSpec
    {
        public NormalizedSpec(SpecVersion version, IReadOnlyCollection<JObject> operationsWithoutResponses)
        {
            Version = version;
            OperationsWithoutResponses = new HashSet<JObject>(operationsWithoutResponses);
        }

        public SpecVersion Version { get; }

        /// <summary>The operations' nodes in the tree (compared by reference).</summary>
        public HashSet<JObject> OperationsWithoutResponses { get; }
    }
}
