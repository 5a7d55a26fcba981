using System.Collections.Immutable;
using System.Diagnostics;
using System.Runtime.Loader;
using Kua.Generated.ExampleRoundTrip;
using Kua.Generated.SourceGenerator.Diagnostics;
using Kua.Generated.SourceGenerator.Model;
using Kua.Generated.SourceGenerator.Parsing;
using Kua.Generated.SourceGenerator.Parsing.References;
using Kua.Generated.SourceGenerator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Newtonsoft.Json.Linq;
using Xunit.Abstractions;

namespace Kua.Generated.SourceGenerator.Tests;

/// <summary>
/// The DigitalOcean API (../shared/openapi-multifile/digitalocean: 2,906 files joined by relative $refs) through
/// the generator: no KUA error, a method for every operation, code that compiles with zero warnings, and every
/// example of the spec read into its generated type and written back without losing a declared member.
/// </summary>
public sealed class DigitalOceanTests(ITestOutputHelper output)
{
    private const string Namespace = "DigitalOcean";

    private static readonly string[] HttpMethods = { "get", "put", "post", "delete", "options", "head", "patch", "trace" };

    /// <summary>
    /// Examples that contradict their own schema, each with the failure expected of it: what the spec says is wrong,
    /// not the generated code. Checked both ways: they must fail, and fail as written here.
    /// </summary>
    private static readonly (string Example, string Failure, string Why)[] ContradictTheirSchema =
    {
        ("/v2/databases/{database_cluster_uuid}/topics post 201 application/json example", "flush_messages: The value is not a 64-bit integer",
            "flush_messages is 9223372036854776000: 2^63 - 1 rounded by JavaScript, beyond any 64-bit integer"),
        ("/v2/databases/{database_cluster_uuid}/topics/{topic_name} get 200 application/json example", "flush_messages: The value is not a 64-bit integer", "the same topic"),
        ("/v2/databases/{database_cluster_uuid}/topics/{topic_name} put 200 application/json example", "flush_messages: The value is not a 64-bit integer", "the same topic"),
        ("/v2/monitoring/alerts get 200 application/json schema example", "entities[0]: Expected a string but found a number",
            "entities are declared as strings (alert_policy.yml), the example lists the number 192018292"),
    };

    [Fact]
    public void EveryOperationHasAMethodTheCodeCompilesWarningFreeAndEveryExampleRoundTrips()
    {
        var files = Files();
        Assert.True(files.Count >= 2906, "The DigitalOcean spec must lie at " + TestPaths.DigitalOcean);
        var watch = Stopwatch.StartNew();
        var run = GeneratorHarness.Run(files);
        var generation = watch.ElapsedMilliseconds;

        Assert.Empty(run.GeneratorDiagnostics);
        var input = (SpecInput)run.Result.TrackedSteps[TrackingNames.SpecFiles].Single().Outputs.Single().Value;
        var model = (SpecModel)run.Result.TrackedSteps[TrackingNames.Models].Single().Outputs.Single().Value;
        var methods = model.Client!.Operations.Count + model.Client.Groups.Sum(g => g.Operations.Count);
        Assert.Equal(CountOperations(files[0].Text), methods);

        watch.Restart();
        using var image = new MemoryStream();
        var emitted = run.Output.Emit(image);
        var compile = watch.ElapsedMilliseconds;
        var problems = emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(emitted.Success && problems.Count == 0, string.Join("\n", problems.Take(20)));

        var context = new AssemblyLoadContext("DigitalOcean", isCollectible: true);
        try
        {
            image.Position = 0;
            var assembly = context.LoadFromStream(image);
            var examples = ExampleCatalog.Collect(Bundle(input), model);
            var written = ExampleRoundTripper.RoundTrip(assembly, examples.Select(e => e.ToInput(Namespace))).ToDictionary(o => o.Id);
            var failures = examples.SelectMany(e => Failures(e, written[e.Id], model)).ToList();
            foreach (var (example, failure, why) in ContradictTheirSchema)
            {
                var expected = failures.Where(f => f.StartsWith(example + " (", StringComparison.Ordinal)).ToList();
                Assert.True(expected.Count == 1 && expected[0].Contains(failure, StringComparison.Ordinal), "Expected " + example + " to fail with '" + failure + "' (" + why + "), got: " + string.Join("\n", expected));
                failures.Remove(expected[0]);
            }

            output.WriteLine($"{files.Count} files, {input.Fragments.Count} reached; {methods} methods, {model.Types.Count} types, {run.Sources.Length} generated files; generation {generation} ms (first run, cold), compile {compile} ms");
            output.WriteLine($"{examples.Count} examples: {examples.Count(e => e.Id.Contains(" example", StringComparison.Ordinal) && e.Id.StartsWith('#'))} schema-level, {examples.Count(e => !e.Id.StartsWith('#'))} of media types and their schemas");
            Assert.True(examples.Count > 500, "Too few examples found: " + examples.Count);
            Assert.True(failures.Count == 0, failures.Count + " of " + examples.Count + " examples did not round-trip:\n" + string.Join("\n", failures.Take(40)));
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>Every file of the spec folder: the entry file as the KuaOpenApi item, the others as fragments.</summary>
    internal static List<SpecFile> Files()
    {
        var entry = Path.Combine(TestPaths.DigitalOcean, "DigitalOcean-public.v2.yaml");
        var files = new List<SpecFile> { SpecFile.FromDisk(entry, Namespace, "DigitalOceanClient") };
        foreach (var path in Directory.EnumerateFiles(TestPaths.DigitalOcean, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (path != entry && (path.EndsWith(".yml", StringComparison.Ordinal) || path.EndsWith(".yaml", StringComparison.Ordinal) || path.EndsWith(".json", StringComparison.Ordinal)))
            {
                files.Add(SpecFile.Fragment(path, File.ReadAllText(path)));
            }
        }

        return files;
    }

    /// <summary>The spec as the generator bundles it, before normalization: the component names the model's schema names are.</summary>
    internal static JObject Bundle(SpecInput input)
    {
        var diagnostics = new DiagnosticBag(input.FilePath);
        var root = (JObject)SpecTextReader.Read(input.Text!, diagnostics, CancellationToken.None)!;
        ReferenceBundler.Bundle(root, input, diagnostics, CancellationToken.None);
        Assert.Empty(diagnostics.ToEquatableArray());
        return root;
    }

    /// <summary>Operations (paths × methods) in the entry file, counted on its text: each is a $ref to an operation file.</summary>
    private static int CountOperations(string entryText)
    {
        var tree = (JObject)SpecTextReader.Read(entryText, new DiagnosticBag("entry"), CancellationToken.None)!;
        return ((JObject)tree["paths"]!).Properties().Sum(p => HttpMethods.Count(m => p.Value[m] is JObject));
    }

    private static IEnumerable<string> Failures(ExampleCase example, ExampleOutput written, SpecModel model)
    {
        if (written.Error != null)
        {
            return new[] { example.Id + " (" + ExampleCatalog.TypeName(example.Type, Namespace) + "): " + written.Error };
        }

        return ExampleCatalog.Compare(example, written.Json!, model).Select(p => example.Id + " (" + ExampleCatalog.TypeName(example.Type, Namespace) + "): " + p);
    }
}
