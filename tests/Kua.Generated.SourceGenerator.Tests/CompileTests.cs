using Kua.Generated.SourceGenerator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Kua.Generated.SourceGenerator.Tests;

/// <summary>
/// The generated code of the Kua spec and of every focused spec compiles with zero warnings and errors
/// (all warning levels, XML documentation diagnostics on) for each kind of consumer project.
/// </summary>
public sealed class CompileTests
{
    /// <summary>The consumer projects the generated code must compile in.</summary>
    public enum Target
    {
        /// <summary>net8.0, latest C#, nullable enabled, with the runtime's DI registration.</summary>
        Net80,

        /// <summary>net8.0 without Microsoft.Extensions.Http: no DI glue may be emitted.</summary>
        Net80WithoutDependencyInjection,

        /// <summary>netstandard2.0 at its default language version (C# 7.3): no nullable annotations, no DateOnly, no required members.</summary>
        NetStandard20CSharp73,

        /// <summary>netstandard2.0 with LangVersion latest and nullable enabled (a common library setup).</summary>
        NetStandard20Latest,
    }

    public static TheoryData<string, Target> Cases()
    {
        var data = new TheoryData<string, Target>();
        foreach (var spec in SpecNames())
        {
            foreach (var target in Enum.GetValues<Target>())
            {
                data.Add(spec, target);
            }
        }

        return data;
    }

    public static TheoryData<string> Specs() => new(SpecNames());

    /// <summary>"kua" for the shipped spec, else a file name in Specs/.</summary>
    public static IEnumerable<string> SpecNames() =>
        new[] { "kua" }.Concat(Directory.GetFiles(TestPaths.Specs)
            .Select(f => Path.GetFileName(f))
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Cases))]
    public void GeneratedCodeCompilesWithoutWarnings(string spec, Target target)
    {
        var run = Run(spec, target);

        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.NotEmpty(run.Sources);
        Assert.True(run.CompileDiagnostics.IsEmpty, Describe(run));
    }

    [Fact]
    public void CSharp73OutputHasNoNullableAnnotationsAndNet80OutputHas()
    {
        var old = Run("nullability.yaml", Target.NetStandard20CSharp73);
        var modern = Run("nullability.yaml", Target.Net80);

        Assert.All(old.Sources, s => Assert.DoesNotContain("#nullable", s.Source, StringComparison.Ordinal));
        Assert.DoesNotContain("string? ", old.TypeSource("Person"), StringComparison.Ordinal);
        Assert.Contains("#nullable enable", modern.TypeSource("Person"), StringComparison.Ordinal);
        Assert.Contains("public required string? Name { get; set; }", modern.TypeSource("Person"), StringComparison.Ordinal);
    }

    [Fact]
    public void XNullableMakesARequiredSwagger2PropertyNullable()
    {
        var stored = Run("swagger2.yaml", Target.Net80).TypeSource("Stored");

        Assert.Contains("public required string? Owner { get; set; }", stored, StringComparison.Ordinal);
        Assert.Contains("public required string Name { get; set; }", stored, StringComparison.Ordinal);
    }

    [Fact]
    public void TargetsWithoutDateOnlyGetDateTime()
    {
        var old = Run("formats.yaml", Target.NetStandard20Latest).TypeSource("Sample");
        var modern = Run("formats.yaml", Target.Net80).TypeSource("Sample");

        Assert.Contains("global::System.DateTime Date { get; set; }", old, StringComparison.Ordinal);
        Assert.Contains("global::System.DateOnly Date { get; set; }", modern, StringComparison.Ordinal);
    }

    [Fact]
    public void DependencyInjectionGlueOnlyWhenTheConsumerHasIt()
    {
        Assert.Contains("ServiceCollectionExtensions", Run("kua", Target.Net80).Source("KuaClient.g.cs"), StringComparison.Ordinal);
        Assert.DoesNotContain("ServiceCollectionExtensions", Run("kua", Target.Net80WithoutDependencyInjection).Source("KuaClient.g.cs"), StringComparison.Ordinal);
    }

    /// <summary>The strictness above is real: the same compilation flags an undocumented public type (CS1591).</summary>
    [Fact]
    public void DocumentationDiagnosticsAreOn()
    {
        var run = GeneratorHarness.Run(
            new[] { SpecFile.Named("enums.yaml") },
            References.Net80,
            userCode: "namespace Consumer { public class Undocumented { } }",
            documentationMode: DocumentationMode.Diagnose);

        Assert.Contains(run.CompileDiagnostics, d => d.Id == "CS1591");
    }

    internal static GeneratorRun Run(string spec, Target target) =>
        Run(spec == "kua" ? SpecFile.FromDisk(TestPaths.KuaSpec, ns: "Kua", clientName: "KuaClient") : SpecFile.Named(spec), target);

    /// <summary>Generates from a spec into the given kind of consumer project (documentation diagnostics on, every warning level).</summary>
    internal static GeneratorRun Run(SpecFile file, Target target)
    {
        var (references, language) = target switch
        {
            Target.Net80 => (References.Net80, LanguageVersion.Latest),
            Target.Net80WithoutDependencyInjection => (References.Net80WithoutDependencyInjection, LanguageVersion.Latest),
            Target.NetStandard20CSharp73 => (References.NetStandard20, LanguageVersion.CSharp7_3),
            _ => (References.NetStandard20, LanguageVersion.Latest),
        };
        return GeneratorHarness.Run(new[] { file }, references, language, documentationMode: DocumentationMode.Diagnose);
    }

    internal static string Describe(GeneratorRun run) =>
        string.Join("\n", run.CompileDiagnostics.Take(20).Select(d => d + " :: " + SourceLine(d)));

    private static string SourceLine(Diagnostic diagnostic)
    {
        var tree = diagnostic.Location.SourceTree;
        return tree is null ? string.Empty : tree.GetText().Lines[diagnostic.Location.GetLineSpan().StartLinePosition.Line].ToString().Trim();
    }
}
