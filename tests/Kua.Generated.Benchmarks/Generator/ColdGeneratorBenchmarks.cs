using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Kua.Generated.Benchmarks.Infrastructure;
using Kua.Generated.SourceGenerator.Emitting;
using Kua.Generated.SourceGenerator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NSwag;

namespace Kua.Generated.Benchmarks.Generator;

/// <summary>
/// Cold generation, spec text → all C# source, for each spec: our generator through a fresh CSharpGeneratorDriver
/// against NSwag (load + CSharpClientGenerator.GenerateFile()), and each stage on its own. Ratios are per category,
/// against NSwag: EndToEnd (driver vs load + generate), Load (our read + normalize + NSwag.Core load vs NSwag's own
/// load), Generate (our model + emit, and emit alone, vs GenerateFile()).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
[MedianColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[CategoriesColumn]
public class ColdGeneratorBenchmarks
{
    private string _text = null!;
    private string _clientName = null!;
    private SpecInput _input = null!;
    private CSharpCompilation _compilation = null!;
    private AdditionalText _spec = null!;
    private KuaStages.Loaded _loaded = null!;
    private SpecModel _model = null!;
    private EmitOptions _emitOptions = null!;
    private OpenApiDocument _nswagDocument = null!;

    [ParamsSource(nameof(Specs))]
    public string Spec { get; set; } = SpecCase.Kua;

    public static IEnumerable<string> Specs => SpecCase.All;

    [GlobalSetup]
    public void Setup()
    {
        _text = SpecCase.Read(Spec);
        _clientName = SpecCase.ClientName(Spec);
        _input = KuaStages.Input(_text, _clientName);
        _compilation = GeneratorDrivers.CreateCompilation(GeneratorDrivers.UserTree(0));
        _spec = GeneratorDrivers.Spec(_text);
        _loaded = KuaStages.Load(_input);
        _model = KuaStages.Model(_loaded);
        _emitOptions = EmitOptionsReader.Read(_compilation);
        _nswagDocument = NSwagRunner.Load(_text);
    }

    [Benchmark(Description = "Kua: driver, end to end"), BenchmarkCategory("EndToEnd")]
    public long KuaEndToEnd()
    {
        // A fresh driver and a fresh compilation object: nothing cached from an earlier run.
        var driver = GeneratorDrivers.CreateDriver(_spec, _clientName).RunGenerators(_compilation.Clone());
        return GeneratorDrivers.GeneratedChars(driver);
    }

    /// <summary>How many files the generator adds for the spec (not a benchmark).</summary>
    public int KuaFileCount() =>
        GeneratorDrivers.GeneratedFiles(GeneratorDrivers.CreateDriver(_spec, _clientName).RunGenerators(_compilation.Clone()));

    [Benchmark(Baseline = true, Description = "NSwag: load + GenerateFile"), BenchmarkCategory("EndToEnd")]
    public long NSwagEndToEnd() => NSwagRunner.EndToEnd(_text, _clientName);

    [Benchmark(Description = "Kua: stages, no driver"), BenchmarkCategory("EndToEnd")]
    public long KuaStagesEndToEnd() => KuaStages.EndToEnd(_input, _emitOptions);

    [Benchmark(Description = "Kua: load (read+normalize+NSwag.Core)"), BenchmarkCategory("Load")]
    public OpenApiDocument KuaLoad() => KuaStages.Load(_input).Document;

    [Benchmark(Description = "Kua: read+normalize only"), BenchmarkCategory("Load")]
    public object KuaReadNormalize() => KuaStages.ReadAndNormalize(_input);

    [Benchmark(Baseline = true, Description = "NSwag: load"), BenchmarkCategory("Load")]
    public OpenApiDocument NSwagLoad() => NSwagRunner.Load(_text);

    [Benchmark(Description = "Kua: model"), BenchmarkCategory("Generate")]
    public object KuaModel() => KuaStages.Model(_loaded);

    [Benchmark(Description = "Kua: emit"), BenchmarkCategory("Generate")]
    public long KuaEmit() => KuaStages.Emit(_model, _emitOptions);

    [Benchmark(Baseline = true, Description = "NSwag: GenerateFile"), BenchmarkCategory("Generate")]
    public int NSwagGenerateFile() => NSwagRunner.Generate(_nswagDocument, _clientName).Length;
}
