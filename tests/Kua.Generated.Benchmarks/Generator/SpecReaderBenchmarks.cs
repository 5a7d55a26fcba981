using BenchmarkDotNet.Attributes;
using Kua.Generated.Benchmarks.Infrastructure;
using Kua.Generated.SourceGenerator.Diagnostics;
using Kua.Generated.SourceGenerator.Parsing;
using Newtonsoft.Json.Linq;

namespace Kua.Generated.Benchmarks.Generator;

/// <summary>
/// The spec reader alone (SpecTextReader.Read: YAML text → JSON tree with a position on every node), the first stage
/// of every cold generation, on the corpus's large YAML specs: asana (3 MB), xero-accounting (0.9 MB), the Docker
/// Engine API (0.46 MB) and twilio-messaging (0.39 MB).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
[MedianColumn]
public class SpecReaderBenchmarks
{
    private string _text = null!;

    [Params("refitter-asana.yaml", "xero-accounting.yaml", "moby-docker-engine-swagger.yaml", "twilio-messaging-v1.yaml")]
    public string Spec { get; set; } = "refitter-asana.yaml";

    [GlobalSetup]
    public void Setup() => _text = File.ReadAllText(Path.Combine(BenchPaths.Corpus, Spec));

    [Benchmark]
    public JToken Read() =>
        SpecTextReader.Read(_text, new DiagnosticBag(Spec), CancellationToken.None) ?? throw new InvalidOperationException("The spec " + Spec + " did not read.");
}
