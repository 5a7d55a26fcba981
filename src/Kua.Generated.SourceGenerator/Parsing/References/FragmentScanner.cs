using System;
using System.Collections.Generic;
using System.Threading;
using Kua.Generated.SourceGenerator.Diagnostics;
using Kua.Generated.SourceGenerator.Model;
using Newtonsoft.Json.Linq;

namespace Kua.Generated.SourceGenerator.Parsing.References
{
    /// <summary>
    /// Lists the files one file's <c>$ref</c>s name (and discriminator mappings, which may name files too), so that
    /// the files a spec reaches are known per file and an edit re-reads only the edited file. What goes wrong
    /// here is reported later, by the parse of a spec that reaches the file.
    /// </summary>
    internal static class FragmentScanner
    {
        public static FragmentFile Scan(SpecFragment file, CancellationToken cancellationToken)
        {
            var key = SpecPaths.Key(file.Path);
            if (file.Text is null || !MayNameOtherFiles(file.Text))
            {
                return new FragmentFile(file.Path, key, file.Text, EquatableArray<string>.Empty);
            }

            JToken? root;
            try
            {
                root = SpecTextReader.Read(file.Text, new DiagnosticBag(file.Path), cancellationToken);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                root = null;
            }

            var references = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var reference in References(root, cancellationToken))
            {
                var parsed = SpecReference.Parse(reference);
                if (parsed.Kind == ReferenceKind.File)
                {
                    references.Add(SpecPaths.Resolve(file.Path, parsed.Path));
                }
            }

            return new FragmentFile(file.Path, key, file.Text, references.ToEquatableArray());
        }

        /// <summary>
        /// A cheap look at the text: false only when every <c>$ref</c> in it is followed by a local <c>#…</c> and no
        /// discriminator mapping or escaped <c>$</c> could name a file, so most single-file specs are not parsed here.
        /// </summary>
        public static bool MayNameOtherFiles(string text)
        {
            if (text.IndexOf("mapping", StringComparison.Ordinal) >= 0 || text.IndexOf("u0024", StringComparison.OrdinalIgnoreCase) >= 0 || text.IndexOf("x24", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }

            for (var at = text.IndexOf("$ref", StringComparison.Ordinal); at >= 0; at = text.IndexOf("$ref", at, StringComparison.Ordinal))
            {
                var i = SkipQuote(text, at + 4);
                i = SkipSpace(text, i);
                if (i >= text.Length || text[i] != ':')
                {
                    return true;
                }

                i = SkipQuote(text, SkipSpace(text, i + 1));
                if (i >= text.Length || text[i] != '#')
                {
                    return true;
                }

                at = i;
            }

            return false;
        }

        /// <summary>Every <c>$ref</c> value and discriminator mapping value in the tree.</summary>
        private static IEnumerable<string> References(JToken? root, CancellationToken cancellationToken)
        {
            if (root is null)
            {
                yield break;
            }

            foreach (var token in JsonTree.Walk(root, cancellationToken))
            {
                if (token is JProperty property && property.Name == "$ref" && property.Value is JValue reference && reference.Value is string text)
                {
                    yield return text;
                }
                else if (token is JProperty entries && entries.Name == "mapping" && entries.Value is JObject mapping)
                {
                    foreach (var entry in mapping.Properties())
                    {
                        if (entry.Value is JValue value && value.Value is string target)
                        {
                            yield return target;
                        }
                    }
                }
            }
        }

        private static int SkipQuote(string text, int i) => i < text.Length && (text[i] == '"' || text[i] == '\'') ? i + 1 : i;

        private static int SkipSpace(string text, int i)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            return i;
        }
    }
}
