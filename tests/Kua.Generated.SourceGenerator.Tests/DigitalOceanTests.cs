using System.Diagnostics;
using System.Runtime.Loader;
using Kua.Generated.ExampleRoundTrip;
using Kua.Generated.SourceGenerator.Model;
using Kua.Generated.SourceGenerator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace Kua.Generated.SourceGenerator.Tests;

/// <summary>
/// The DigitalOcean API (../shared/openapi-multifile/digitalocean: 2,906 files joined by relative $refs) through the
/// generator: no diagnostic, a method for every operation, code that compiles with zero warnings, and every example
/// of the spec read into its generated type and written back without losing a declared member.
/// </summary>
public sealed class DigitalOceanTests(ITestOutputHelper output)
{
    [Fact]
    public void EveryOperationHasAMethodTheCodeCompilesWarningFreeAndEveryExampleRoundTrips()
    {
        var files = DigitalOceanSpec.Files(TestPaths.DigitalOcean);
        Assert.True(files.Count > 2906, "Expected the entry file and its 2,906 fragments, found " + files.Count + " files.");
        var watch = Stopwatch.StartNew();
        var run = GeneratorHarness.Run(files.Select((f, i) => i == 0 ? new SpecFile(f.Path, f.Text, DigitalOceanSpec.Namespace, DigitalOceanSpec.ClientName) : SpecFile.Fragment(f.Path, f.Text)));
        var generation = watch.ElapsedMilliseconds;

        Assert.Empty(run.GeneratorDiagnostics);
        var input = (SpecInput)run.Result.TrackedSteps[TrackingNames.SpecFiles].Single().Outputs.Single().Value;
        var model = (SpecModel)run.Result.TrackedSteps[TrackingNames.Models].Single().Outputs.Single().Value;
        var methods = model.Client!.Operations.Count + model.Client.Groups.Sum(g => g.Operations.Count);
        Assert.Equal(DigitalOceanSpec.CountOperations(files[0].Text), methods);

        // The inference operations answer JSON or server-sent events: JSON stays the method's, a …StreamAsync variant
        // reads the events with their typed data.
        var streamed = model.Client.Operations.Concat(model.Client.Groups.SelectMany(g => g.Operations)).Where(o => o.StreamVariant != null).ToList();
        Assert.Equal(5, streamed.Count);
        Assert.All(streamed, o => Assert.True(o.StreamVariant!.Stream.Format == StreamFormat.EventStream && o.StreamVariant.Stream.ItemType != null, o.OperationId));

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
            var examples = ExampleCatalog.Collect(DigitalOceanSpec.Bundle(input), model);
            var written = ExampleRoundTripper.RoundTrip(assembly, examples.Select(e => e.ToInput(DigitalOceanSpec.Namespace)));
            var failures = DigitalOceanSpec.Failures(examples, written, model);

            output.WriteLine($"{files.Count} files, {input.Fragments.Count} reached; {methods} methods, {model.Types.Count} types, {run.Sources.Length} generated files; generation {generation} ms (one cold run), compile {compile} ms");
            output.WriteLine($"{examples.Count} examples round-tripped: {examples.Count(e => e.Id.StartsWith('#'))} in component schemas, {examples.Count(e => !e.Id.StartsWith('#'))} in operations' media types and their schemas");
            Assert.True(examples.Count > 3000, "Too few examples found: " + examples.Count);
            Assert.True(failures.Count == 0, failures.Count + " of " + examples.Count + " examples did not round-trip:\n" + string.Join("\n", failures.Take(40)));
        }
        finally
        {
            context.Unload();
        }
    }
}
