using System.Collections.Generic;
using Kua.Generated.SourceGenerator.Diagnostics;
using Microsoft.CodeAnalysis;
using Newtonsoft.Json.Linq;

namespace Kua.Generated.SourceGenerator.Parsing.References
{
    /// <summary>Finding what a reference names: the file among the given texts, the node its pointer names, and the end of a chain of references.</summary>
    internal sealed partial class ReferenceBundler
    {
        /// <summary>The longest chain of references to references followed (<c>a.yml</c> → <c>b.yml#/B</c> → …).</summary>
        private const int MaxHops = 64;

        /// <summary>
        /// The node a reference names, following references to references (each hop resolved in the file it is
        /// written in). A chain that ends at a local reference of the spec itself, when
        /// <paramref name="copyFromSpec"/> is false, gives that pointer (<see cref="Target.SpecPointer"/>): NSwag
        /// follows it in the spec. A failure is located at the reference that fails, in its own file.
        /// </summary>
        private Target Find(SourceDocument from, SpecReference reference, string text, SourcePosition at, bool copyFromSpec)
        {
            var seen = new HashSet<JToken>(IdentityComparer.Instance);
            var path = "'" + text + "'";
            for (var hop = 0; ; hop++)
            {
                SourceDocument document;
                if (reference.Kind == ReferenceKind.Local)
                {
                    document = from;
                }
                else
                {
                    var key = SpecPaths.Resolve(from.Path, reference.Path);
                    if (!_documents.TryGetValue(key, out document!))
                    {
                        // "foo" with no extension may be a JSON Schema $id, which the normalizer resolves.
                        return hop == 0 && !SpecPaths.LooksLikeSpecFile(reference.Path)
                            ? Target.InSpec(null)
                            : Target.Failed(new Failure(KuaDiagnostics.MissingFragment, at, path, key));
                    }
                }

                if (document.IsSpec && !copyFromSpec)
                {
                    return Target.InSpec(reference.Pointer.Length == 0 ? "#" : reference.Pointer);
                }

                var root = document.Load(_diagnostics, _cancellationToken);
                if (root is null)
                {
                    return Target.Failed(new Failure(KuaDiagnostics.UnresolvedReference, at, path + " (the file '" + document.Path + "' " + (document.Text is null ? "cannot be opened" : "holds no readable document") + ")"));
                }

                var (node, complete) = SpecLines.Resolve(root, reference.Pointer);
                if (!complete || node is null)
                {
                    return Target.Failed(new Failure(KuaDiagnostics.UnresolvedReference, at, path + " (the file '" + document.Path + "' has nothing at '" + reference.Pointer + "')"));
                }

                if (!(node is JObject obj) || !(obj["$ref"] is JValue next) || !(next.Value is string nextText))
                {
                    return new Target(document, reference.Pointer, node);
                }

                // A reference to a reference: follow it in the file it is written in.
                var nextReference = SpecReference.Parse(nextText);
                if (nextReference.Kind == ReferenceKind.Url)
                {
                    return new Target(document, reference.Pointer, node);
                }

                if (!seen.Add(node) || hop >= MaxHops)
                {
                    return Target.Failed(new Failure(KuaDiagnostics.ReferenceLoop, at, "'" + text + "'", "it leads back to itself (" + path + ")"));
                }

                path += " → '" + nextText + "'";

                from = document;
                reference = nextReference;
                text = nextText;
                at = SpecLines.Of(next);
            }
        }

        /// <summary>What a reference names: a node of a file, a pointer into the spec itself, or why it cannot be followed.</summary>
        private readonly struct Target
        {
            public Target(SourceDocument document, string pointer, JToken node)
            {
                Document = document;
                Pointer = pointer;
                Node = node;
                SpecPointer = null;
                Failure = null;
            }

            private Target(string? specPointer, Failure? failure)
            {
                Document = null!;
                Pointer = string.Empty;
                Node = null;
                SpecPointer = specPointer;
                Failure = failure;
            }

            public SourceDocument Document { get; }

            public string Pointer { get; }

            /// <summary>The node in its file's own (unchanged) tree; null for a place in the spec or a failure.</summary>
            public JToken? Node { get; }

            public string? SpecPointer { get; }

            public Failure? Failure { get; }

            public static Target InSpec(string? pointer) => new Target(pointer, null);

            public static Target Failed(Failure failure) => new Target(null, failure);
        }

        /// <summary>A reference that cannot be followed: the diagnostic and its arguments but the last, which says what is done about it.</summary>
        private sealed record Failure(DiagnosticDescriptor Descriptor, SourcePosition Position, params string[] Arguments);

        /// <summary>One file the spec may reach: parsed on first use, once, into a tree that is never changed (copies are).</summary>
        private sealed class SourceDocument
        {
            private JToken? _root;
            private bool _loaded;

            public SourceDocument(string path, string key, string? text, bool isSpec)
            {
                Path = path;
                Key = key;
                Text = text;
                IsSpec = isSpec;
            }

            /// <summary>The path as MSBuild gave it, which diagnostics name.</summary>
            public string Path { get; }

            public string Key { get; }

            public string? Text { get; }

            public bool IsSpec { get; }

            /// <summary>
            /// The file's tree; null when it cannot be read (reported once, in the file itself). The spec's own text
            /// was read (and its problems reported) before bundling, so its second reading reports nothing.
            /// </summary>
            public JToken? Load(DiagnosticBag diagnostics, System.Threading.CancellationToken cancellationToken)
            {
                if (_loaded)
                {
                    return _root;
                }

                _loaded = true;
                var bag = IsSpec ? new DiagnosticBag(Path) : diagnostics.ForFile(Path);
                if (Text is null)
                {
                    bag.Add(KuaDiagnostics.UnreadableSpec, SourcePosition.Unknown, "the file does not exist or cannot be opened");
                }
                else if (Text.Trim().Length > 0)
                {
                    _root = SpecTextReader.Read(Text, bag, cancellationToken);
                }

                if (_root != null && !IsSpec)
                {
                    JsonTree.SetFile(_root, Path, cancellationToken);
                }

                return _root;
            }
        }
    }
}
