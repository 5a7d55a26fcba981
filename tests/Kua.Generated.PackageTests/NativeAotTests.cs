using System.Globalization;
using Kua.Generated.PackageTests.Infrastructure;

namespace Kua.Generated.PackageTests;

/// <summary>
/// (e) A consumer with PublishAot publishes with zero trim/AOT (or any other) warnings, and the native executable
/// logs in to the fake server and reads the account, with the generated code compiled into the app and with it in an
/// assembly of its own (KuaSeparateAssembly). Reports the executable's size and start-to-exit time.
/// </summary>
[Collection(Collections.NativeAot)]
[Trait("Category", "Package")]
public sealed class NativeAotTests(PackageFixture fixture, ITestOutputHelper output)
{
    private const int Runs = 3;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PublishAotHasNoWarningsAndTheNativeExecutableTalksToTheServer(bool separateAssembly)
    {
        using var consumer = Consumer.Create(fixture.Package, separateAssembly ? "aot-separate" : "aot", output);
        await consumer.NewAsync("console", "App");
        await consumer.AddPackageAsync("App");
        consumer.SetProperty("App", "PublishAot", "true");
        consumer.SetProperty("App", "KuaSeparateAssembly", separateAssembly ? "true" : "false");
        consumer.WriteFile("App", "Program.cs", ConsumerPrograms.Kua);

        var publishDirectory = Path.Combine(consumer.Root, "publish");
        var publish = (await consumer.DotNetAsync("App", TimeSpan.FromMinutes(15), new[] { "publish", "-c", "Release", "-r", "linux-x64", "-o", publishDirectory, "-tl:off", "-nologo" })).AssertSuccess();
        BuildOutput.AssertNoWarnings(publish);
        Assert.True(publish.Output.Contains("Generating native code", StringComparison.Ordinal), "The AOT compiler did not run. " + publish.Describe());

        var executable = Path.Combine(publishDirectory, "App");
        Assert.True(File.Exists(executable), "No native executable in " + publishDirectory + ". " + publish.Describe());
        foreach (var assembly in new[] { "App.dll", "App.KuaClient.dll" })
        {
            Assert.False(File.Exists(Path.Combine(publishDirectory, assembly)), "The publish folder holds IL (" + assembly + "): not a native AOT publish.");
        }

        if (separateAssembly)
        {
            Assert.True(File.Exists(Path.Combine(consumer.ProjectDirectory("App"), "obj", "Release", "net10.0", "linux-x64", "kua", "App.KuaClient.dll")), "KuaSeparateAssembly compiled no client assembly.");
        }

        var magic = new byte[4];
        using (var stream = File.OpenRead(executable))
        {
            stream.ReadExactly(magic);
        }

        Assert.Equal(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' }, magic);

        await using var kua = await FakeKua.StartAsync();
        var times = new List<TimeSpan>();
        for (var run = 1; run <= Runs; run++)
        {
            var result = await ProcessRunner.RunAsync(executable, Array.Empty<string>(), publishDirectory, Consumer.RunTimeout, kua.Environment);
            kua.AssertServed(result, runs: run);
            times.Add(result.Elapsed);
        }

        var size = new FileInfo(executable).Length;
        var sorted = times.Order().ToList();
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"METRIC native AOT executable{(separateAssembly ? " (KuaSeparateAssembly)" : "")}: {size} bytes ({size / 1024.0 / 1024.0:F2} MiB); start-to-exit (login + GET /accounts against the fake server) over {Runs} runs: first {times[0].TotalMilliseconds:F0} ms, median {sorted[Runs / 2].TotalMilliseconds:F0} ms, min {sorted[0].TotalMilliseconds:F0} ms; publish took {publish.Elapsed.TotalSeconds:F0} s"));
    }
}
