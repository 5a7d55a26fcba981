using System.Collections.Generic;
using Kua.Generated.SourceGenerator.Diagnostics;
using Newtonsoft.Json.Linq;

namespace Kua.Generated.SourceGenerator.Parsing.Yaml
{
    /// <summary>The documents of a YAML stream, each as a JSON tree whose nodes carry their position.</summary>
    internal sealed class YamlStream
    {
        public YamlStream(IReadOnlyList<YamlDocument> documents, IReadOnlyList<YamlNote> notes)
        {
            Documents = documents;
            Notes = notes;
        }

        public IReadOnlyList<YamlDocument> Documents { get; }

        /// <summary>What the reader adapted to fit JSON (a collection used as a mapping key).</summary>
        public IReadOnlyList<YamlNote> Notes { get; }
    }

    /// <summary>One document of a stream.</summary>
    internal sealed class YamlDocument
    {
        public YamlDocument(JToken root, SourcePosition start)
        {
            Root = root;
            Start = start;
        }

        /// <summary>The document's node; an empty document is a JSON null.</summary>
        public JToken Root { get; }

        /// <summary>Where the document starts: its <c>---</c> marker, or its first content.</summary>
        public SourcePosition Start { get; }
    }

    /// <summary>Something the reader adapted, and where.</summary>
    internal readonly struct YamlNote
    {
        public YamlNote(SourcePosition position, string message)
        {
            Position = position;
            Message = message;
        }

        public SourcePosition Position { get; }

        public string Message { get; }
    }
}
