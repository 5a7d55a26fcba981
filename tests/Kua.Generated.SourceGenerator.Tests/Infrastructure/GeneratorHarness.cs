using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Kua.Generated.SourceGenerator.Tests.Infrastructure;

/// <summary>The outcome of one generator run over a compilation.</summary>
internal sealed record GeneratorRun(
    GeneratorDriver Driver,
    Compilation Output,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    ImmutableArray<(string HintName, string Source)> Sources)
{
    public GeneratorRunResult Result => Driver.GetRunResult().Results.Single();

    private ImmutableArray<Diagnostic>? _compileDiagnostics;

    /// <summary>
    /// Compiler diagnostics of the output compilation (generated code included), warnings and errors. Computed once:
    /// Roslyn does not keep method-body diagnostics, and assertions read them again to describe a failure.
    /// </summary>
    public ImmutableArray<Diagnostic> CompileDiagnostics =>
        _compileDiagnostics ??= Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();

    public string Source(string hintSuffix) => Sources.Single(s => s.HintName.EndsWith(hintSuffix, StringComparison.Ordinal)).Source;

    /// <summary>The text of the generated file that declares a type (its own file, or its bucket in a large spec).</summary>
    public string TypeSource(string typeName)
    {
        var declaration = new System.Text.RegularExpressions.Regex(@"\b(class|struct|enum) " + typeName + @"\b");
        return Sources.Single(s => declaration.IsMatch(s.Source) && !s.HintName.EndsWith("Client.g.cs", StringComparison.Ordinal)).Source;
    }
}

/// <summary>Runs the generator in memory: a compilation, additional files with KuaOpenApi metadata, and a driver that tracks steps.</summary>
internal static class GeneratorHarness
{
    /// <summary>Documented, so that it compiles warning-free with documentation diagnostics on.</summary>
    public const string DefaultUserCode = "namespace Consumer { /// <summary>The entry point.</summary>\n public static class Program { /// <summary>Runs.</summary>\n public static void Main() { } } }";

    public static CSharpParseOptions ParseOptions(LanguageVersion languageVersion, DocumentationMode documentationMode = DocumentationMode.Parse) =>
        new(languageVersion, documentationMode);

    public static CSharpCompilation CreateCompilation(
        IEnumerable<MetadataReference>? references = null,
        LanguageVersion languageVersion = LanguageVersion.Latest,
        string userCode = DefaultUserCode,
        NullableContextOptions nullable = NullableContextOptions.Enable,
        DocumentationMode documentationMode = DocumentationMode.Parse)
    {
        var parseOptions = ParseOptions(languageVersion, documentationMode);
        return CSharpCompilation.Create(
            "Consumer",
            new[] { CSharpSyntaxTree.ParseText(userCode, parseOptions, path: "Program.cs") },
            references ?? References.Net80,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: languageVersion >= LanguageVersion.CSharp8 ? nullable : NullableContextOptions.Disable,
                deterministic: true,
                // Every warning the compiler knows, as the strictest analysis level would report.
                warningLevel: 9999));
    }

    public static GeneratorDriver CreateDriver(
        IEnumerable<SpecFile> specs,
        string? rootNamespace = "Consumer",
        LanguageVersion languageVersion = LanguageVersion.Latest,
        DocumentationMode documentationMode = DocumentationMode.Parse) =>
        CreateDriver(specs, out _, rootNamespace, languageVersion, documentationMode);

    /// <summary>Creates a driver and hands out the additional texts, for tests that replace or remove them.</summary>
    public static GeneratorDriver CreateDriver(
        IEnumerable<SpecFile> specs,
        out ImmutableArray<AdditionalText> texts,
        string? rootNamespace = "Consumer",
        LanguageVersion languageVersion = LanguageVersion.Latest,
        DocumentationMode documentationMode = DocumentationMode.Parse)
    {
        var files = specs.ToList();
        texts = files.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)).ToImmutableArray();
        return CSharpGeneratorDriver.Create(
            generators: new[] { new KuaGenerator().AsSourceGenerator() },
            additionalTexts: texts,
            parseOptions: ParseOptions(languageVersion, documentationMode),
            optionsProvider: OptionsProvider(files, rootNamespace),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    /// <summary>The analyzer-config options the package's props would produce for these specs.</summary>
    public static AnalyzerConfigOptionsProvider OptionsProvider(IEnumerable<SpecFile> specs, string? rootNamespace = "Consumer")
    {
        var files = specs.ToList();
        var fileOptions = files.ToImmutableDictionary(
            f => f.Path,
            f =>
            {
                if (f.IsFragment)
                {
                    return ImmutableDictionary<string, string>.Empty.Add("build_metadata.AdditionalFiles.KuaOpenApiFragment", "true");
                }

                var options = ImmutableDictionary<string, string>.Empty.Add("build_metadata.AdditionalFiles.KuaOpenApi", "true");
                if (f.Namespace != null)
                {
                    options = options.Add("build_metadata.AdditionalFiles.KuaNamespace", f.Namespace);
                }

                if (f.ClientName != null)
                {
                    options = options.Add("build_metadata.AdditionalFiles.KuaClientName", f.ClientName);
                }

                if (f.KeepUnusedSchemas)
                {
                    options = options.Add("build_metadata.AdditionalFiles.KuaKeepUnusedSchemas", "true");
                }

                return options;
            });
        var global = rootNamespace is null
            ? ImmutableDictionary<string, string>.Empty
            : ImmutableDictionary<string, string>.Empty.Add("build_property.RootNamespace", rootNamespace);

        return new TestOptionsProvider(fileOptions, global);
    }

    public static GeneratorRun Run(GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var result = driver.GetRunResult().Results.Single();
        if (result.Exception != null)
        {
            throw new InvalidOperationException("The generator threw.", result.Exception);
        }

        var sources = result.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())).ToImmutableArray();
        return new GeneratorRun(driver, output, diagnostics.AddRange(result.Diagnostics).Distinct().ToImmutableArray(), sources);
    }

    public static GeneratorRun Run(
        IEnumerable<SpecFile> specs,
        IEnumerable<MetadataReference>? references = null,
        LanguageVersion languageVersion = LanguageVersion.Latest,
        string userCode = DefaultUserCode,
        string? rootNamespace = "Consumer",
        DocumentationMode documentationMode = DocumentationMode.Parse) =>
        Run(CreateDriver(specs, rootNamespace, languageVersion, documentationMode), CreateCompilation(references, languageVersion, userCode, documentationMode: documentationMode));

    public static GeneratorRun Run(SpecFile spec, IEnumerable<MetadataReference>? references = null, LanguageVersion languageVersion = LanguageVersion.Latest, string userCode = DefaultUserCode) =>
        Run(new[] { spec }, references, languageVersion, userCode);
}
