using System.Collections.Generic;
using Newtonsoft.Json.Linq;

namespace Kua.Generated.SourceGenerator.Parsing
{
    /// <summary>
    /// What the normalizer tells the model builder besides the rewritten tree: the version, the operations that
    /// declared no responses (the tree now gives them an empty set, which NSwag's loader requires), what it found in
    /// sequential media types (event streams, JSON lines, JSON sequences), and the security schemes of a type NSwag's
    /// loader cannot read (removed from the tree, reported as KUA0035).
    /// </summary>
    internal sealed class NormalizedSpec
    {
        public NormalizedSpec(SpecVersion version, IReadOnlyCollection<JObject> operationsWithoutResponses, IReadOnlyCollection<JObject> itemSchemaMediaTypes, IReadOnlyDictionary<JObject, string> streamEnds, IReadOnlyCollection<string> removedSecuritySchemes)
        {
            Version = version;
            OperationsWithoutResponses = new HashSet<JObject>(operationsWithoutResponses);
            ItemSchemaMediaTypes = new HashSet<JObject>(itemSchemaMediaTypes);
            StreamEnds = streamEnds;
            RemovedSecuritySchemes = new HashSet<string>(removedSecuritySchemes, System.StringComparer.Ordinal);
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

        /// <summary>The names of the declared security schemes the client cannot serve and the tree no longer holds.</summary>
        public HashSet<string> RemovedSecuritySchemes { get; }
    }
}
