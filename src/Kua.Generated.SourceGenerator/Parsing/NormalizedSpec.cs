using System.Collections.Generic;
using Newtonsoft.Json.Linq;

namespace Kua.Generated.SourceGenerator.Parsing
{
    /// <summary>
    /// What the normalizer tells the model builder besides the rewritten tree: the version, the operations that
    /// declared no responses (the tree now gives them an empty set, which NSwag's loader requires), and what it found in
    /// sequential media types (event streams, JSON lines, JSON sequences).
    /// </summary>
    internal sealed class NormalizedSpec
    {
        public NormalizedSpec(SpecVersion version, IReadOnlyCollection<JObject> operationsWithoutResponses, IReadOnlyCollection<JObject> itemSchemaMediaTypes, IReadOnlyDictionary<JObject, string> streamEnds)
        {
            Version = version;
            OperationsWithoutResponses = new HashSet<JObject>(operationsWithoutResponses);
            ItemSchemaMediaTypes = new HashSet<JObject>(itemSchemaMediaTypes);
            StreamEnds = streamEnds;
        }

        public SpecVersion Version { get; }

        /// <summary>The operations' nodes in the tree (compared by reference).</summary>
        public HashSet<JObject> OperationsWithoutResponses { get; }

        /// <summary>Media type objects whose <c>schema</c> describes one item (it was OpenAPI 3.2's <c>itemSchema</c>), by node.</summary>
        public HashSet<JObject> ItemSchemaMediaTypes { get; }

        /// <summary>
        /// Event stream media type objects whose events were a <c>oneOf</c>/<c>anyOf</c> with one event's data fixed: that
        /// data, which ends the stream (the tree now holds the other event alone).
        /// </summary>
        public IReadOnlyDictionary<JObject, string> StreamEnds { get; }
    }
}
