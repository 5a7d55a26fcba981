using System;
using System.Text;
using Kua.Generated.SourceGenerator.Diagnostics;
using Kua.Generated.SourceGenerator.Emitting;
using Kua.Generated.SourceGenerator.Model;
using Kua.Generated.SourceGenerator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Kua.Generated.SourceGenerator
{
    /// <summary>
    /// Turns each <c>KuaOpenApi</c> additional file into a typed client and DTOs.
    /// Pipeline: filter by metadata → read text → parse (NSwag.Core, once per text) → equatable model
    /// → one unit per type and one for the client → emit → add sources; diagnostics travel separately.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class KuaGenerator : IIncrementalGenerator
    {
        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var inputs = context.AdditionalTextsProvider
                .Combine(context.AnalyzerConfigOptionsProvider)
                .Select(static (pair, cancellationToken) => SpecInputReader.Read(pair.Left, pair.Right, cancellationToken))
                .Where(static input => input != null)
                .Select(static (input, _) => input!)
                .WithTrackingName(TrackingNames.Inputs);

            var models = inputs
                .Select(static (input, cancellationToken) => SpecParser.Parse(input, cancellationToken))
                .WithTrackingName(TrackingNames.Models);

            var options = context.CompilationProvider
                .Select(static (compilation, _) => EmitOptionsReader.Read(compilation))
                .WithTrackingName(TrackingNames.EmitOptions);

            var files = models
                .Combine(options)
                .SelectMany(static (pair, _) => Emitter.Plan(pair.Left, pair.Right))
                .WithTrackingName(TrackingNames.Units)
                .Select(static (unit, _) => Emitter.Emit(unit))
                .WithTrackingName(TrackingNames.Files);

            context.RegisterSourceOutput(files, static (context, file) => AddSource(context, file));

            var diagnostics = models
                .Select(static (model, _) => model.Diagnostics)
                .WithTrackingName(TrackingNames.Diagnostics);

            context.RegisterSourceOutput(diagnostics, static (context, items) =>
            {
                foreach (var item in items)
                {
                    context.ReportDiagnostic(DiagnosticFactory.Create(item));
                }
            });
        }

        private static void AddSource(SourceProductionContext context, GeneratedFile file)
        {
            try
            {
                context.AddSource(file.HintName, SourceText.From(file.Source, Encoding.UTF8));
            }
            catch (ArgumentException ex)
            {
                // Two KuaOpenApi files that generate the same client into the same namespace.
                context.ReportDiagnostic(Diagnostic.Create(KuaDiagnostics.DuplicateClient, Location.None, file.HintName, ex.Message));
            }
        }
    }
}
