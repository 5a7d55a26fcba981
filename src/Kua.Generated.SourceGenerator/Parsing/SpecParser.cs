using System;
using System.Threading;
using Kua.Generated.SourceGenerator.Diagnostics;
using Kua.Generated.SourceGenerator.Model;
using Kua.Generated.SourceGenerator.Parsing.References;
using Newtonsoft.Json.Linq;

namespace Kua.Generated.SourceGenerator.Parsing
{
    /// <summary>
    /// The parse step: spec text → <see cref="SpecModel"/>. Reads the text, bundles the fragments its
    /// <c>$ref</c>s reach into it, normalizes it, loads it with NSwag.Core and builds our model. Never
    /// throws (but for cancellation): every failure is a diagnostic in the model.
    /// </summary>
    internal static class SpecParser
    {
        public static SpecModel Parse(SpecInput input, CancellationToken cancellationToken)
        {
            var diagnostics = new DiagnosticBag(input.FilePath);
            var ns = ChooseNamespace(input, diagnostics);
            try
            {
                if (input.Text is null)
                {
                    diagnostics.Add(KuaDiagnostics.UnreadableSpec, SourcePosition.Unknown, "the file does not exist or cannot be opened");
                    return Empty(input, ns, diagnostics);
                }

                var root = SpecTextReader.Read(input.Text, diagnostics, cancellationToken);
                if (root is null)
                {
                    return Empty(input, ns, diagnostics);
                }

                ReferenceBundler.Bundle(root, input, diagnostics, cancellationToken);
                var normalized = SpecNormalizer.Normalize(root, diagnostics, cancellationToken);
                if (normalized is null)
                {
                    return Empty(input, ns, diagnostics);
                }

                var document = OpenApiLoader.Load((JObject)root, normalized.Version, diagnostics, cancellationToken);
                if (document is null)
                {
                    return Empty(input, ns, diagnostics);
                }

                var builder = new ModelBuilder(document, (JObject)root, normalized, diagnostics, cancellationToken);
                return builder.Build(input, ns);
            }
            catch (OperationCanceledException)
            {
                throw;
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                // A bug of ours must still not take the compiler down: report it and generate nothing.
                diagnostics.Add(KuaDiagnostics.InternalError, SourcePosition.Unknown, ex.GetType().Name, TextLines.First(ex.Message)!);
                return Empty(input, ns, diagnostics);
            }
        }

        private static SpecModel Empty(SpecInput input, string ns, DiagnosticBag diagnostics) =>
            new SpecModel(input.FilePath, ns, null, null, EquatableArray<TypeModel>.Empty, null, diagnostics.ToEquatableArray());

        private static string ChooseNamespace(SpecInput input, DiagnosticBag diagnostics)
        {
            if (!string.IsNullOrWhiteSpace(input.Namespace))
            {
                var requested = input.Namespace!.Trim();
                if (Naming.IsNamespace(requested))
                {
                    return requested;
                }

                var fixedName = Naming.ToNamespace(requested);
                diagnostics.Add(KuaDiagnostics.InvalidOption, SourcePosition.Unknown, "Namespace", requested, "namespace", fixedName);
                return fixedName;
            }

            if (!string.IsNullOrWhiteSpace(input.RootNamespace))
            {
                var root = input.RootNamespace!.Trim();
                return Naming.IsNamespace(root) ? root : Naming.ToNamespace(root);
            }

            return "Kua.Generated.Client";
        }
    }
}
