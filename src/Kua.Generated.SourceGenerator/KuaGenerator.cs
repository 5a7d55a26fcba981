using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Kua.Generated.SourceGenerator.ClientAssembly;
using Kua.Generated.SourceGenerator.Diagnostics;
using Kua.Generated.SourceGenerator.Emitting;
using Kua.Generated.SourceGenerator.Model;
using Kua.Generated.SourceGenerator.Parsing;
using Kua.Generated.SourceGenerator.Parsing.References;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Kua.Generated.SourceGenerator
{
    /// <summary>
    /// Turns each <c>KuaOpenApi</c> additional file into a typed client and DTOs.
    /// Pipeline: filter by metadata → read text (and the fragments its $refs reach) → parse (NSwag.Core, once per
    /// text) → equatable model → one unit per type and one for the client → emit → add sources; diagnostics
    /// travel separately.
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

            // Files a spec's $refs may reach, each read and scanned for the files it names on its own, so that a
            // spec's input changes only when a file it reaches changes.
            var fragments = context.AdditionalTextsProvider
                .Combine(context.AnalyzerConfigOptionsProvider)
                .Select(static (pair, cancellationToken) => SpecInputReader.ReadFragment(pair.Left, pair.Right, cancellationToken))
                .Where(static fragment => fragment != null)
                .Select(static (fragment, _) => fragment!)
                .WithTrackingName(TrackingNames.Fragments)
                .Select(static (fragment, cancellationToken) => FragmentScanner.Scan(fragment, cancellationToken))
                .WithTrackingName(TrackingNames.FragmentReferences);

            var specFiles = inputs
                .Combine(fragments.Collect())
                .Select(static (pair, cancellationToken) => FragmentClosure.Attach(pair.Left, pair.Right, cancellationToken))
                .WithTrackingName(TrackingNames.SpecFiles);

            var models = specFiles
                .Select(static (input, cancellationToken) => SpecParser.Parse(input, cancellationToken))
                .WithTrackingName(TrackingNames.Models);

            // Looking types up in a new compilation costs 0.2 s per build; a compilation without specs (the project's
            // own compile beside a KuaSeparateAssembly client) has nothing to emit and skips it.
            var anySpec = inputs.Collect().Select(static (all, _) => !all.IsEmpty);
            var options = context.CompilationProvider
                .Combine(anySpec)
                .Select(static (pair, _) => pair.Right ? EmitOptionsReader.Read(pair.Left) : EmitOptions.Default)
                .WithTrackingName(TrackingNames.EmitOptions);

            var files = models
                .Combine(options)
                .SelectMany(static (pair, _) => Emitter.Plan(pair.Left, pair.Right))
                .WithTrackingName(TrackingNames.Units)
                .Select(static (unit, _) => Emitter.Emit(unit))
                .WithTrackingName(TrackingNames.Files);

            // All files meet in one output: Roslyn rejects a duplicate hint name with an exception, and two
            // specs may also declare the same type, so collisions are found here, before any source is added.
            context.RegisterSourceOutput(files.Collect(), static (context, all) => AddSources(context, all));

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

            PartialExtensionCheck.Register(context);
        }

        /// <summary>
        /// Adds every spec's files, in spec order. A spec whose files or types another spec already produced
        /// is not added at all (half a client would only add compile errors): it gets KUA0020 instead.
        /// </summary>
        private static void AddSources(SourceProductionContext context, ImmutableArray<GeneratedFile> files)
        {
            var hintOwners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var typeOwners = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var spec in files.GroupBy(f => f.SpecPath, StringComparer.Ordinal))
            {
                var conflict = FindConflict(spec, hintOwners, typeOwners);
                if (conflict != null)
                {
                    var location = Location.Create(spec.Key, default, default);
                    context.ReportDiagnostic(Diagnostic.Create(KuaDiagnostics.DuplicateClient, location, conflict.Value.Name, conflict.Value.Owner));
                    continue;
                }

                foreach (var file in spec)
                {
                    if (!hintOwners.ContainsKey(file.HintName))
                    {
                        hintOwners.Add(file.HintName, spec.Key);
                        context.AddSource(file.HintName, SourceText.From(file.Source, Encoding.UTF8));
                    }

                    foreach (var type in file.DeclaredTypes)
                    {
                        typeOwners[type] = spec.Key;
                    }
                }
            }
        }

        private static (string Name, string Owner)? FindConflict(IEnumerable<GeneratedFile> spec, Dictionary<string, string> hintOwners, Dictionary<string, string> typeOwners)
        {
            // A type declared twice is the clearer report (its file's name collides too when each type has its own file).
            foreach (var file in spec)
            {
                foreach (var type in file.DeclaredTypes)
                {
                    if (typeOwners.TryGetValue(type, out var owner))
                    {
                        return (type, owner);
                    }
                }
            }

            foreach (var file in spec)
            {
                if (hintOwners.TryGetValue(file.HintName, out var owner))
                {
                    return (file.HintName, owner);
                }
            }

            return null;
        }
    }
}
