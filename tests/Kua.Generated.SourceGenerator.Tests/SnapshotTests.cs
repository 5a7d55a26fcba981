using Kua.Generated.SourceGenerator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Kua.Generated.SourceGenerator.Tests;

/// <summary>
/// The generated files for the Kua spec and for a handful of focused specs, compared with checked-in
/// snapshots (Snapshots/*.verified.cs). Focused snapshots keep only the files that show their concern.
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
    public void Enums() => Match("enums.yaml", "Enums", ".Awkward.g.cs", ".Signed.g.cs", ".Switch.g.cs", ".NullableStatus.g.cs");

    [Fact]
    public void Nullability() => Match("nullability.yaml", "Nullability", ".Person.g.cs");

    [Fact]
    public void NullabilityCSharp73()
    {
        var run = GeneratorHarness.Run(SpecFile.Named("nullability.yaml"), References.NetStandard20, LanguageVersion.CSharp7_3);
        Assert.Empty(run.GeneratorDiagnostics);
        Snapshot.Match("Nullability.CSharp73", run.Sources.Where(s => s.HintName.EndsWith(".Person.g.cs", StringComparison.Ordinal)));
    }

    [Fact]
    public void Inheritance() => Match("inheritance.yaml", "Inheritance", ".Pet.g.cs", ".Dog.g.cs", ".Lion.g.cs", ".Document.g.cs");

    [Fact]
    public void Unions() => Match("unions.yaml", "Unions", ".Shape.g.cs", ".StringOrNumber.g.cs", ".Either.g.cs");

    [Fact]
    public void Identifiers()
    {
        var run = GeneratorHarness.Run(SpecFile.Named("identifiers.yaml"));
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);

        // Names are the interesting part: the declarations of every file, and the client in full.
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
