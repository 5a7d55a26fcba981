using Kua.Generated.PackageTests.Infrastructure;

namespace Kua.Generated.PackageTests;

/// <summary>
/// (g) The package serves both of its lib/ flavours: a netstandard2.0 class library at its default C# 7.3, used by a
/// net10.0 app that gets Kua.Generated only transitively (with the library's client compiled into the library, and
/// into an assembly of its own with KuaSeparateAssembly, which its package then carries too), and a net8.0 app.
/// </summary>
[Collection(Collections.TargetFrameworks)]
[Trait("Category", "Package")]
public sealed class TargetFrameworkTests(PackageFixture fixture, ITestOutputHelper output)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task NetStandard20LibraryAtCSharp73BuildsAndWorksFromAnAppThatReferencesIt(bool separateAssembly)
    {
        using var consumer = Consumer.Create(fixture.Package, separateAssembly ? "netstandard-separate" : "netstandard", output);
        await consumer.NewAsync("classlib", "Lib", "-f", "netstandard2.0");
        await consumer.AddPackageAsync("Lib");
        consumer.SetProperty("Lib", "KuaSeparateAssembly", separateAssembly ? "true" : "false");
        File.Delete(Path.Combine(consumer.ProjectDirectory("Lib"), "Class1.cs"));
        consumer.WriteFile("Lib", "AccountReader.cs", ConsumerPrograms.NetStandardLibrary);

        // The premise: the template leaves the language version at netstandard2.0's default, C# 7.3, without nullable.
        var values = (await consumer.MsBuildQueryAsync("Lib", "-getProperty:LangVersion", "-getProperty:Nullable", "-getProperty:TargetFramework")).GetProperty("Properties");
        Assert.Equal("7.3", values.GetProperty("LangVersion").GetString());
        Assert.Equal("netstandard2.0", values.GetProperty("TargetFramework").GetString());
        Assert.NotEqual("enable", values.GetProperty("Nullable").GetString());

        var libraryBuild = (await consumer.BuildAsync("Lib")).AssertSuccess();
        BuildOutput.AssertNoWarnings(libraryBuild);

        // The library's package carries its client assembly beside it.
        var packed = Path.Combine(consumer.Root, "packed");
        (await consumer.DotNetAsync("Lib", Consumer.BuildTimeout, new[] { "pack", "-c", "Release", "--no-build", "-o", packed })).AssertSuccess();
        using (var package = System.IO.Compression.ZipFile.OpenRead(Path.Combine(packed, "Lib.1.0.0.nupkg")))
        {
            var libraries = package.Entries.Select(e => e.FullName).Where(n => n.StartsWith("lib/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
            var expected = separateAssembly
                ? new[] { "lib/netstandard2.0/Lib.dll", "lib/netstandard2.0/Lib.KuaClient.dll", "lib/netstandard2.0/Lib.KuaClient.xml" }
                : new[] { "lib/netstandard2.0/Lib.dll" };
            Assert.Equal(expected.Order(StringComparer.Ordinal), libraries);
        }

        await consumer.NewAsync("console", "App");
        (await consumer.DotNetAsync("App", Consumer.RestoreTimeout, new[] { "add", "reference", "../Lib/Lib.csproj" })).AssertSuccess();
        consumer.WriteFile("App", "Program.cs", ConsumerPrograms.NetStandardLibraryUser);
        var appBuild = (await consumer.BuildAsync("App")).AssertSuccess();
        BuildOutput.AssertNoWarnings(appBuild);

        await using var kua = await FakeKua.StartAsync();
        var run = await consumer.RunBuiltAsync("App", "net10.0", kua.Environment);
        kua.AssertServed(run);
        // The app sees the library's client (the transitive package did not generate a second KuaClient into the app),
        // in the library or, with KuaSeparateAssembly, in the library's client assembly, which the app compiled against.
        var clientAssembly = separateAssembly ? "Lib.KuaClient" : "Lib";
        Assert.Contains("client compiled into: " + clientAssembly, run.Lines);
        Assert.Contains("client seen by the app: " + clientAssembly, run.Lines);
        // NuGet gave the net10.0 app the net8.0 runtime; the library was compiled against the netstandard2.0 one.
        Assert.Contains("runtime flavour: .NETCoreApp,Version=v8.0", run.Lines);
    }

    /// <summary>
    /// Builds for net8.0. Only the .NET 10 runtime is installed here, so the net8.0 app runs on it by rolling forward
    /// (DOTNET_ROLL_FORWARD=Major): the net8.0 build output and the package's lib/net8.0, on a newer runtime.
    /// </summary>
    [Fact]
    public async Task Net80AppBuildsAndRuns()
    {
        using var consumer = Consumer.Create(fixture.Package, "net8", output);
        await consumer.NewAsync("console", "App");
        consumer.SetProperty("App", "TargetFramework", "net8.0");
        await consumer.AddPackageAsync("App");
        consumer.WriteFile("App", "Program.cs", ConsumerPrograms.Kua);

        var build = (await consumer.BuildAsync("App")).AssertSuccess();
        BuildOutput.AssertNoWarnings(build);

        await using var kua = await FakeKua.StartAsync();
        var environment = new Dictionary<string, string>(kua.Environment) { ["DOTNET_ROLL_FORWARD"] = "Major" };
        var run = await consumer.RunBuiltAsync("App", "net8.0", environment);
        kua.AssertServed(run);
    }
}
