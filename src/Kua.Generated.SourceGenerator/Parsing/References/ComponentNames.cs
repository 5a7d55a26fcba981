using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Kua.Generated.SourceGenerator.Parsing.References
{
    /// <summary>
    /// Names for what is gathered from other files into one components section: the last meaningful segment of
    /// its pointer (<c>shared.yml#/components/schemas/Error</c> → <c>Error</c>) or else its file name
    /// (<c>models/droplet.yml</c> → <c>droplet</c>). Names that would clash (with each other or with the spec's own
    /// components) take, nearest first, the segments of their pointer, file name and folders that tell them apart
    /// (<c>apps/models/error.yml</c>, <c>shared/models/error.yml</c> → <c>apps_error</c>, <c>shared_error</c>).
    /// Clashes are judged on the C# names the model builder makes of them (PascalCase, ignoring case), and names
    /// depend only on the set of candidates, never on the order in which references met them.
    /// </summary>
    internal static class ComponentNames
    {
        /// <summary>Pointer segments that say where a thing sits, not what it is.</summary>
        private static readonly HashSet<string> Structural = new HashSet<string>(StringComparer.Ordinal)
        {
            "components", "schemas", "definitions", "$defs", "parameters", "responses", "headers", "requestBodies", "examples",
            "properties", "items", "additionalProperties", "allOf", "oneOf", "anyOf", "content", "schema",
        };

        /// <summary>Names for <paramref name="candidates"/>, in their order; <paramref name="taken"/> are the section's own names.</summary>
        public static IReadOnlyList<string> Assign(IReadOnlyList<Candidate> candidates, IEnumerable<string> taken)
        {
            var reserved = new HashSet<string>(taken.Select(CSharpName), StringComparer.OrdinalIgnoreCase);
            var entries = candidates.Select(c => new Entry(c)).ToList();
            foreach (var group in entries.GroupBy(e => CSharpName(e.Base), StringComparer.OrdinalIgnoreCase))
            {
                Distinguish(group.ToList(), reserved);
            }

            // What is still equal (the same segments all the way, or a qualified name equal to another's) is numbered, in a stable order.
            var scope = new NameScope(StringComparer.OrdinalIgnoreCase, reserved);
            foreach (var entry in entries.OrderBy(e => e.Identity, StringComparer.Ordinal))
            {
                var name = CSharpName(entry.Name);
                if (scope.IsTaken(name))
                {
                    entry.Final = scope.Claim(name);
                }
                else
                {
                    scope.Reserve(name);
                    entry.Final = entry.Name;
                }
            }

            return entries.Select(e => e.Final!).ToList();
        }

        /// <summary>
        /// Adds qualifiers, level by level, to the entries of one would-be name until they differ: at each level a
        /// segment is added only where it tells some of them apart (<c>models</c>, shared by all, is skipped).
        /// </summary>
        private static void Distinguish(List<Entry> group, HashSet<string> reserved)
        {
            var clashing = new List<List<Entry>>();
            if (group.Count > 1 || reserved.Contains(CSharpName(group[0].Base)))
            {
                clashing.Add(group);
            }

            for (var level = 0; clashing.Count > 0; level++)
            {
                var next = new List<List<Entry>>();
                foreach (var subset in clashing)
                {
                    if (subset.All(e => level >= e.Qualifiers.Count))
                    {
                        continue;
                    }

                    var segments = subset.Select(e => level < e.Qualifiers.Count ? e.Qualifiers[level] : string.Empty).ToList();
                    if (subset.Count == 1 || segments.Distinct(StringComparer.OrdinalIgnoreCase).Count() > 1)
                    {
                        foreach (var entry in subset.Where(e => level < e.Qualifiers.Count))
                        {
                            entry.Chosen.Add(entry.Qualifiers[level]);
                        }
                    }

                    foreach (var same in subset.GroupBy(e => CSharpName(e.Name), StringComparer.OrdinalIgnoreCase))
                    {
                        if (same.Count() > 1 || reserved.Contains(same.Key))
                        {
                            next.Add(same.ToList());
                        }
                    }
                }

                clashing = next;
            }
        }

        private static string CSharpName(string name) => Naming.ToPascal(name, "Schema");

        /// <summary>Decoded segments of a JSON pointer (<c>#/a/b~1c</c> → <c>a</c>, <c>b/c</c>).</summary>
        private static List<string> PointerSegments(string pointer)
        {
            var segments = new List<string>();
            foreach (var raw in pointer.TrimStart('#').Split('/'))
            {
                if (raw.Length > 0)
                {
                    string text;
                    try
                    {
                        text = Uri.UnescapeDataString(raw);
                    }
                    catch (UriFormatException)
                    {
                        text = raw;
                    }

                    segments.Add(text.Replace("~1", "/").Replace("~0", "~"));
                }
            }

            return segments;
        }

        private static bool IsMeaningful(string segment) =>
            !Structural.Contains(segment) && !int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out _);

        /// <summary>A gathered thing: the key of its file and its pointer in it (empty for the whole file).</summary>
        internal readonly struct Candidate
        {
            public Candidate(string fileKey, string pointer)
            {
                FileKey = fileKey;
                Pointer = pointer;
            }

            public string FileKey { get; }

            public string Pointer { get; }
        }

        private sealed class Entry
        {
            public Entry(Candidate candidate)
            {
                Identity = candidate.FileKey + candidate.Pointer;
                var fileName = SpecPaths.NameWithoutExtension(candidate.FileKey);
                var segments = PointerSegments(candidate.Pointer);
                var baseIndex = segments.FindLastIndex(IsMeaningful);
                Base = baseIndex < 0 ? fileName : segments[baseIndex];

                // Nearest first: the pointer's other meaningful segments, the file name, then the folders.
                for (var i = baseIndex - 1; i >= 0; i--)
                {
                    if (IsMeaningful(segments[i]))
                    {
                        Qualifiers.Add(segments[i]);
                    }
                }

                if (baseIndex >= 0 && !string.Equals(fileName, Base, StringComparison.OrdinalIgnoreCase))
                {
                    Qualifiers.Add(fileName);
                }

                Qualifiers.AddRange(SpecPaths.FoldersNearestFirst(candidate.FileKey));
            }

            public string Identity { get; }

            public string Base { get; }

            public List<string> Qualifiers { get; } = new List<string>();

            /// <summary>The qualifiers taken so far, nearest first.</summary>
            public List<string> Chosen { get; } = new List<string>();

            public string Name => Chosen.Count == 0 ? Base : string.Join("_", Enumerable.Reverse(Chosen)) + "_" + Base;

            public string? Final { get; set; }
        }
    }
}
