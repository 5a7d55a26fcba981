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

        /// <summary>
        /// Names for <paramref name="candidates"/>, in their order; <paramref name="taken"/> are the section's own names.
        /// Folders count from the one the spec and the file share (the spec's own folder, for its fragments).
        /// </summary>
        public static IReadOnlyList<string> Assign(IReadOnlyList<Candidate> candidates, IEnumerable<string> taken, string specKey)
        {
            var reserved = new HashSet<string>(taken.Select(CSharpName), StringComparer.OrdinalIgnoreCase);
            var specFolders = SpecPaths.Folders(specKey);
            var entries = candidates.Select(c => new Entry(c, specFolders)).ToList();
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
        /// Gives each entry of one would-be name the nearest qualifier that none of the others has anywhere
        /// (<c>apps</c> for <c>apps/models/error.yaml</c> beside <c>billing/models/error.yaml</c>: <c>models</c>, which
        /// both have, tells nothing). One that has no such qualifier and still clashes takes its nearest one.
        /// </summary>
        private static void Distinguish(List<Entry> group, HashSet<string> reserved)
        {
            if (group.Count == 1 && !reserved.Contains(CSharpName(group[0].Base)))
            {
                return;
            }

            foreach (var entry in group)
            {
                var unique = entry.Qualifiers.FirstOrDefault(q => !group.Any(o => o != entry && o.Qualifiers.Contains(q, StringComparer.OrdinalIgnoreCase)));
                entry.Qualifier = unique;
            }

            foreach (var entry in group)
            {
                var name = CSharpName(entry.Name);
                var clashes = reserved.Contains(name) || group.Any(o => o != entry && string.Equals(CSharpName(o.Name), name, StringComparison.OrdinalIgnoreCase));
                if (clashes && entry.Qualifier is null && entry.Qualifiers.Count > 0)
                {
                    entry.Qualifier = entry.Qualifiers[0];
                }
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
            public Entry(Candidate candidate, IReadOnlyList<string> specFolders)
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

                var folders = SpecPaths.Folders(candidate.FileKey);
                var shared = 0;
                while (shared < folders.Count && shared < specFolders.Count && SpecPaths.Comparer.Equals(folders[shared], specFolders[shared]))
                {
                    shared++;
                }

                for (var i = folders.Count - 1; i >= shared; i--)
                {
                    Qualifiers.Add(folders[i]);
                }
            }

            public string Identity { get; }

            public string Base { get; }

            public List<string> Qualifiers { get; } = new List<string>();

            /// <summary>The qualifier taken, if any.</summary>
            public string? Qualifier { get; set; }

            public string Name => Qualifier is null ? Base : Qualifier + "_" + Base;

            public string? Final { get; set; }
        }
    }
}
