using System;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Kua.Generated.SourceGenerator.Diagnostics;
using Kua.Generated.SourceGenerator.Model;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Generation;
using NJsonSchema.References;
using NSwag;

namespace Kua.Generated.SourceGenerator.Parsing
{
    /// <summary>
    /// The one place NSwag.Core runs: the normalized tree is handed to its loader, which resolves local
    /// references. It may never touch the disk or the network from inside the compiler.
    /// </summary>
    internal static class OpenApiLoader
    {
        private static readonly Regex JsonPositionSuffix = new Regex(@",\s*line \d+, position \d+\.$", RegexOptions.CultureInvariant);

        public static OpenApiDocument? Load(JObject root, SpecVersion version, DiagnosticBag diagnostics, CancellationToken cancellationToken)
        {
            var json = root.ToString(Formatting.None);
            var schemaType = version == SpecVersion.Swagger2 ? SchemaType.Swagger2 : SchemaType.OpenApi3;
            try
            {
                // Nothing below awaits real I/O (references are local only), so the task completes synchronously.
                var task = OpenApiDocument.FromJsonAsync(json, null, schemaType, document => new LocalReferenceResolver(document), cancellationToken);
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                throw;
            }
            catch (JsonSerializationException ex)
            {
                diagnostics.Add(KuaDiagnostics.LoadFailed, PositionOf(root, ex.Path), WithoutJsonPosition(TextLines.First(ex.Message)!));
            }
            catch (JsonReaderException ex)
            {
                diagnostics.Add(KuaDiagnostics.LoadFailed, PositionOf(root, ex.Path), WithoutJsonPosition(TextLines.First(ex.Message)!));
            }
            catch (Exception ex)
            {
                diagnostics.Add(KuaDiagnostics.LoadFailed, SourcePosition.Unknown, ex.GetType().Name + ": " + TextLines.First(ex.Message)!);
            }

            return null;
        }

        private static SourcePosition PositionOf(JObject root, string? path)
        {
            if (string.IsNullOrEmpty(path))
            {
                return SourcePosition.Unknown;
            }

            try
            {
                // Newtonsoft's path points into the JSON NSwag read, which mirrors the normalized tree.
                for (var candidate = path; !string.IsNullOrEmpty(candidate); candidate = Shorten(candidate!))
                {
                    var token = root.SelectToken(candidate!, errorWhenNoMatch: false);
                    if (token != null)
                    {
                        return SpecLines.Of(token);
                    }
                }
            }
            catch (JsonException)
            {
                // A path Newtonsoft cannot evaluate: no position.
            }

            return SourcePosition.Unknown;
        }

        private static string? Shorten(string path)
        {
            var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            return cut <= 0 ? null : path.Substring(0, cut);
        }

        /// <summary>
        /// Drops Newtonsoft's ", line 1, position 132": it counts in the one-line JSON handed to NSwag, not in
        /// the spec file, whose position the diagnostic carries instead.
        /// </summary>
        private static string WithoutJsonPosition(string message) =>
            JsonPositionSuffix.Replace(message, ".");

        /// <summary>Resolves references inside the document only; file and URL references are refused.</summary>
        private sealed class LocalReferenceResolver : JsonReferenceResolver
        {
            public LocalReferenceResolver(OpenApiDocument document)
                : base(new OpenApiSchemaResolver(document, new SystemTextJsonSchemaGeneratorSettings()))
            {
            }

            public override Task<IJsonReference> ResolveFileReferenceAsync(string filePath, CancellationToken cancellationToken = default) =>
                throw new InvalidOperationException("The reference to the file '" + filePath + "' is not resolved: a generator may not read files.");

            public override Task<IJsonReference> ResolveUrlReferenceAsync(string url, CancellationToken cancellationToken = default) =>
                throw new InvalidOperationException("The reference to '" + url + "' is not resolved: a generator may not use the network.");
        }
    }
}
