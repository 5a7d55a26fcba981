using System.Collections.Immutable;
using Kua.Generated.SourceGenerator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Kua.Generated.SourceGenerator.Tests.Infrastructure;

namespace Kua.Generated.Benchmarks.Infrastructure;

/// <summary>Runs our generator the way the compiler does: a <see cref="CSharpGeneratorDriver"/> over a compilation and KuaOpenApi additional files.</summary>
internal static class GeneratorDrivers
{
    public const string SpecPath = "/bench/api/spec.openapi";

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly ImmutableArray<MetadataReference> References = LoadReferences();

    public static SyntaxTree UserTree(int edit) => CSharpSyntaxTree.ParseText(
        "namespace Consumer\n{\n    public static class Program\n    {\n        public static int Edit => " + edit + ";\n    }\n}\n",
        ParseOptions,
        path: "Program.cs");

    /// <summary>A consumer compilation that references the framework and the runtime, as a real project does.</summary>
    public static CSharpCompilation CreateCompilation(SyntaxTree userTree) => CSharpCompilation.Create(
        "Consumer",
        [userTree],
        References,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static AdditionalText Spec(string text) => new InMemoryAdditionalText(SpecPath, text);

    public static GeneratorDriver CreateDriver(AdditionalText spec, string clientName) =>
        CSharpGeneratorDriver.Create(
            generators: [new KuaGenerator().AsSourceGenerator()],
            additionalTexts: [spec],
            parseOptions: ParseOptions,
            optionsProvider: new TestOptionsProvider(
                ImmutableDictionary<string, ImmutableDictionary<string, string>>.Empty.Add(SpecPath, ImmutableDictionary<string, string>.Empty
                    .Add("build_metadata.AdditionalFiles.KuaOpenApi", "true")
                    .Add("build_metadata.AdditionalFiles.KuaNamespace", "Bench.Api")
                    .Add("build_metadata.AdditionalFiles.KuaClientName", clientName)),
                ImmutableDictionary<string, string>.Empty.Add("build_property.RootNamespace", "Consumer")),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

    /// <summary>Total characters generated, to consume every output (and to check that runs produced the same thing).</summary>
    public static long GeneratedChars(GeneratorDriver driver)
    {
        var result = driver.GetRunResult().Results[0];
        if (result.Exception != null)
        {
            throw new InvalidOperationException("The generator threw.", result.Exception);
        }

        long total = 0;
        foreach (var source in result.GeneratedSources)
        {
            total += source.SourceText.Length;
        }

        return total;
    }

    public static int GeneratedFiles(GeneratorDriver driver) => driver.GetRunResult().Results[0].GeneratedSources.Length;

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is var name && (name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll"))
            .Append(typeof(Kua.Generated.KuaApiException).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        return [.. paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }
}
