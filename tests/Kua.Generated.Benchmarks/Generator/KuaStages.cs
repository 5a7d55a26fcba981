using Kua.Generated.SourceGenerator.Diagnostics;
using Kua.Generated.SourceGenerator.Emitting;
using Kua.Generated.SourceGenerator.Model;
using Kua.Generated.SourceGenerator.Parsing;
using Newtonsoft.Json.Linq;
using NSwag;

namespace Kua.Generated.Benchmarks.Generator;

/// <summary>
/// Our generator's stages called directly (through InternalsVisibleTo), in the order SpecParser.Parse runs them:
/// load = SpecTextReader.Read + SpecNormalizer.Normalize + OpenApiLoader.Load (NSwag.Core inside),
/// model = ModelBuilder.Build, emit = Emitter.Plan + Emitter.Emit for every unit.
/// </summary>
internal static class KuaStages
{
    public sealed record Loaded(SpecInput Input, JObject Root, NormalizedSpec Normalized, OpenApiDocument Document);

    public static SpecInput Input(string text, string clientName) =>
        new(Infrastructure.GeneratorDrivers.SpecPath, text, "Bench.Api", clientName, "Consumer");

    public static Loaded Load(SpecInput input)
    {
        var diagnostics = new DiagnosticBag(input.FilePath);
        var (root, normalized) = ReadAndNormalize(input, diagnostics);
        var document = OpenApiLoader.Load(root, normalized.Version, diagnostics, CancellationToken.None)
            ?? throw new InvalidOperationException("NSwag.Core did not load the spec: " + Describe(diagnostics));
        return new Loaded(input, root, normalized, document);
    }

    /// <summary>Only the text → JSON tree part of loading (no NSwag).</summary>
    public static JObject ReadAndNormalize(SpecInput input) => ReadAndNormalize(input, new DiagnosticBag(input.FilePath)).Root;

    public static SpecModel Model(Loaded loaded) =>
        new ModelBuilder(loaded.Document, loaded.Root, loaded.Normalized, new DiagnosticBag(loaded.Input.FilePath), CancellationToken.None)
            .Build(loaded.Input, loaded.Input.Namespace!);

    /// <summary>
    /// Every file of the model, as the pipeline's emit step produces them with <paramref name="options"/> (read from
    /// the compilation, as the generator does); returns the characters written.
    /// </summary>
    public static long Emit(SpecModel model, EmitOptions options)
    {
        long total = 0;
        foreach (var unit in Emitter.Plan(model, options))
        {
            total += Emitter.Emit(unit).Source.Length;
        }

        return total;
    }

    /// <summary>The whole parse + emit without Roslyn's driver around it.</summary>
    public static long EndToEnd(SpecInput input, EmitOptions options) => Emit(SpecParser.Parse(input, CancellationToken.None), options);

    private static (JObject Root, NormalizedSpec Normalized) ReadAndNormalize(SpecInput input, DiagnosticBag diagnostics)
    {
        var root = SpecTextReader.Read(input.Text!, diagnostics, CancellationToken.None) as JObject
            ?? throw new InvalidOperationException("The spec did not read: " + Describe(diagnostics));
        var normalized = SpecNormalizer.Normalize(root, diagnostics, CancellationToken.None)
            ?? throw new InvalidOperationException("The spec did not normalize: " + Describe(diagnostics));
        return (root, normalized);
    }

    private static string Describe(DiagnosticBag diagnostics) =>
        string.Join("; ", diagnostics.ToEquatableArray().Select(d => d.Id + " " + string.Join(",", d.Arguments)));
}
