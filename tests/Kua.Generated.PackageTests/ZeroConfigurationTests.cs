using Kua.Generated.PackageTests.Infrastructure;

namespace Kua.Generated.PackageTests;

/// <summary>(a) `dotnet new console` + `dotnet add package Kua.Generated` is all it takes to call Kua.</summary>
[Collection(Collections.ZeroConfiguration)]
[Trait("Category", "Package")]
public sealed class ZeroConfigurationTests(PackageFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task ConsoleAppWithOnlyThePackageLogsInAndPrintsTheAccount()
    {
        using var consumer = Consumer.Create(fixture.Package, "zero-config", output);
        await consumer.NewAsync("console", "App");
        await consumer.AddPackageAsync("App");
        Assert.DoesNotContain("Kua", File.ReadAllText(consumer.ProjectFile("App")).Replace("Kua.Generated", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        consumer.WriteFile("App", "Program.cs", ConsumerPrograms.Kua);

        var build = (await consumer.BuildAsync("App")).AssertSuccess();
        BuildOutput.AssertNoWarnings(build);

        await using var kua = await FakeKua.StartAsync();
        var run = await consumer.RunBuiltAsync("App", "net10.0", kua.Environment);
        kua.AssertServed(run);
    }
}
