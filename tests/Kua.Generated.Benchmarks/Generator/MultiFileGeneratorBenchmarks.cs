using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Kua.Generated.Benchmarks.Infrastructure;
using Kua.Generated.SourceGenerator;
using Kua.Generated.SourceGenerator.Emitting;
using Kua.Generated.SourceGenerator.Model;
using Kua.Generated.SourceGenerator.Parsing;
using Kua.Generated.SourceGenerator.Parsing.References;
using Kua.Generated.SourceGenerator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Kua.Generated.Benchmarks.Generator;

/// <summary>
/// The DigitalOcean spec (an entry file and 2,906 fragments) through a <see cref="CSharpGeneratorDriver"/>, as the
/// compiler runs it: cold (what every command-line build pays), and from a driver that has run once (what the IDE
/// keeps) after an unrelated C# edit and after a one-line edit of one fragment. The stages on their own: scanning
/// every file for the files it names, and the parse step (bundling, normalizing, loading, building the model).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
[MedianColumn]
public class MultiFileGeneratorBenchmarks
{
    private const string EntryName = "DigitalOcean-public.v2.yaml";
    private const string EditedFragment = "resources/droplets/models/droplet.yml";

    private ImmutableArray<AdditionalText> _texts;
    private TestOptionsProvider _options = null!;
    private CSharpCompilation _compilation = null!;
    private SyntaxTree _userTree = null!;
    private SyntaxTree[] _editedTrees = null!;
    private GeneratorDriver _warm = null!;
    private AdditionalText _fragment = null!;
    private AdditionalText _editedFragment = null!;
    private List<SpecFragment> _files = null!;
    private SpecInput _input = null!;
    private int _edit;

    [GlobalSetup]
    public void Setup()
    {
        var root = BenchPaths.DigitalOcean;
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException("The DigitalOcean spec is expected at " + root + ".");
        }

        var paths = Directory.EnumerateFiles(root, "*.y*ml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        _files = paths.Select(p => new SpecFragment(p, File.ReadAllText(p))).ToList();
        _texts = [.. _files.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text!))];
        var entry = Path.Combine(root, EntryName);
        var fileOptions = paths.ToImmutableDictionary(p => p, p => p == entry
            ? ImmutableDictionary<string, string>.Empty
                .Add("build_metadata.AdditionalFiles.KuaOpenApi", "true")
                .Add("build_metadata.AdditionalFiles.KuaNamespace", "DigitalOcean")
                .Add("build_metadata.AdditionalFiles.KuaClientName", "DigitalOceanClient")
            : ImmutableDictionary<string, string>.Empty.Add("build_metadata.AdditionalFiles.KuaOpenApiFragment", "true"));
        _options = new TestOptionsProvider(fileOptions, ImmutableDictionary<string, string>.Empty.Add("build_property.RootNamespace", "Consumer"));
        _userTree = GeneratorDrivers.UserTree(0);
        _editedTrees = [GeneratorDrivers.UserTree(1), GeneratorDrivers.UserTree(2)];
        _compilation = GeneratorDrivers.CreateCompilation(_userTree);
        _fragment = _texts.Single(t => t.Path == Path.Combine(root, EditedFragment));
        _editedFragment = new InMemoryAdditionalText(_fragment.Path, _fragment.GetText()!.ToString().Replace("The human-readable name set for the Droplet instance.", "The human-readable name of the Droplet, edited.", StringComparison.Ordinal));
        _warm = CreateDriver().RunGenerators(_compilation);
        _input = FragmentClosure.Attach(new SpecInput(entry, File.ReadAllText(entry), "DigitalOcean", "DigitalOceanClient", "Consumer"), Scan(), CancellationToken.None);
    }

    [Benchmark(Baseline = true, Description = "cold run")]
    public long Cold() => GeneratorDrivers.GeneratedChars(CreateDriver().RunGenerators(_compilation.Clone()));

    [Benchmark(Description = "re-run after an unrelated C# edit")]
    public GeneratorDriver UnrelatedEdit() => _warm.RunGenerators(_compilation.ReplaceSyntaxTree(_userTree, _editedTrees[_edit++ & 1]));

    [Benchmark(Description = "re-run after a one-line fragment edit")]
    public GeneratorDriver FragmentEdit() => _warm.ReplaceAdditionalText(_fragment, _editedFragment).RunGenerators(_compilation);

    [Benchmark(Description = "stage: scan every file for the files it names")]
    public int ScanAll() => Scan().Sum(f => f.References.Count);

    [Benchmark(Description = "stage: parse step (bundle, normalize, load, model)")]
    public object Parse() => SpecParser.Parse(_input, CancellationToken.None);

    /// <summary>Files the cold run generates (not a benchmark).</summary>
    public int GeneratedFiles() => GeneratorDrivers.GeneratedFiles(CreateDriver().RunGenerators(_compilation.Clone()));

    /// <summary>How many fragments the spec reaches (not a benchmark).</summary>
    public int ReachedFragments() => _input.Fragments.Count;

    /// <summary>The model's emit alone, for the share of the cold run (not a benchmark).</summary>
    public long Emit(object model) => Emitter.Plan((SpecModel)model, EmitOptionsReader.Read(_compilation)).Sum(u => (long)Emitter.Emit(u).Source.Length);

    private ImmutableArray<FragmentFile> Scan() => [.. _files.Select(f => FragmentScanner.Scan(f, CancellationToken.None))];

    private GeneratorDriver CreateDriver() => CSharpGeneratorDriver.Create(
        generators: [new KuaGenerator().AsSourceGenerator()],
        additionalTexts: _texts,
        parseOptions: GeneratorDrivers.ParseOptions,
        optionsProvider: _options,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));
}
