using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Kua.Generated.SourceGenerator.Model;

namespace Kua.Generated.SourceGenerator.Parsing.References
{
    /// <summary>
    /// Gives a spec the files it reaches through <c>$ref</c>s, directly or through other files, and no others: an
    /// edit of a file the spec does not reach leaves its input equal, so its model and code are reused.
    /// </summary>
    internal static class FragmentClosure
    {
        public static SpecInput Attach(SpecInput input, ImmutableArray<FragmentFile> files, CancellationToken cancellationToken)
        {
            var byKey = new Dictionary<string, FragmentFile>(SpecPaths.Comparer);
            foreach (var file in files)
            {
                if (!byKey.ContainsKey(file.Key))
                {
                    byKey.Add(file.Key, file);
                }
            }

            var specKey = SpecPaths.Key(input.FilePath);
            var reached = new SortedDictionary<string, FragmentFile>(System.StringComparer.Ordinal);
            var pending = new Queue<string>();
            if (byKey.TryGetValue(specKey, out var spec))
            {
                Enqueue(spec, pending);
            }

            var seen = new HashSet<string>(SpecPaths.Comparer) { specKey };
            while (pending.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var key = pending.Dequeue();
                if (seen.Add(key) && byKey.TryGetValue(key, out var file))
                {
                    reached.Add(file.Key, file);
                    Enqueue(file, pending);
                }
            }

            return input with { Fragments = reached.Values.Select(f => new SpecFragment(f.Path, f.Text)).ToEquatableArray() };
        }

        private static void Enqueue(FragmentFile file, Queue<string> pending)
        {
            foreach (var reference in file.References)
            {
                pending.Enqueue(reference);
            }
        }
    }
}
