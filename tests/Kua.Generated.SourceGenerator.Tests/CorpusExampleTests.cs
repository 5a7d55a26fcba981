using System.Collections.Concurrent;
using System.Runtime.Loader;
using Kua.Generated.ExampleRoundTrip;
using Kua.Generated.Runtime.Reading;
using Kua.Generated.SourceGenerator.Diagnostics;
using Kua.Generated.SourceGenerator.Model;
using Kua.Generated.SourceGenerator.Parsing;
using Kua.Generated.SourceGenerator.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit.Abstractions;

namespace Kua.Generated.SourceGenerator.Tests;

/// <summary>
/// The corpus's own examples (every schema-level and JSON media-type example whose type is generated) read into
/// their generated types and written back, strictly and tolerantly. Strictly, an example the reader accepts must come
/// back with every declared member equal; one it refuses breaks its own schema, and the error names where. Tolerantly,
/// an example strict mode accepts reads the same with no deviation reported, and one it refuses is read when its
/// deviations are those <see cref="KuaReadMode.Tolerant"/> documents, each reported.
/// </summary>
public sealed class CorpusExampleTests(ITestOutputHelper output)
{
    [Fact]
    public void CorpusExamplesRoundTripStrictlyAndTheInvalidOnesReadTolerantly()
    {
        var results = new ConcurrentDictionary<string, Result>(StringComparer.Ordinal);
        Parallel.ForEach(
            Directory.GetFiles(TestPaths.Corpus).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal)).OrderByDescending(f => new FileInfo(f).Length),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            path => results[Path.GetFileName(path)] = Check(path));

        var failures = new List<string>();
        foreach (var (name, result) in results.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{name,-50} examples {result.Examples,4}: strict reads {result.StrictRead,4}, refuses {result.StrictRefused,3}; tolerant reads {result.TolerantRead,3} of those ({string.Join(", ", result.Kinds.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => k.Key + "×" + k.Value))})");
            failures.AddRange(result.Failures.Select(f => name + ": " + f));
            foreach (var refusal in result.StillRefused.Take(3))
            {
                output.WriteLine("    refused in both modes: " + refusal);
            }
        }

        var examples = results.Values.Sum(r => r.Examples);
        var refused = results.Values.Sum(r => r.StrictRefused);
        var tolerant = results.Values.Sum(r => r.TolerantRead);
        output.WriteLine(string.Empty);
        output.WriteLine($"{results.Count} specs, {examples} examples: strict reads {examples - refused} without losing a member and refuses {refused}; tolerant mode reads {tolerant} of those.");
        foreach (var kind in results.Values.SelectMany(r => r.Kinds).GroupBy(k => k.Key).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {kind.Key}: {kind.Sum(k => k.Value)}");
        }

        Assert.True(failures.Count == 0, failures.Count + " failure(s):\n" + string.Join("\n", failures.Take(40)));
        Assert.True(examples > 500, "Too few examples found: " + examples);
        Assert.True(refused > 0 && tolerant > 0, "The corpus holds examples that break their schema; strict mode refused " + refused + " and tolerant mode read " + tolerant + ".");
    }

    private static Result Check(string path)
    {
        var result = new Result();
        var spec = SpecFile.FromDisk(path) with { KeepUnusedSchemas = true };
        var run = CompileTests.Run(spec, CompileTests.Target.Net80);
        var model = (SpecModel)run.Result.TrackedSteps[TrackingNames.Models].Single().Outputs.Single().Value;
        if (!(SpecTextReader.Read(spec.Text, new DiagnosticBag(path), CancellationToken.None) is JObject document))
        {
            return result;
        }

        var examples = ExampleCatalog.Collect(document, model);
        result.Examples = examples.Count;
        if (examples.Count == 0)
        {
            return result;
        }

        using var image = new MemoryStream();
        var emitted = run.Output.Emit(image);
        if (!emitted.Success)
        {
            result.Failures.Add("the generated code does not compile");
            return result;
        }

        var context = new AssemblyLoadContext(Path.GetFileName(path), isCollectible: true);
        try
        {
            image.Position = 0;
            var assembly = context.LoadFromStream(image);
            var inputs = examples.Select(e => e.ToInput(spec.Namespace ?? "Consumer")).ToList();
            var strict = ExampleRoundTripper.RoundTrip(assembly, inputs).ToDictionary(o => o.Id);
            var sessions = new Dictionary<string, KuaReadSession>(StringComparer.Ordinal);
            var tolerant = ExampleRoundTripper.RoundTrip(assembly, inputs, input => sessions[input.Id] = KuaReadSession.Begin()).ToDictionary(o => o.Id);
            foreach (var example in examples)
            {
                var read = strict[example.Id];
                var tolerated = tolerant[example.Id];
                var deviations = sessions[example.Id].Deviations;
                if (read.Error is null)
                {
                    result.StrictRead++;
                    result.Failures.AddRange(ExampleCatalog.Compare(example, read.Json!, model).Select(p => example.Id + ": " + p));
                    if (tolerated.Json != read.Json || deviations.Count > 0)
                    {
                        result.Failures.Add(example.Id + ": read strictly, but tolerantly " + (tolerated.Error ?? "with other JSON or deviations: " + string.Join("; ", deviations)));
                    }

                    continue;
                }

                result.StrictRefused++;
                if (tolerated.Error != null)
                {
                    result.StillRefused.Add(example.Id + ": " + tolerated.Error);
                    continue;
                }

                result.TolerantRead++;
                if (deviations.Count == 0)
                {
                    result.Failures.Add(example.Id + ": refused strictly (" + read.Error + ") but read tolerantly without a deviation reported");
                }

                foreach (var deviation in deviations)
                {
                    result.Kinds[deviation.KindTag] = result.Kinds.GetValueOrDefault(deviation.KindTag) + 1;
                }
            }
        }
        finally
        {
            context.Unload();
        }

        return result;
    }

    private sealed class Result
    {
        public int Examples { get; set; }

        public int StrictRead { get; set; }

        public int StrictRefused { get; set; }

        public int TolerantRead { get; set; }

        public Dictionary<string, int> Kinds { get; } = new(StringComparer.Ordinal);

        public List<string> Failures { get; } = new();

        public List<string> StillRefused { get; } = new();
    }
}
