using BenchmarkDotNet.Attributes;
using Kua.Generated.Benchmarks.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Kua.Generated.Benchmarks.Generator;

/// <summary>
/// Re-runs on the largest spec, from a driver that has already run once (what the IDE and the compiler server
/// keep between edits): after an unrelated C# edit (a new compilation, same spec) and after a one-line spec edit
/// (one schema's description). The cold run is the baseline.
/// </summary>
[MemoryDiagnoser]
[MediumRunJob]
[MedianColumn]
public class IncrementalGeneratorBenchmarks
{
    private CSharpCompilation _compilation = null!;
    private SyntaxTree _userTree = null!;
    private SyntaxTree[] _editedTrees = null!;
    private GeneratorDriver _warm = null!;
    private AdditionalText _spec = null!;
    private AdditionalText _editedSpec = null!;
    private string _clientName = null!;
    private int _edit;

    [Params(SpecCase.Asana)]
    public string Spec { get; set; } = SpecCase.Asana;

    [GlobalSetup]
    public void Setup()
    {
        var text = SpecCase.Read(Spec);
        _clientName = SpecCase.ClientName(Spec);
        _userTree = GeneratorDrivers.UserTree(0);
        _editedTrees = [GeneratorDrivers.UserTree(1), GeneratorDrivers.UserTree(2)];
        _compilation = GeneratorDrivers.CreateCompilation(_userTree);
        _spec = GeneratorDrivers.Spec(text);
        _editedSpec = GeneratorDrivers.Spec(SpecEdits.EditOneDescription(text));
        _warm = GeneratorDrivers.CreateDriver(_spec, _clientName).RunGenerators(_compilation);
    }

    [Benchmark(Baseline = true, Description = "cold run")]
    public long Cold() =>
        GeneratorDrivers.GeneratedChars(GeneratorDrivers.CreateDriver(_spec, _clientName).RunGenerators(_compilation.Clone()));

    [Benchmark(Description = "re-run after an unrelated C# edit")]
    public GeneratorDriver UnrelatedEdit()
    {
        // Each edit is a new compilation, as the IDE produces on a keystroke.
        var edited = _compilation.ReplaceSyntaxTree(_userTree, _editedTrees[_edit++ & 1]);
        return _warm.RunGenerators(edited);
    }

    [Benchmark(Description = "re-run after a one-line spec edit")]
    public GeneratorDriver SpecEdit() => _warm.ReplaceAdditionalText(_spec, _editedSpec).RunGenerators(_compilation);
}
