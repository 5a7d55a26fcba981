using System.Collections.Immutable;
using Kua.Generated.ExampleRoundTrip;
using Kua.Generated.SourceGenerator.Diagnostics;
using Kua.Generated.SourceGenerator.Model;
using Kua.Generated.SourceGenerator.Parsing;
using Kua.Generated.SourceGenerator.Parsing.References;
using Newtonsoft.Json.Linq;

namespace Kua.Generated.SourceGenerator.Tests.Infrastructure;

/// <summary>
/// The DigitalOcean spec (../shared/openapi-multifile/digitalocean/specification: an entry file and 2,906 fragments)
/// as the generator and package tests use it: its files, what the generator makes of it, its examples, and the
/// check of their round trips. Shared by both test projects.
/// </summary>
internal static class DigitalOceanSpec
{
    public const string Namespace = "DigitalOcean";
    public const string ClientName = "DigitalOceanClient";
    public const string EntryFile = "DigitalOcean-public.v2.yaml";

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

    /// <summary>The spec's folder beside the repository (as CI lays it out).</summary>
    public static string Folder(string repositoryRoot) =>
        Path.GetFullPath(Path.Combine(repositoryRoot, "..", "shared", "openapi-multifile", "digitalocean", "specification"));

    /// <summary>Every YAML and JSON file of the folder, by path, the entry file first.</summary>
    public static List<(string Path, string Text)> Files(string folder)
    {
        var entry = Path.Combine(folder, EntryFile);
        if (!File.Exists(entry))
        {
            throw new FileNotFoundException("The DigitalOcean spec must lie at ../shared/openapi-multifile/digitalocean beside the repository.", entry);
        }

        var others = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(p => p != entry && (p.EndsWith(".yml", StringComparison.Ordinal) || p.EndsWith(".yaml", StringComparison.Ordinal) || p.EndsWith(".json", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal);
        return new[] { entry }.Concat(others).Select(p => (p, File.ReadAllText(p))).ToList();
    }

    /// <summary>The entry file's input with the fragments it reaches, as the generator's pipeline gives it to the parse step.</summary>
    public static SpecInput Input(IReadOnlyList<(string Path, string Text)> files)
    {
        var scanned = files.Select(f => FragmentScanner.Scan(new SpecFragment(f.Path, f.Text), CancellationToken.None)).ToImmutableArray();
        return FragmentClosure.Attach(new SpecInput(files[0].Path, files[0].Text, Namespace, ClientName, null), scanned, CancellationToken.None);
    }

    /// <summary>The spec as the generator bundles it, before normalization: its component names are the model's schema names.</summary>
    public static JObject Bundle(SpecInput input)
    {
        var diagnostics = new DiagnosticBag(input.FilePath);
        var root = (JObject)SpecTextReader.Read(input.Text!, diagnostics, CancellationToken.None)!;
        ReferenceBundler.Bundle(root, input, diagnostics, CancellationToken.None);
        Assert.Empty(diagnostics.ToEquatableArray());
        return root;
    }

    /// <summary>Operations (paths × methods) in the entry file, counted on its own tree: each is a $ref to an operation file.</summary>
    public static int CountOperations(string entryText)
    {
        var tree = (JObject)SpecTextReader.Read(entryText, new DiagnosticBag(EntryFile), CancellationToken.None)!;
        return ((JObject)tree["paths"]!).Properties().Sum(p => HttpMethods.Count(m => p.Value[m] is JObject));
    }

    /// <summary>
    /// The examples whose round trip failed or lost a declared member, but for those that contradict their schema
    /// (which must fail as <see cref="ContradictTheirSchema"/> says).
    /// </summary>
    public static List<string> Failures(IReadOnlyList<ExampleCase> examples, IEnumerable<ExampleOutput> outputs, SpecModel model)
    {
        var written = outputs.ToDictionary(o => o.Id);
        var failures = examples.SelectMany(e => Failures(e, written[e.Id], model)).ToList();
        foreach (var (example, failure, why) in ContradictTheirSchema)
        {
            var expected = failures.Where(f => f.StartsWith(example + " (", StringComparison.Ordinal)).ToList();
            Assert.True(expected.Count == 1 && expected[0].Contains(failure, StringComparison.Ordinal), "Expected " + example + " to fail with '" + failure + "' (" + why + "), got: " + string.Join("\n", expected));
            failures.Remove(expected[0]);
        }

        return failures;
    }

    private static IEnumerable<string> Failures(ExampleCase example, ExampleOutput written, SpecModel model)
    {
        var prefix = example.Id + " (" + ExampleCatalog.TypeName(example.Type, Namespace) + "): ";
        return written.Error != null
            ? new[] { prefix + written.Error }
            : ExampleCatalog.Compare(example, written.Json!, model).Select(p => prefix + p);
    }
}
