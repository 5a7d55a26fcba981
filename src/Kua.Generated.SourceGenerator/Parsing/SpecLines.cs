using System;
using System.Globalization;
using Kua.Generated.SourceGenerator.Diagnostics;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Kua.Generated.SourceGenerator.Parsing
{
    /// <summary>Where a node of the spec tree came from, and lookups by JSON pointer.</summary>
    internal static class SpecLines
    {
        /// <summary>
        /// The position of a node; a node without one reports its nearest ancestor's. A mapping or list that
        /// is a property's value reports its key (<c>get:</c>), not its first child on the next line. Nodes of a
        /// fragment (see <c>JsonTree.SetFile</c>) name their file, wherever they were copied to.
        /// </summary>
        public static SourcePosition Of(JToken? token)
        {
            if (token is JContainer && token.Parent is JProperty property)
            {
                token = property;
            }

            for (var current = token; current != null; current = current.Parent)
            {
                var annotation = current.Annotation<Annotation>();
                if (annotation != null)
                {
                    return annotation.Position;
                }

                if (current is IJsonLineInfo info && info.HasLineInfo())
                {
                    return new SourcePosition(info.LineNumber, info.LinePosition);
                }
            }

            return SourcePosition.Unknown;
        }

        /// <summary>The position of the node a JSON pointer (<c>#/a/b~1c</c>) names, or of its deepest existing ancestor.</summary>
        public static SourcePosition OfPointer(JToken? root, string pointer)
        {
            var (found, _) = Resolve(root, pointer);
            return Of(found);
        }

        /// <summary>Resolves a local JSON pointer; returns the deepest node reached and whether the whole pointer resolved.</summary>
        public static (JToken? Node, bool Complete) Resolve(JToken? root, string pointer)
        {
            if (root is null)
            {
                return (null, false);
            }

            var path = pointer.StartsWith("#", StringComparison.Ordinal) ? pointer.Substring(1) : pointer;
            if (path.Length == 0)
            {
                return (root, true);
            }

            if (path[0] != '/')
            {
                return (root, false);
            }

            var current = root;
            foreach (var raw in path.Substring(1).Split('/'))
            {
                var segment = Uri.UnescapeDataString(raw).Replace("~1", "/").Replace("~0", "~");
                JToken? next = null;
                if (current is JObject obj)
                {
                    var property = obj.Property(segment, StringComparison.Ordinal);
                    next = property?.Value;
                }
                else if (current is JArray array && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count)
                {
                    next = array[index];
                }

                if (next is null)
                {
                    return (current, false);
                }

                current = next;
            }

            return (current, true);
        }

        /// <summary>Escapes one pointer segment (<c>~</c> → <c>~0</c>, <c>/</c> → <c>~1</c>).</summary>
        public static string Escape(string segment) => segment.Replace("~", "~0").Replace("/", "~1");

        /// <summary>A node's position in the YAML text (JSON nodes carry Newtonsoft's own line info, unless they are a fragment's).</summary>
        public sealed class Annotation
        {
            public Annotation(SourcePosition position) => Position = position;

            public SourcePosition Position { get; internal set; }
        }
    }
}
