using Kua.Generated.SourceGenerator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Kua.Generated.SourceGenerator.Tests;

/// <summary>
/// The generated files for the Kua spec and for a handful of focused specs, compared with checked-in
/// snapshots (Snapshots/*.verified.cs). Focused snapshots keep only the files that show their concern
/// (the client, or the model files that declare the named types).
/// </summary>
public sealed class SnapshotTests
{
    [Fact]
    public void KuaSpec()
    {
        var run = GeneratorHarness.Run(SpecFile.FromDisk(TestPaths.KuaSpec, ns: "Kua", clientName: "KuaClient"));
        Assert.Empty(run.GeneratorDiagnostics);
        Snapshot.Match("Kua", run.Sources);
    }

    [Fact]
    public void Parameters() => Match("parameters.yaml", "Parameters", "ParametersClient.g.cs");

    [Fact]
    public void Bodies() => Match("bodies.yaml", "Bodies", "BodiesClient.g.cs");

    [Fact]
    public void Streams() => Match("streams.yaml", "Streams", "StreamsClient.g.cs");

    [Fact]
    public void Security() => Match("security.yaml", "Security", "SecurityClient.g.cs");

    [Fact]
    public void Enums() => MatchTypes("enums.yaml", "Enums", "Awkward", "Signed", "Switch", "NullableStatus");

    [Fact]
    public void Nullability() => MatchTypes("nullability.yaml", "Nullability", "Person");

    [Fact]
    public void NullabilityCSharp73()
    {
        var run = GeneratorHarness.Run(SpecFile.Named("nullability.yaml"), References.NetStandard20, LanguageVersion.CSharp7_3);
        Assert.Empty(run.GeneratorDiagnostics);
        Snapshot.Match("Nullability.CSharp73", FilesDeclaring(run, "Person"));
    }

    [Fact]
    public void Inheritance() => MatchTypes("inheritance.yaml", "Inheritance", "Pet", "Dog", "Lion", "Document");

    [Fact]
    public void Unions() => MatchTypes("unions.yaml", "Unions", "Shape", "StringOrNumber", "Either");

    [Fact]
    public void Features() => MatchTypes("features.yaml", "Features", "ExplicitShape", "ImplicitShape", "Fixed", "Node", "Composed", "Holder");

    [Fact]
    public void Features31() => MatchTypes("features-31.yaml", "Features31", "Item");

    [Fact]
    public void Formats() => MatchTypes("formats.yaml", "Formats", "Sample");

    [Fact]
    public void AdditionalProperties() => MatchTypes("additional-properties.yaml", "AdditionalProperties", "Settings", "Open");

    [Fact]
    public void Swagger2()
    {
        var run = GeneratorHarness.Run(SpecFile.Named("swagger2.yaml", clientName: "Swagger2Client"));
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Snapshot.Match("Swagger2", run.Sources);
    }

    [Fact]
    public void Identifiers()
    {
        var run = GeneratorHarness.Run(SpecFile.Named("identifiers.yaml"));
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);

        // Names are the interesting part: the public declarations of every file, the client's included.
        var declarations = run.Sources
            .OrderBy(s => s.HintName, StringComparer.Ordinal)
            .Select(s => "//----- " + s.HintName + "\n" + string.Join("\n", s.Source.Split('\n').Where(IsDeclaration).Select(l => l.Trim())) + "\n");
        Snapshot.Match("Identifiers", string.Concat(declarations));
    }

    private static bool IsDeclaration(string line)
    {
        var text = line.Trim();
        return text.StartsWith("public ", StringComparison.Ordinal) && !text.StartsWith("public override", StringComparison.Ordinal) &&
               !text.Contains("JsonConverter Instance", StringComparison.Ordinal);
    }

    private static void MatchTypes(string spec, string name, params string[] typeNames)
    {
        var run = GeneratorHarness.Run(SpecFile.Named(spec));
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Snapshot.Match(name, FilesDeclaring(run, typeNames));
    }

    /// <summary>The model files that declare the given types (each must be declared somewhere).</summary>
    private static IEnumerable<(string HintName, string Source)> FilesDeclaring(GeneratorRun run, params string[] typeNames)
    {
        var sources = typeNames.Select(run.TypeSource).Distinct().ToList();
        return run.Sources.Where(s => sources.Contains(s.Source));
    }

    private static void Match(string spec, string name, params string[] hintSuffixes)
    {
        var run = GeneratorHarness.Run(SpecFile.Named(spec));
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        foreach (var suffix in hintSuffixes)
        {
            Assert.Contains(run.Sources, s => s.HintName.EndsWith(suffix, StringComparison.Ordinal));
        }

        Snapshot.Match(name, run.Sources.Where(s => hintSuffixes.Any(suffix => s.HintName.EndsWith(suffix, StringComparison.Ordinal))));
    }
}
