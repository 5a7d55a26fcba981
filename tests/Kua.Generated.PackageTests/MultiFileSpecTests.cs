using System.Globalization;
using System.Text.Json;
using Kua.Generated.ExampleRoundTrip;
using Kua.Generated.PackageTests.Infrastructure;
using Kua.Generated.SourceGenerator.Parsing;
using Kua.Generated.SourceGenerator.Tests.Infrastructure;

namespace Kua.Generated.PackageTests;

/// <summary>
/// (f) A spec written as many files: the DigitalOcean API (an entry file and 2,906 fragments) in a consumer project,
/// declared with one KuaOpenApi item and no Fragments metadata (every YAML file below the entry file is a fragment).
/// `dotnet build` from the packed nupkg generates it warning-free with a method for every operation, the app reads
/// every example into its generated type and writes it back without losing a declared member, a C# edit rebuilds, and
/// a fragment edit regenerates. The build times are logged.
/// </summary>
[Collection(Collections.MultiFile)]
[Trait("Category", "Package")]
public sealed class MultiFileSpecTests(PackageFixture fixture, ITestOutputHelper output)
{
    private const string EditedFragment = "specification/resources/droplets/models/droplet.yml";
    private const string OriginalText = "The human-readable name set for the Droplet instance.";
    private const string EditedText = "The human-readable name of the Droplet, as edited by the multi-file package test.";

    private const string Program = """
        using System.Reflection;
        using Kua.Generated.ExampleRoundTrip;

        // methods.txt examples.json roundtrip.json: report the methods the client lacks, then round-trip every example.
        var assembly = typeof(DigitalOcean.DigitalOceanClient).Assembly;
        var declared = assembly.GetExportedTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => m.Name)
            .ToHashSet(StringComparer.Ordinal);
        var missing = File.ReadAllLines(args[0]).Where(m => m.Length > 0 && !declared.Contains(m)).ToList();
        Console.WriteLine("methods missing: " + missing.Count);
        missing.ForEach(m => Console.WriteLine("missing: " + m));
        ExampleRoundTripper.RunFiles(assembly, args[1], args[2]);
        Console.WriteLine("examples written: " + args[2]);
        """;

    [Fact]
    public async Task DigitalOceanFromItsFragmentsBuildsWarningFreeWithEveryMethodAndRoundTripsItsExamples()
    {
        // What the generator makes of the spec, computed in this process: the methods and the examples to check.
        var files = DigitalOceanSpec.Files(TestPaths.DigitalOcean);
        var input = DigitalOceanSpec.Input(files);
        var model = SpecParser.Parse(input, CancellationToken.None);
        Assert.Empty(model.Diagnostics);
        var methods = model.Client!.Operations.Concat(model.Client.Groups.SelectMany(g => g.Operations)).Select(o => o.MethodName).ToList();
        Assert.Equal(DigitalOceanSpec.CountOperations(files[0].Text), methods.Count);
        var examples = ExampleCatalog.Collect(DigitalOceanSpec.Bundle(input), model);

        using var consumer = Consumer.Create(fixture.Package, "digitalocean", output);
        await consumer.NewAsync("console", "App");
        await consumer.AddPackageAsync("App");
        var app = consumer.ProjectDirectory("App");
        CopyFolder(TestPaths.DigitalOcean, Path.Combine(app, "specification"));
        consumer.AddToProject("App", """<ItemGroup><KuaOpenApi Include="specification/DigitalOcean-public.v2.yaml" Namespace="DigitalOcean" ClientName="DigitalOceanClient" /></ItemGroup>""");
        consumer.SetProperty("App", "EmitCompilerGeneratedFiles", "true");
        consumer.WriteFile("App", "Program.cs", Program);
        consumer.WriteFile("App", "ExampleRoundTripper.cs", File.ReadAllText(TestPaths.ExampleRoundTripperSource));
        File.WriteAllLines(Path.Combine(consumer.Root, "methods.txt"), methods);
        File.WriteAllText(Path.Combine(consumer.Root, "examples.json"), JsonSerializer.Serialize(examples.Select(e => e.ToInput(DigitalOceanSpec.Namespace))));

        var cold = (await consumer.BuildAsync("App")).AssertSuccess();
        BuildOutput.AssertNoWarnings(cold);

        var roundTrip = Path.Combine(consumer.Root, "roundtrip.json");
        var dll = Path.Combine(app, "bin", "Release", "net10.0", "App.dll");
        var run = (await consumer.DotNetAsync("App", Consumer.RunTimeout, new[] { dll, Path.Combine(consumer.Root, "methods.txt"), Path.Combine(consumer.Root, "examples.json"), roundTrip })).AssertSuccess();
        Assert.True(run.Lines.Contains("methods missing: 0"), run.Describe());
        var written = JsonSerializer.Deserialize<List<ExampleOutput>>(File.ReadAllText(roundTrip))!;
        Assert.Equal(examples.Count, written.Count);
        var failures = DigitalOceanSpec.Failures(examples, written, model);
        Assert.True(failures.Count == 0, failures.Count + " of " + examples.Count + " examples did not round-trip in the consumer:\n" + string.Join("\n", failures.Take(40)));

        // Nothing changed: the compiler is not run again.
        var unchanged = (await consumer.BuildAsync("App")).AssertSuccess();

        // A C# edit recompiles (and regenerates, as every compiler run does).
        consumer.WriteFile("App", "Program.cs", Program.Replace("examples written: ", "examples written to ", StringComparison.Ordinal));
        var csharpEdit = (await consumer.BuildAsync("App")).AssertSuccess();
        BuildOutput.AssertNoWarnings(csharpEdit);

        // A fragment edit is an input of the compiler: the build regenerates and the generated code changes.
        var fragment = Path.Combine(app, EditedFragment);
        var text = File.ReadAllText(fragment);
        Assert.Contains(OriginalText, text, StringComparison.Ordinal);
        File.WriteAllText(fragment, text.Replace(OriginalText, EditedText, StringComparison.Ordinal));
        var fragmentEdit = (await consumer.BuildAsync("App")).AssertSuccess();
        BuildOutput.AssertNoWarnings(fragmentEdit);
        var generated = Directory.EnumerateFiles(Path.Combine(app, "obj"), "DigitalOcean.DigitalOceanClient.Models.*.g.cs", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(generated);
        Assert.Contains(generated, f => File.ReadAllText(f).Contains(EditedText, StringComparison.Ordinal));
        Assert.DoesNotContain(generated, f => File.ReadAllText(f).Contains(OriginalText, StringComparison.Ordinal));

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"DigitalOcean consumer ({files.Count} files, {methods.Count} methods, {examples.Count} examples round-tripped): dotnet build cold {Seconds(cold)} s, unchanged {Seconds(unchanged)} s, after a C# edit {Seconds(csharpEdit)} s, after a fragment edit {Seconds(fragmentEdit)} s"));
    }

    private static string Seconds(CommandResult result) => result.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture);

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
