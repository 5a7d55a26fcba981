using System.Globalization;
using Kua.Generated.PackageTests.Infrastructure;

namespace Kua.Generated.PackageTests;

/// <summary>
/// (d) A spec that is not valid YAML fails the build with KUA0001 at the spec's file, line and column; fixing the
/// file makes the next build in the same folder pass, with the build servers still running (no
/// `dotnet build-server shutdown`).
/// </summary>
[Collection(Collections.BrokenSpec)]
[Trait("Category", "Package")]
public sealed class BrokenSpecTests(PackageFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task BrokenSpecReportsKua0001AtItsLineAndTheFixedSpecBuildsAgain()
    {
        using var consumer = Consumer.Create(fixture.Package, "broken-spec", output);
        var good = PetstoreSpec.Text;
        await consumer.CreatePetstoreAppAsync(good, ConsumerPrograms.Petstore);

        // A good build first, so the compiler server has run the generator on this project before.
        (await consumer.BuildAsync("App")).AssertSuccess();
        CompilerServer.AssertRunning();

        var broken = PetstoreSpec.BreakSummary(good, out var line, out var column);
        consumer.WriteFile("App", "petstore.yaml", broken);
        var failed = (await consumer.BuildAsync("App")).AssertFailure();
        var diagnostic = BuildOutput.AssertSingleKuaError(failed, "petstore.yaml", line, column, "KUA0001");
        Assert.Contains("(opened at line " + (line - 1).ToString(CultureInfo.InvariantCulture) + ")", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(consumer.ProjectDirectory("App"), "petstore.yaml"), Path.GetFullPath(diagnostic.File, consumer.ProjectDirectory("App")));

        consumer.WriteFile("App", "petstore.yaml", good);
        var fixedBuild = (await consumer.BuildAsync("App")).AssertSuccess();
        BuildOutput.AssertNoWarnings(fixedBuild);
        Assert.DoesNotContain(BuildOutput.Diagnostics(fixedBuild), d => d.Id.StartsWith("KUA", StringComparison.Ordinal));

        await using var petstore = await PetstoreServer.StartAsync();
        var run = (await consumer.RunBuiltAsync("App", "net10.0", petstore.Environment)).AssertSuccess();
        Assert.Contains("shown: " + petstore.Pets[1].Id.ToString(CultureInfo.InvariantCulture) + " " + petstore.Pets[1].Name, run.Lines);
    }
}
