using System.Collections.Generic;
using System.Threading;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Kua.Generated.SourceGenerator.Parsing.References
{
    /// <summary>Walks over a file's tree that cost no stack however deep it is, and stop when the build is cancelled.</summary>
    internal static class JsonTree
    {
        /// <summary>Every node of the tree (objects, their properties, arrays, values), the root first.</summary>
        public static IEnumerable<JToken> Walk(JToken root, CancellationToken cancellationToken)
        {
            var pending = new Stack<JToken>();
            pending.Push(root);
            var visited = 0;
            while (pending.Count > 0)
            {
                if ((++visited & 0xFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var token = pending.Pop();
                yield return token;
                if (token is JContainer container)
                {
                    foreach (var child in container.Children())
                    {
                        pending.Push(child);
                    }
                }
            }
        }

        /// <summary>
        /// Makes every position in a fragment's tree name the fragment, so that a diagnostic about any node of it (or
        /// of a copy of it: copies share the annotations) is reported in that file, even after the node was detached.
        /// </summary>
        public static void SetFile(JToken root, string filePath, CancellationToken cancellationToken)
        {
            foreach (var token in Walk(root, cancellationToken))
            {
                var annotation = token.Annotation<SpecLines.Annotation>();
                if (annotation != null)
                {
                    annotation.Position = annotation.Position.InFile(filePath);
                }
                else if (token is IJsonLineInfo info && info.HasLineInfo())
                {
                    token.AddAnnotation(new SpecLines.Annotation(new Diagnostics.SourcePosition(info.LineNumber, info.LinePosition, filePath)));
                }
            }
        }
    }
}
