using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Kua.Generated.SourceGenerator.Diagnostics;
using Kua.Generated.SourceGenerator.Model;
using Newtonsoft.Json.Linq;

namespace Kua.Generated.SourceGenerator.Parsing.References
{
    /// <summary>
    /// Makes one self-contained tree of a spec and the fragments its <c>$ref</c>s reach, before the normalizer and
    /// NSwag see it. What NSwag shares by reference (schemas, parameters, responses, request bodies, headers,
    /// examples) is gathered once under the spec's components, named from its pointer or file name, and every
    /// <c>$ref</c> to it points there; everything else (path items, operations, descriptions, extensions) is copied
    /// where it is used. Only the given texts are read: never the disk, never the network (URLs are left to the
    /// normalizer, which reports them). A reference that cannot be followed is reported where it is written, in its
    /// own file, and dropped the way the normalizer drops a dangling one.
    /// </summary>
    /// <remarks>
    /// The walk is iterative (an explicit stack), keeps the tree within <see cref="SpecTextReader.MaxDepth"/>, stops
    /// copying past <see cref="MaxNodes"/> nodes, and follows chains of references with a set of the nodes seen, so
    /// no input can overflow the stack or loop.
    /// </remarks>
    internal sealed partial class ReferenceBundler
    {
        /// <summary>The most objects and arrays a bundled document may hold; past it, references are no longer copied.</summary>
        public const int MaxNodes = 2_000_000;

        private readonly JObject _root;
        private readonly DiagnosticBag _diagnostics;
        private readonly CancellationToken _cancellationToken;
        private readonly bool _swagger2;
        private readonly SourceDocument _spec;
        private readonly Dictionary<string, SourceDocument> _documents = new Dictionary<string, SourceDocument>(SpecPaths.Comparer);
        /// <summary>What is gathered, by target node and by section (a node used as a header and as a parameter is gathered twice).</summary>
        private readonly Dictionary<JToken, List<Gathered>> _gathered = new Dictionary<JToken, List<Gathered>>(IdentityComparer.Instance);
        private readonly List<Gathered> _gatheredInOrder = new List<Gathered>();
        private readonly Stack<Visit> _pending = new Stack<Visit>();
        private int _visited;

        private ReferenceBundler(JObject root, SpecInput input, DiagnosticBag diagnostics, CancellationToken cancellationToken)
        {
            _root = root;
            _diagnostics = diagnostics;
            _cancellationToken = cancellationToken;
            _swagger2 = root["swagger"] != null && root["openapi"] is null;
            _spec = new SourceDocument(input.FilePath, SpecPaths.Key(input.FilePath), input.Text, isSpec: true);
            _documents.Add(_spec.Key, _spec);
            foreach (var fragment in input.Fragments)
            {
                var document = new SourceDocument(fragment.Path, SpecPaths.Key(fragment.Path), fragment.Text, isSpec: false);
                if (!_documents.ContainsKey(document.Key))
                {
                    _documents.Add(document.Key, document);
                }
            }
        }

        /// <summary>What became of an object holding a <c>$ref</c>.</summary>
        private enum Outcome
        {
            /// <summary>It stays (a local or URL reference, or one now pointing at the components): its other members are visited.</summary>
            Kept,

            /// <summary>A copy of what it named took its place, and will be visited.</summary>
            Replaced,

            /// <summary>It was removed (a reference that cannot be followed).</summary>
            Removed,
        }

        /// <summary>
        /// Bundles the fragments of <paramref name="input"/> into <paramref name="root"/> (its parsed text), in place.
        /// Does nothing for a spec in one file whose references are all local.
        /// </summary>
        public static void Bundle(JToken root, SpecInput input, DiagnosticBag diagnostics, CancellationToken cancellationToken)
        {
            if (!(root is JObject document) || (input.Fragments.IsEmpty && (input.Text is null || !FragmentScanner.MayNameOtherFiles(input.Text))))
            {
                return;
            }

            new ReferenceBundler(document, input, diagnostics, cancellationToken).Run();
        }

        private void Run()
        {
            _pending.Push(new Visit(_root, Slot.Document, _spec, null, 0));
            while (_pending.Count > 0)
            {
                if ((++_visited & 0xFFF) == 0)
                {
                    _cancellationToken.ThrowIfCancellationRequested();
                }

                var visit = _pending.Pop();
                if (visit.Node is JObject obj)
                {
                    VisitObject(obj, visit);
                }
                else if (visit.Node is JArray array)
                {
                    var itemSlot = ReferenceSlots.Item(visit.Slot);
                    for (var i = array.Count - 1; i >= 0; i--)
                    {
                        PushChild(array[i], itemSlot, visit);
                    }
                }
            }

            PlaceGathered();
        }

        private void VisitObject(JObject obj, Visit visit)
        {
            if (obj["$ref"] is JValue reference && reference.Value is string text && obj != _root)
            {
                var outcome = Follow(obj, reference, text, visit);
                if (outcome != Outcome.Kept)
                {
                    return;
                }
            }

            if (visit.Slot == Slot.Schema && obj["discriminator"]?["mapping"] is JObject mapping)
            {
                FollowMapping(mapping, visit);
            }

            var properties = obj.Properties().ToList();
            for (var i = properties.Count - 1; i >= 0; i--)
            {
                if (properties[i].Name != "$ref")
                {
                    PushChild(properties[i].Value, ReferenceSlots.Child(visit.Slot, properties[i].Name), visit);
                }
            }
        }

        private void PushChild(JToken child, Slot slot, Visit parent)
        {
            if (!(child is JContainer))
            {
                return;
            }

            var depth = parent.Depth + 1;
            if (depth > SpecTextReader.MaxDepth)
            {
                // Copies nest files in one another; NSwag reads no deeper than the reader lets a single file go.
                _diagnostics.Add(KuaDiagnostics.TooDeep, SpecLines.Of(child), SpecTextReader.MaxDepth.ToString(CultureInfo.InvariantCulture));
                child.Replace(new JObject());
                return;
            }

            _pending.Push(new Visit(child, slot, parent.Document, parent.Copies, depth));
        }

        /// <summary>Follows the <c>$ref</c> of <paramref name="owner"/>: points it at the components, or puts a copy of its target in its place.</summary>
        private Outcome Follow(JObject owner, JValue reference, string text, Visit visit)
        {
            var parsed = SpecReference.Parse(text);
            if (parsed.Kind == ReferenceKind.Url || (parsed.Kind == ReferenceKind.Local && visit.Document.IsSpec))
            {
                return Outcome.Kept;
            }

            var section = ReferenceSlots.Section(visit.Slot, _swagger2);
            var target = Find(visit.Document, parsed, text, SpecLines.Of(reference), copyFromSpec: section is null);
            if (target.Failure != null)
            {
                return Drop(owner, visit.Slot, target.Failure);
            }

            if (target.Node is null)
            {
                // Left as it is: a place in the spec itself that NSwag follows, or a name for the normalizer's $id lookup.
                owner["$ref"] = target.SpecPointer ?? text;
                return Outcome.Kept;
            }

            if (section != null)
            {
                Gather(target, visit.Slot, section).Referrers.Add(owner);
                return Outcome.Kept;
            }

            if (visit.Copies != null && visit.Copies.Contains(target.Node))
            {
                return Drop(owner, visit.Slot, new Failure(KuaDiagnostics.ReferenceLoop, SpecLines.Of(reference), "'" + text + "'", "what it names contains this reference again, so it has no end when copied"));
            }

            if (_visited > MaxNodes)
            {
                return Drop(owner, visit.Slot, new Failure(KuaDiagnostics.ReferenceLoop, SpecLines.Of(reference), "'" + text + "'", "its copies would make the document larger than " + MaxNodes.ToString(CultureInfo.InvariantCulture) + " objects and arrays"));
            }

            var copy = Copy(target);
            if (owner.Parent is JProperty property)
            {
                property.Value = copy;
            }
            else if (owner.Parent is JArray array)
            {
                array[array.IndexOf(owner)] = copy;
            }

            _pending.Push(new Visit(copy, visit.Slot, target.Document, new CopyChain(target.Node, visit.Copies), visit.Depth));
            return Outcome.Replaced;
        }

        /// <summary>Discriminator mappings name schemas by reference too (<c>dog: models/dog.yml</c>); bare schema names stay.</summary>
        private void FollowMapping(JObject mapping, Visit visit)
        {
            foreach (var entry in mapping.Properties().ToList())
            {
                if (!(entry.Value is JValue value) || !(value.Value is string text))
                {
                    continue;
                }

                var parsed = SpecReference.Parse(text);
                var isName = parsed.Kind == ReferenceKind.File && text.IndexOf('/') < 0 && text.IndexOf('\\') < 0 && !SpecPaths.LooksLikeSpecFile(text);
                if (isName || parsed.Kind == ReferenceKind.Url || (parsed.Kind == ReferenceKind.Local && visit.Document.IsSpec))
                {
                    continue;
                }

                var target = Find(visit.Document, parsed, text, SpecLines.Of(value), copyFromSpec: false);
                if (target.Failure != null)
                {
                    Report(target.Failure, "the mapping is ignored");
                    entry.Remove();
                }
                else if (target.Node is null)
                {
                    entry.Value = target.SpecPointer ?? text;
                }
                else
                {
                    Gather(target, Slot.Schema, ReferenceSlots.Section(Slot.Schema, _swagger2)!).Referrers.Add(entry);
                }
            }
        }

        /// <summary>The one gathered copy of a target, made (and queued for a visit in its own file) on first use.</summary>
        private Gathered Gather(Target target, Slot slot, string[] section)
        {
            if (!_gathered.TryGetValue(target.Node!, out var bySection))
            {
                bySection = new List<Gathered>(1);
                _gathered.Add(target.Node!, bySection);
            }

            var gathered = bySection.Find(g => g.Section == section);
            if (gathered is null)
            {
                var copy = Copy(target);
                gathered = new Gathered(section, target.Document, target.Pointer, target.Node!, copy);
                bySection.Add(gathered);
                _gatheredInOrder.Add(gathered);
                _pending.Push(new Visit(copy, slot, target.Document, null, section.Length + 1));
            }

            return gathered;
        }

        /// <summary>A copy of a target; its nodes keep their positions, which name their file.</summary>
        private static JToken Copy(Target target) => target.Node!.DeepClone();

        /// <summary>Reports a reference that cannot be followed and drops it: what the normalizer does with a dangling local one.</summary>
        private Outcome Drop(JObject owner, Slot slot, Failure failure)
        {
            switch (slot)
            {
                case Slot.Schema:
                    Report(failure, "the schema is read as any JSON value");
                    owner.Remove("$ref");
                    return Outcome.Kept;
                case Slot.Response:
                    Report(failure, "the response is read as having no body");
                    owner.RemoveAll();
                    owner["description"] = string.Empty;
                    return Outcome.Removed;
                default:
                    Report(failure, Consequence(slot));
                    if (owner.Parent is JProperty property)
                    {
                        property.Remove();
                    }
                    else
                    {
                        owner.Remove();
                    }

                    return Outcome.Removed;
            }
        }

        private static string Consequence(Slot slot)
        {
            switch (slot)
            {
                case Slot.PathItem:
                    return "the path is ignored";
                case Slot.Operation:
                    return "the operation is ignored";
                case Slot.Parameter:
                    return "the parameter is ignored";
                case Slot.RequestBody:
                    return "the request body is ignored";
                case Slot.Header:
                    return "the header is ignored";
                case Slot.Example:
                    return "the example is ignored";
                default:
                    return "the value is left out";
            }
        }

        private void Report(Failure failure, string consequence)
        {
            var arguments = new string[failure.Arguments.Length + 1];
            failure.Arguments.CopyTo(arguments, 0);
            arguments[arguments.Length - 1] = consequence;
            _diagnostics.Add(failure.Descriptor, failure.Position, arguments);
        }

        /// <summary>
        /// Puts every gathered copy under its components section, named (see <see cref="ComponentNames"/>) without
        /// clashing with the spec's own components, and points the references at it.
        /// </summary>
        private void PlaceGathered()
        {
            foreach (var bySection in _gatheredInOrder.GroupBy(g => string.Join("/", g.Section), StringComparer.Ordinal))
            {
                var section = Section(bySection.First().Section);
                var names = ComponentNames.Assign(
                    bySection.Select(g => new ComponentNames.Candidate(g.Document.Key, g.Pointer)).ToList(),
                    section.Properties().Select(p => p.Name),
                    _spec.Key);
                var placed = bySection.Select((g, i) => (Gathered: g, Name: names[i])).OrderBy(p => p.Name, StringComparer.Ordinal);
                var prefix = "#/" + string.Join("/", bySection.First().Section) + "/";
                foreach (var (gathered, name) in placed)
                {
                    _cancellationToken.ThrowIfCancellationRequested();
                    var property = new JProperty(name, gathered.Copy);
                    property.AddAnnotation(new SpecLines.Annotation(SpecLines.Of(gathered.Original)));
                    section.Add(property);

                    var pointer = prefix + SpecLines.Escape(name);
                    foreach (var referrer in gathered.Referrers)
                    {
                        if (referrer is JObject owner)
                        {
                            owner["$ref"] = pointer;
                        }
                        else if (referrer is JProperty entry)
                        {
                            entry.Value = pointer;
                        }
                    }
                }
            }
        }

        /// <summary>The spec's components section (<c>components/schemas</c>, <c>definitions</c>…), made when missing.</summary>
        private JObject Section(string[] path)
        {
            var current = _root;
            foreach (var name in path)
            {
                if (!(current[name] is JObject next))
                {
                    next = new JObject();
                    current[name] = next;
                }

                current = next;
            }

            return current;
        }

        /// <summary>One node waiting to be visited: its slot, the file it came from, and the copies it sits in.</summary>
        /// <param name="Node">The node.</param>
        /// <param name="Slot">What it is in the OpenAPI layout.</param>
        /// <param name="Document">The file its local references (<c>#/…</c>) point into.</param>
        /// <param name="Copies">The targets copied around it, innermost first: a target met again would be copied forever.</param>
        /// <param name="Depth">How deep it sits in the bundled tree.</param>
        private readonly record struct Visit(JToken Node, Slot Slot, SourceDocument Document, CopyChain? Copies, int Depth);

        /// <summary>A chain of copied targets (an immutable list).</summary>
        private sealed record CopyChain(JToken Target, CopyChain? Outer)
        {
            public bool Contains(JToken target)
            {
                for (var chain = this; chain != null; chain = chain.Outer)
                {
                    if (ReferenceEquals(chain.Target, target))
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>A target gathered under the components: the copy, and the references to point at it once it has a name.</summary>
        private sealed record Gathered(string[] Section, SourceDocument Document, string Pointer, JToken Original, JToken Copy)
        {
            /// <summary><c>$ref</c> owners (objects) and discriminator mapping entries (properties).</summary>
            public List<JToken> Referrers { get; } = new List<JToken>();
        }

        private sealed class IdentityComparer : IEqualityComparer<JToken>
        {
            public static readonly IdentityComparer Instance = new IdentityComparer();

            public bool Equals(JToken? x, JToken? y) => ReferenceEquals(x, y);

            public int GetHashCode(JToken obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
        }
    }
}
