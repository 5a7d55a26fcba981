using System.Collections.Concurrent;
using System.Diagnostics;
using Kua.Generated.SourceGenerator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace Kua.Generated.SourceGenerator.Tests;

/// <summary>
/// Every document of the shared public corpus (../shared/openapi-corpus) goes through the generator:
/// none may crash, each yields code or KUA diagnostics, and the code compiles against net8.0 with zero
/// errors and zero warnings. The output lists, per spec, the files generated, the KUA diagnostics and
/// the compiler's verdict.
/// </summary>
public sealed class CorpusTests(ITestOutputHelper output)
{
    [Fact]
    public void EveryCorpusSpecGeneratesAndCompiles()
    {
        var specs = CorpusSpecs();
        var results = new ConcurrentDictionary<string, Result>(StringComparer.Ordinal);

        // Largest first, so the long compilations overlap the many short ones.
        Parallel.ForEach(
            specs.OrderByDescending(s => new FileInfo(s).Length),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            path => results[Path.GetFileName(path)] = Check(path));

        var failures = new List<string>();
        foreach (var (name, result) in results.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            output.WriteLine(result.Describe(name));
            failures.AddRange(result.Failures.Select(f => name + ": " + f));
        }

        var clean = results.Values.Count(r => r.KuaErrors == 0 && r.Files > 0);
        var compiling = results.Values.Count(r => r.Files > 0 && r.CompileErrors == 0);
        output.WriteLine(string.Empty);
        output.WriteLine($"{results.Count} specs: {clean} generate without KUA errors; {compiling} compile with zero errors; {results.Values.Sum(r => r.CompileWarnings)} compiler warnings in all.");

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

    private static Result Check(string path)
    {
        var watch = Stopwatch.StartNew();
        GeneratorRun run;
        try
        {
            run = GeneratorHarness.Run(SpecFile.FromDisk(path));
        }
        catch (InvalidOperationException ex)
        {
            return new Result(0, 0, 0, 0, 0, 0, watch.ElapsedMilliseconds, new[] { "the generator threw " + ex.InnerException });
        }

        var kua = run.GeneratorDiagnostics;
        var compile = run.CompileDiagnostics;
        var failures = new List<string>();
        failures.AddRange(kua.Where(d => !d.Id.StartsWith("KUA", StringComparison.Ordinal)).Select(d => "not a KUA diagnostic: " + d));
        if (run.Sources.IsEmpty && !kua.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            failures.Add("nothing generated and no KUA error says why");
        }

        failures.AddRange(compile.Take(10).Select(d => "compiler " + d.Severity.ToString().ToLowerInvariant() + ": " + d));
        return new Result(
            run.Sources.Length,
            kua.Count(d => d.Severity == DiagnosticSeverity.Error),
            kua.Count(d => d.Severity == DiagnosticSeverity.Warning),
            kua.Count(d => d.Severity == DiagnosticSeverity.Info),
            compile.Count(d => d.Severity == DiagnosticSeverity.Error),
            compile.Count(d => d.Severity == DiagnosticSeverity.Warning),
            watch.ElapsedMilliseconds,
            failures);
    }

    private sealed record Result(int Files, int KuaErrors, int KuaWarnings, int KuaInfos, int CompileErrors, int CompileWarnings, long Milliseconds, IReadOnlyList<string> Failures)
    {
        public string Describe(string name) =>
            $"{name,-50} files {Files,4}   KUA errors {KuaErrors} warnings {KuaWarnings} infos {KuaInfos,2}   compile errors {CompileErrors} warnings {CompileWarnings}   {Milliseconds,6} ms";
    }
}
