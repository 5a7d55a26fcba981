using System.Collections.Concurrent;
using System.Diagnostics;
using Kua.Generated.SourceGenerator.Diagnostics;
using Kua.Generated.SourceGenerator.Model;
using Kua.Generated.SourceGenerator.Parsing;
using Kua.Generated.SourceGenerator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Newtonsoft.Json.Linq;
using Xunit.Abstractions;

namespace Kua.Generated.SourceGenerator.Tests;

/// <summary>
/// Every document of the shared public corpus (../shared/openapi-corpus) goes through the generator:
/// none may crash, each yields code or KUA diagnostics, the code compiles with zero errors and zero warnings at the
/// highest warning level with documentation diagnostics on — for net8.0, netstandard2.0 with C# 7.3 and netstandard2.0
/// with the latest C# — and every operation gets a method unless a KUA0007 warning names it.
/// The output lists, per spec: operations vs methods, component schemas vs generated types, KUA
/// diagnostics by id, generation and compile times, and the compiler's verdict.
/// </summary>
public sealed class CorpusTests(ITestOutputHelper output)
{
    /// <summary>
    /// Specs allowed to produce a KUA error, each with the reason the document itself is invalid.
    /// Empty: every corpus document generates.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> ExpectedKuaErrors = new Dictionary<string, string>(StringComparer.Ordinal);

    private static readonly string[] HttpMethods = { "get", "put", "post", "delete", "options", "head", "patch", "trace" };

    [Theory]
    [InlineData(CompileTests.Target.Net80)]
    [InlineData(CompileTests.Target.NetStandard20CSharp73)]
    [InlineData(CompileTests.Target.NetStandard20Latest)]
    public void EveryCorpusSpecGeneratesAndCompiles(CompileTests.Target target)
    {
        var specs = CorpusSpecs();
        var results = new ConcurrentDictionary<string, Result>(StringComparer.Ordinal);

        // Largest first, so the long compilations overlap the many short ones.
        Parallel.ForEach(
            specs.OrderByDescending(s => new FileInfo(s).Length),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            path => results[Path.GetFileName(path)] = Check(path, target));

        var failures = new List<string>();
        foreach (var (name, result) in results.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            output.WriteLine(result.Describe(name));
            failures.AddRange(result.Failures.Select(f => name + ": " + f));
        }

        var clean = results.Values.Count(r => r.KuaErrors == 0 && r.Files > 0);
        var compiling = results.Values.Count(r => r.Files > 0 && r.CompileErrors == 0);
        var operations = results.Values.Sum(r => r.Operations);
        var methods = results.Values.Sum(r => r.Methods);
        output.WriteLine(string.Empty);
        output.WriteLine($"{results.Count} specs: {clean} generate without KUA errors; {compiling} compile with zero errors; {results.Values.Sum(r => r.CompileWarnings)} compiler warnings in all.");
        output.WriteLine($"operations {operations}, methods {methods} ({(operations == 0 ? 100 : 100.0 * methods / operations):0.#}%); schemas {results.Values.Sum(r => r.Schemas)}, types {results.Values.Sum(r => r.Types)}; generation {results.Values.Sum(r => r.GenerationMilliseconds)} ms, compile {results.Values.Sum(r => r.CompileMilliseconds)} ms in all.");

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>The corpus is outside the repository: its absence must fail, not pass vacuously.</summary>
    [Fact]
    public void TheCorpusIsThereAndMatchesItsManifest()
    {
        var manifest = File.ReadAllLines(Path.Combine(TestPaths.Corpus, "MANIFEST.tsv")).Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t')[0]).Order(StringComparer.Ordinal);

        Assert.Equal(manifest, CorpusSpecs().Select(s => Path.GetFileName(s)).Order(StringComparer.Ordinal));
        Assert.True(CorpusSpecs().Count >= 28);
    }

    private static List<string> CorpusSpecs() =>
        Directory.GetFiles(TestPaths.Corpus)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .ToList();

    private static Result Check(string path, CompileTests.Target target)
    {
        var name = Path.GetFileName(path);
        var watch = Stopwatch.StartNew();
        // Every schema is kept: the types operations use are a subset closed under references, so they compile too.
        var spec = SpecFile.FromDisk(path) with { KeepUnusedSchemas = true };
        GeneratorRun run;
        try
        {
            run = CompileTests.Run(spec, target);
        }
        catch (InvalidOperationException ex)
        {
            return Result.Crashed("the generator threw " + ex.InnerException);
        }

        var generation = watch.ElapsedMilliseconds;
        watch.Restart();
        var compile = run.CompileDiagnostics;
        var compileTime = watch.ElapsedMilliseconds;

        var kua = run.GeneratorDiagnostics;
        var failures = new List<string>();
        failures.AddRange(kua.Where(d => !d.Id.StartsWith("KUA", StringComparison.Ordinal)).Select(d => "not a KUA diagnostic: " + d));
        if (run.Sources.IsEmpty && !kua.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            failures.Add("nothing generated and no KUA error says why");
        }

        var kuaErrors = kua.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (kuaErrors.Count > 0 && !ExpectedKuaErrors.ContainsKey(name))
        {
            failures.AddRange(kuaErrors.Select(d => "unexpected KUA error: " + d));
        }

        // Operations: counted on the document tree, independently of the model builder; methods: counted on the model.
        var tree = SpecTextReader.Read(spec.Text, new DiagnosticBag(path), CancellationToken.None);
        var (operations, schemas) = CountDocument(tree);
        var model = (SpecModel)run.Result.TrackedSteps[TrackingNames.Models].Single().Outputs.Single().Value;
        var methods = model.Client is null ? 0 : model.Client.Operations.Count + model.Client.Groups.Sum(g => g.Operations.Count);
        var skipped = kua.Count(d => d.Id == "KUA0007");
        if (methods + skipped < operations)
        {
            failures.Add($"{operations - methods} operation(s) without a method, but only {skipped} KUA0007 warning(s) saying why");
        }

        failures.AddRange(compile.Take(10).Select(d => "compiler " + d.Severity.ToString().ToLowerInvariant() + ": " + d));
        return new Result(
            run.Sources.Length,
            operations,
            methods,
            schemas,
            model.Types.Count,
            kua.GroupBy(d => d.Id).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key + "×" + g.Count()).ToList(),
            kuaErrors.Count,
            compile.Count(d => d.Severity == DiagnosticSeverity.Error),
            compile.Count(d => d.Severity == DiagnosticSeverity.Warning),
            generation,
            compileTime,
            failures);
    }

    /// <summary>The operations (paths × methods; webhooks are not operations a client calls) and component schemas of a document.</summary>
    private static (int Operations, int Schemas) CountDocument(JToken? tree)
    {
        if (!(tree is JObject document))
        {
            return (0, 0);
        }

        var operations = 0;
        foreach (var pathItem in (document["paths"] as JObject)?.Properties() ?? Enumerable.Empty<JProperty>())
        {
            var item = pathItem.Value as JObject;
            if (item?["$ref"] is JValue reference && reference.Value is string pointer)
            {
                item = SpecLines.Resolve(document, pointer).Node as JObject;
            }

            operations += HttpMethods.Count(m => item?[m] is JObject);
        }

        var schemas = (document["components"]?["schemas"] as JObject ?? document["definitions"] as JObject)?.Count ?? 0;
        return (operations, schemas);
    }

    private sealed record Result(
        int Files,
        int Operations,
        int Methods,
        int Schemas,
        int Types,
        IReadOnlyList<string> Kua,
        int KuaErrors,
        int CompileErrors,
        int CompileWarnings,
        long GenerationMilliseconds,
        long CompileMilliseconds,
        IReadOnlyList<string> Failures)
    {
        public static Result Crashed(string failure) => new(0, 0, 0, 0, 0, Array.Empty<string>(), 0, 0, 0, 0, 0, new[] { failure });

        public string Describe(string name) =>
            $"{name,-50} operations {Operations,3} methods {Methods,3}   schemas {Schemas,3} types {Types,4}   files {Files,4}   " +
            $"compile errors {CompileErrors} warnings {CompileWarnings}   generate {GenerationMilliseconds,5} ms compile {CompileMilliseconds,6} ms   " +
            $"KUA {(Kua.Count == 0 ? "none" : string.Join(" ", Kua))}";
    }
}
