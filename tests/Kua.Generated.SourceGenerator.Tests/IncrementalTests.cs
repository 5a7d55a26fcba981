using System.Collections.Immutable;
using Kua.Generated.SourceGenerator.Model;
using Kua.Generated.SourceGenerator.Parsing;
using Kua.Generated.SourceGenerator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Kua.Generated.SourceGenerator.Tests;

/// <summary>
/// The pipeline is incremental: unrelated edits reuse every step, spec edits regenerate only what they
/// change, and no Roslyn object (nor NSwag object) is held by any step's value.
/// </summary>
public sealed class IncrementalTests
{
    private const string KuaPath = "/specs/kua.openapi.yaml";
    private const string EnumsPath = "/specs/enums.yaml";

    private static readonly IncrementalStepRunReason[] Reused = { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged };

    [Fact]
    public void AddingUnrelatedCodeReusesEveryStepAndEmitsNothingNew()
    {
        var (driver, compilation, _) = Start();
        driver = driver.RunGenerators(compilation);
        var before = driver.GetRunResult().Results.Single();

        driver = driver.RunGenerators(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Consumer { internal sealed class Unrelated { } }", path: "Unrelated.cs")));
        var after = driver.GetRunResult().Results.Single();

        AssertEverythingReused(after);
        Assert.Equal(Sources(before), Sources(after));
    }

    [Fact]
    public void EditingUserCodeReusesEveryStepAndEmitsNothingNew()
    {
        var (driver, compilation, _) = Start();
        driver = driver.RunGenerators(compilation);
        var before = driver.GetRunResult().Results.Single();
        var program = compilation.SyntaxTrees.Single();
        var edited = program.WithChangedText(program.GetText().Replace(0, 0, "// an edit\n"));

        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(program, edited));
        var after = driver.GetRunResult().Results.Single();

        AssertEverythingReused(after);
        Assert.Equal(Sources(before), Sources(after));
    }

    [Fact]
    public void EditingASpecRegeneratesOnlyWhatChanged()
    {
        var (driver, compilation, texts) = Start();
        driver = driver.RunGenerators(compilation);
        var kua = texts.Single(t => t.Path == KuaPath);
        var editedText = kua.GetText()!.ToString().Replace("description: A Kua account.", "description: A Kua account, edited.", StringComparison.Ordinal);
        Assert.NotEqual(kua.GetText()!.ToString(), editedText);

        driver = driver.ReplaceAdditionalText(kua, new InMemoryAdditionalText(KuaPath, editedText)).RunGenerators(compilation);
        var result = driver.GetRunResult().Results.Single();

        // The Kua model is rebuilt; the other spec's model is reused.
        var models = result.TrackedSteps[TrackingNames.Models].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.Contains(IncrementalStepRunReason.Modified, models);
        Assert.Contains(models, r => Reused.Contains(r));

        // Only Account's file changes; every other file (of both specs) is reused.
        var files = result.TrackedSteps[TrackingNames.Files].SelectMany(s => s.Outputs).Select(o => ((GeneratedFile)o.Value, o.Reason)).ToList();
        var changed = files.Where(f => !Reused.Contains(f.Reason)).Select(f => f.Item1.HintName).ToList();
        Assert.Equal(new[] { "Kua.Account.g.cs" }, changed);
        Assert.Contains(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("A Kua account, edited.", result.GeneratedSources.Single(s => s.HintName == "Kua.Account.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AddingASchemaToASpecOfManyTypesChangesOneModelFileAndReshufflesNone()
    {
        // Above 300 types the types go into 64 files by a hash of their name: one new schema lands in one of them.
        static string Spec(bool withAdded)
        {
            var text = new System.Text.StringBuilder("openapi: 3.0.3\ninfo: { title: Many, version: '1' }\npaths:\n  /things:\n    get:\n      operationId: getThing\n      responses:\n        '200':\n          description: A thing.\n          content:\n            application/json:\n              schema: { $ref: '#/components/schemas/Thing000' }\ncomponents:\n  schemas:\n");
            for (var i = 0; i < 320; i++)
            {
                text.Append("    Thing").Append(i.ToString("000", System.Globalization.CultureInfo.InvariantCulture)).Append(": { type: object, properties: { name: { type: string } } }\n");
            }

            return withAdded ? text.Append("    Added: { type: object, properties: { name: { type: string } } }\n").ToString() : text.ToString();
        }

        const string path = "/specs/many.yaml";
        var driver = GeneratorHarness.CreateDriver(new[] { new SpecFile(path, Spec(withAdded: false), "Many", "ManyClient") { KeepUnusedSchemas = true } }, out var texts);
        var compilation = GeneratorHarness.CreateCompilation();
        driver = driver.RunGenerators(compilation);
        var before = driver.GetRunResult().Results.Single().GeneratedSources.Select(s => s.HintName).ToList();

        driver = driver.ReplaceAdditionalText(texts.Single(), new InMemoryAdditionalText(path, Spec(withAdded: true))).RunGenerators(compilation);
        var result = driver.GetRunResult().Results.Single();

        var files = result.TrackedSteps[TrackingNames.Files].SelectMany(s => s.Outputs).Select(o => ((GeneratedFile)o.Value, o.Reason)).ToList();
        var models = files.Where(f => f.Item1.HintName.StartsWith("Many.ManyClient.Models.", StringComparison.Ordinal)).ToList();
        Assert.Equal(before.Count(h => h.StartsWith("Many.ManyClient.Models.", StringComparison.Ordinal)), models.Count);
        var changed = Assert.Single(models, f => !Reused.Contains(f.Reason));
        Assert.Contains("class Added", changed.Item1.Source, StringComparison.Ordinal);
        Assert.Equal(before.Order(StringComparer.Ordinal), result.GeneratedSources.Select(s => s.HintName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ChangingTheNamespaceMetadataRegenerates()
    {
        var (driver, compilation, _) = Start();
        driver = driver.RunGenerators(compilation);

        var specs = new[] { new SpecFile(KuaPath, File.ReadAllText(TestPaths.KuaSpec), "Kua.Renamed", "KuaClient"), new SpecFile(EnumsPath, File.ReadAllText(Path.Combine(TestPaths.Specs, "enums.yaml"))) };
        driver = driver.WithUpdatedAnalyzerConfigOptions(GeneratorHarness.OptionsProvider(specs)).RunGenerators(compilation);
        var result = driver.GetRunResult().Results.Single();

        Assert.Contains(result.GeneratedSources, s => s.HintName == "Kua.Renamed.KuaClient.g.cs");
        Assert.DoesNotContain(result.GeneratedSources, s => s.HintName.StartsWith("Kua.KuaClient", StringComparison.Ordinal));
        Assert.Contains(result.TrackedSteps[TrackingNames.Files].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Cached || o.Reason == IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void RemovingASpecRemovesItsFiles()
    {
        var (driver, compilation, texts) = Start();
        driver = driver.RunGenerators(compilation);

        driver = driver.RemoveAdditionalTexts(ImmutableArray.Create(texts.Single(t => t.Path == EnumsPath))).RunGenerators(compilation);
        var result = driver.GetRunResult().Results.Single();

        Assert.NotEmpty(result.GeneratedSources);
        Assert.DoesNotContain(result.GeneratedSources, s => s.HintName.Contains("Enums", StringComparison.Ordinal));
        Assert.All(result.TrackedSteps[TrackingNames.Files].SelectMany(s => s.Outputs), o => Assert.Contains(o.Reason, Reused.Append(IncrementalStepRunReason.Removed)));
    }

    [Fact]
    public void NoRoslynOrNSwagObjectIsReachableFromAnyStep()
    {
        var (driver, compilation, _) = Start();
        driver = driver.RunGenerators(compilation);
        driver = driver.RunGenerators(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Unrelated { }")));
        var result = driver.GetRunResult().Results.Single();

        var roots = new List<(object?, string)>();
        foreach (var name in TrackingNames.All)
        {
            Assert.True(result.TrackedSteps.ContainsKey(name), "The step " + name + " is not tracked.");
            foreach (var (step, i) in result.TrackedSteps[name].Select((s, i) => (s, i)))
            {
                foreach (var (output, j) in step.Outputs.Select((o, j) => (o, j)))
                {
                    roots.Add((output.Value, name + "[" + i + "].Outputs[" + j + "]"));
                }
            }
        }

        var reachable = ObjectGraph.Reachable(roots);
        var forbidden = reachable.Where(r => IsForbidden(r.Value.GetType())).Select(r => r.Value.GetType().FullName + " at " + r.Path).Take(10).ToList();

        Assert.True(forbidden.Count == 0, string.Join("\n", forbidden));
        // The walk is not vacuous: it reached the models' records and their strings.
        Assert.Contains(reachable, r => r.Value is SpecModel);
        Assert.Contains(reachable, r => r.Value is OperationModel);
        Assert.Contains(reachable, r => r.Value is PropertyModel);
        Assert.Contains(reachable, r => r.Value is EmitOptions);
    }

    [Fact]
    public void TheGraphWalkFindsRoslynObjectsWhereTheyAre()
    {
        var tree = CSharpSyntaxTree.ParseText("class C { }");
        var holder = new { Items = new object[] { new KeyValuePair<string, object>("k", new { Deep = tree.GetRoot() }) }, Compilation = (object?)null };

        var reachable = ObjectGraph.Reachable(new[] { ((object?)holder, "holder") });

        Assert.Contains(reachable, r => IsForbidden(r.Value.GetType()));
    }

    [Theory]
    [MemberData(nameof(CompileTests.Specs), MemberType = typeof(CompileTests))]
    public void ParsingTheSameTextTwiceGivesEqualModels(string spec)
    {
        var path = spec == "kua" ? TestPaths.KuaSpec : Path.Combine(TestPaths.Specs, spec);
        var input = new SpecInput(path, File.ReadAllText(path), null, null, "Consumer");

        var first = SpecParser.Parse(input, CancellationToken.None);
        var second = SpecParser.Parse(input with { Text = new string(input.Text!.AsSpan()) }, CancellationToken.None);

        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, SpecParser.Parse(input with { Namespace = "Other" }, CancellationToken.None));
    }

    [Fact]
    public void EditingAFragmentRegeneratesOnlyTheSpecThatReachesIt()
    {
        var (driver, compilation, texts) = StartMultiFile();
        driver = driver.RunGenerators(compilation);
        var tag = texts.Single(t => t.Path == TagPath);

        driver = driver.ReplaceAdditionalText(tag, new InMemoryAdditionalText(TagPath, TagYaml.Replace("The text.", "The edited text.", StringComparison.Ordinal))).RunGenerators(compilation);
        var result = driver.GetRunResult().Results.Single();

        // Only the edited file is scanned again; only the shop spec's input changes, so only its model is rebuilt.
        Assert.Equal(new[] { TagPath }, Changed(result, TrackingNames.FragmentReferences).Select(o => ((FragmentFile)o).Path));
        Assert.Equal(new[] { ShopPath }, Changed(result, TrackingNames.SpecFiles).Select(o => ((SpecInput)o).FilePath));
        Assert.Equal(new[] { ShopPath }, Changed(result, TrackingNames.Models).Select(o => ((SpecModel)o).FilePath));
        Assert.Equal(3, result.TrackedSteps[TrackingNames.Models].SelectMany(s => s.Outputs).Count());

        // Of all files of the three specs, only the one holding Tag is new.
        Assert.Equal(new[] { "Shop.Tag.g.cs" }, Changed(result, TrackingNames.Files).Select(o => ((GeneratedFile)o).HintName));
        Assert.Contains("The edited text.", result.GeneratedSources.Single(s => s.HintName == "Shop.Tag.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void EditingAFragmentNoSpecReachesRegeneratesNothing()
    {
        var (driver, compilation, texts) = StartMultiFile();
        driver = driver.RunGenerators(compilation);
        var before = driver.GetRunResult().Results.Single();
        var unused = texts.Single(t => t.Path == UnusedPath);

        driver = driver.ReplaceAdditionalText(unused, new InMemoryAdditionalText(UnusedPath, "Unused: { type: integer }\n")).RunGenerators(compilation);
        var after = driver.GetRunResult().Results.Single();

        Assert.Equal(new[] { UnusedPath }, Changed(after, TrackingNames.FragmentReferences).Select(o => ((FragmentFile)o).Path));
        foreach (var name in new[] { TrackingNames.SpecFiles, TrackingNames.Models, TrackingNames.Units, TrackingNames.Files, TrackingNames.Diagnostics })
        {
            Assert.Empty(Changed(after, name));
        }

        Assert.Equal(Sources(before), Sources(after));
    }

    [Fact]
    public void EditingUserCodeWithAMultiFileSpecReusesEveryStep()
    {
        var (driver, compilation, _) = StartMultiFile();
        driver = driver.RunGenerators(compilation);
        var before = driver.GetRunResult().Results.Single();
        var program = compilation.SyntaxTrees.Single();

        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(program, program.WithChangedText(program.GetText().Replace(0, 0, "// an edit\n"))));
        var after = driver.GetRunResult().Results.Single();

        AssertEverythingReused(after);
        Assert.Equal(Sources(before), Sources(after));
        Assert.Equal(7, after.TrackedSteps[TrackingNames.FragmentReferences].Length);
    }

    [Fact]
    public void AddingAMissingFragmentRegeneratesTheSpecThatNamesIt()
    {
        var (driver, compilation, texts) = StartMultiFile();
        driver = driver.RemoveAdditionalTexts(ImmutableArray.Create(texts.Single(t => t.Path == TagPath)));
        var missing = GeneratorHarness.Run(driver, compilation);
        Assert.Contains(missing.GeneratorDiagnostics, d => d.Id == "KUA0033" && d.Location.GetLineSpan().Path == PetPath);

        driver = missing.Driver.AddAdditionalTexts(ImmutableArray.Create<AdditionalText>(new InMemoryAdditionalText(TagPath, TagYaml)));
        var added = GeneratorHarness.Run(driver, compilation);

        Assert.Empty(added.GeneratorDiagnostics);
        Assert.Equal(new[] { ShopPath }, Changed(added.Result, TrackingNames.Models).Select(o => ((SpecModel)o).FilePath));
        Assert.Contains(added.Sources, s => s.HintName == "Shop.Tag.g.cs");
    }

    private const string ShopPath = "/specs/shop/api.yaml";
    private const string PetPath = "/specs/shop/models/pet.yaml";
    private const string TagPath = "/specs/shop/models/tag.yaml";
    private const string UnusedPath = "/specs/shop/unused.yaml";
    private const string OtherPath = "/specs/other/api.yaml";

    private const string TagYaml = """
        type: object
        description: A label.
        properties:
          label: { type: string, description: The text. }
        """;

    /// <summary>
    /// Three specs: a shop in three files (api → models/pet.yaml → models/tag.yaml) beside a fragment it does not
    /// reach, another spec in two files, and the Kua spec in one.
    /// </summary>
    private static (GeneratorDriver Driver, Compilation Compilation, ImmutableArray<AdditionalText> Texts) StartMultiFile()
    {
        var files = new[]
        {
            new SpecFile(ShopPath, SpecTexts.RefersTo("models/pet.yaml", "Shop"), "Shop", "ShopClient"),
            SpecFile.Fragment(PetPath, "type: object\nproperties:\n  tag: { $ref: 'tag.yaml' }\n"),
            SpecFile.Fragment(TagPath, TagYaml),
            SpecFile.Fragment(UnusedPath, "Unused: { type: string }\n"),
            new SpecFile(OtherPath, SpecTexts.RefersTo("thing.yaml", "Other"), "Other", "OtherClient"),
            SpecFile.Fragment("/specs/other/thing.yaml", "type: object\nproperties:\n  a: { type: string }\n"),
            new SpecFile(KuaPath, File.ReadAllText(TestPaths.KuaSpec), "Kua", "KuaClient"),
        };
        var driver = GeneratorHarness.CreateDriver(files, out var texts);
        return (driver, GeneratorHarness.CreateCompilation(), texts);
    }

    /// <summary>The outputs of a step that were not reused (new, modified or removed).</summary>
    private static List<object> Changed(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(s => s.Outputs).Where(o => !Reused.Contains(o.Reason)).Select(o => o.Value).ToList();

    private static bool IsForbidden(Type type) =>
        typeof(Compilation).IsAssignableFrom(type) ||
        typeof(ISymbol).IsAssignableFrom(type) ||
        typeof(SyntaxNode).IsAssignableFrom(type) ||
        typeof(SyntaxTree).IsAssignableFrom(type) ||
        typeof(SemanticModel).IsAssignableFrom(type) ||
        typeof(Location).IsAssignableFrom(type) ||
        (type.Namespace ?? string.Empty).StartsWith("NSwag", StringComparison.Ordinal) ||
        (type.Namespace ?? string.Empty).StartsWith("NJsonSchema", StringComparison.Ordinal) ||
        (type.Namespace ?? string.Empty).StartsWith("Newtonsoft", StringComparison.Ordinal) ||
        (type.Namespace ?? string.Empty).StartsWith("YamlDotNet", StringComparison.Ordinal);

    private static void AssertEverythingReused(GeneratorRunResult result)
    {
        foreach (var name in TrackingNames.All)
        {
            Assert.True(result.TrackedSteps.ContainsKey(name), "The step " + name + " is not tracked.");
            foreach (var step in result.TrackedSteps[name])
            {
                foreach (var output in step.Outputs)
                {
                    Assert.True(Reused.Contains(output.Reason), name + " produced a " + output.Reason + " output: " + output.Value);
                }
            }
        }

        Assert.NotEmpty(result.TrackedOutputSteps);
        foreach (var output in result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs))
        {
            Assert.Equal(IncrementalStepRunReason.Cached, output.Reason);
        }
    }

    private static (GeneratorDriver Driver, Compilation Compilation, ImmutableArray<AdditionalText> Texts) Start()
    {
        var specs = new[]
        {
            new SpecFile(KuaPath, File.ReadAllText(TestPaths.KuaSpec), "Kua", "KuaClient"),
            new SpecFile(EnumsPath, File.ReadAllText(Path.Combine(TestPaths.Specs, "enums.yaml"))),
        };
        var driver = GeneratorHarness.CreateDriver(specs, out var texts);
        return (driver, GeneratorHarness.CreateCompilation(), texts);
    }

    private static List<(string, string)> Sources(GeneratorRunResult result) =>
        result.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())).ToList();
}
