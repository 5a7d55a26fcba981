using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using Kua.Generated.PackageTests.Infrastructure;

namespace Kua.Generated.PackageTests;

/// <summary>
/// An app's default (`KuaSeparateAssembly` unset): the generated client is compiled into App.KuaClient.dll, which a C#
/// edit leaves alone and a spec edit rebuilds. The app runs against a real server through that assembly; a removed
/// operation still fails the project's compile at the calling line (CS1061), and a broken spec still fails the build
/// with KUA0001 at the spec's line and column. An IDE's design-time build uses the built client and never compiles it
/// (without one it runs the generator in the project, as the default mode does); a partial declaration of a client
/// type gets KUA0040, and `KuaSeparateAssembly=false` makes it an extension again. Same folder, same build servers.
/// A signed app gets its client signed with the same key.
/// </summary>
[Collection(Collections.SeparateAssembly)]
[Trait("Category", "Package")]
public sealed class SeparateAssemblyTests(PackageFixture fixture, ITestOutputHelper output)
{
    private const string PrintClientAssembly = "Console.WriteLine(\"client assembly: \" + typeof(PetstoreClient).Assembly.GetName().Name);\n";

    [Fact]
    public async Task AnAppGetsTheClientAsAnAssemblyRebuiltForSpecEditsOnlyAndCanOptOutToExtendItsTypes()
    {
        using var consumer = Consumer.Create(fixture.Package, "separate-assembly", output);
        var spec = PetstoreSpec.AddVaccinations(PetstoreSpec.Text);
        var program = ConsumerPrograms.PetVaccinations + "\n" + PrintClientAssembly;
        await consumer.CreatePetstoreAppAsync(spec, program);
        var clientAssembly = Path.Combine(consumer.ProjectDirectory("App"), "obj", "Release", "net10.0", "kua", "App.KuaClient.dll");

        // 1. The client is an assembly of its own, beside the app, and the app's calls go through it.
        BuildOutput.AssertNoWarnings((await consumer.BuildAsync("App")).AssertSuccess());
        Assert.True(File.Exists(Path.Combine(consumer.OutputDirectory("App", "net10.0"), "App.KuaClient.dll")), "App.KuaClient.dll is not in the app's output.");
        var firstBuild = File.GetLastWriteTimeUtc(clientAssembly);
        CompilerServer.AssertRunning();

        await using var petstore = await PetstoreServer.StartAsync();
        var pet = petstore.Pets[2];
        var id = pet.Id.ToString(CultureInfo.InvariantCulture);
        var environment = new Dictionary<string, string>(petstore.Environment) { ["PETSTORE_E2E_PET_ID"] = id };
        var expected = new List<string> { "shown: " + id + " " + pet.Name, "vaccinations: " + string.Join(",", pet.Vaccinations), "client assembly: App.KuaClient" };
        var run = (await consumer.RunBuiltAsync("App", "net10.0", environment)).AssertSuccess();
        Assert.True(expected.SequenceEqual(run.Lines.Where(l => l.Length > 0)), run.Describe());

        // 2. A C# edit compiles the project again, and not the client.
        consumer.WriteFile("App", "Program.cs", program + "Console.WriteLine(\"edited\");\n");
        var edited = (await consumer.BuildAsync("App", "-v:n")).AssertSuccess();
        Assert.Contains("Skipping target \"KuaCompileClientAssembly\"", edited.Output, StringComparison.Ordinal);
        Assert.Equal(firstBuild, File.GetLastWriteTimeUtc(clientAssembly));
        expected.Add("edited");
        run = (await consumer.RunBuiltAsync("App", "net10.0", environment)).AssertSuccess();
        Assert.True(expected.SequenceEqual(run.Lines.Where(l => l.Length > 0)), run.Describe());

        // 3. A spec edit rebuilds the client: code calling the removed operation no longer compiles.
        consumer.WriteFile("App", "petstore.yaml", PetstoreSpec.RemovePath(spec, "/pets/{petId}"));
        var removed = (await consumer.BuildAsync("App")).AssertFailure();
        BuildOutput.AssertOnlyMissingMethod(removed, "PetsClient", "ShowPetByIdAsync", PetstoreSpec.LineOf(program, "ShowPetByIdAsync("));
        Assert.NotEqual(firstBuild, File.GetLastWriteTimeUtc(clientAssembly));

        // 4. A broken spec fails the client's compile with KUA0001 where the YAML breaks.
        consumer.WriteFile("App", "petstore.yaml", PetstoreSpec.BreakSummary(spec, out var line, out var column));
        var failed = (await consumer.BuildAsync("App")).AssertFailure();
        BuildOutput.AssertSingleKuaError(failed, "petstore.yaml", line, column, "KUA0001");

        // 5. The good spec again: warning-free, and the app works as before.
        consumer.WriteFile("App", "petstore.yaml", spec);
        BuildOutput.AssertNoWarnings((await consumer.BuildAsync("App")).AssertSuccess());
        run = (await consumer.RunBuiltAsync("App", "net10.0", environment)).AssertSuccess();
        Assert.True(expected.SequenceEqual(run.Lines.Where(l => l.Length > 0)), run.Describe());

        // 6. A design-time build references the built client and leaves it alone; with none built yet, the generator
        //    runs in the project (the spec is its additional file), and still nothing is compiled apart.
        var rebuilt = File.GetLastWriteTimeUtc(clientAssembly);
        var arguments = await consumer.DesignTimeCompilerArgumentsAsync("App");
        Assert.Contains(arguments, a => a.StartsWith("/reference:", StringComparison.Ordinal) && a.EndsWith("App.KuaClient.dll", StringComparison.Ordinal));
        Assert.DoesNotContain(arguments, a => a.StartsWith("/additionalfile:", StringComparison.Ordinal) && a.EndsWith("petstore.yaml", StringComparison.Ordinal));
        Assert.Equal(rebuilt, File.GetLastWriteTimeUtc(clientAssembly));
        Directory.Delete(Path.GetDirectoryName(clientAssembly)!, recursive: true);
        arguments = await consumer.DesignTimeCompilerArgumentsAsync("App");
        Assert.DoesNotContain(arguments, a => a.EndsWith("App.KuaClient.dll", StringComparison.Ordinal));
        Assert.Contains(arguments, a => a.StartsWith("/additionalfile:", StringComparison.Ordinal) && a.EndsWith("petstore.yaml", StringComparison.Ordinal));
        Assert.Contains(arguments, a => a.StartsWith("/analyzer:", StringComparison.Ordinal) && a.EndsWith("Kua.Generated.SourceGenerator.dll", StringComparison.Ordinal));
        Assert.False(File.Exists(clientAssembly), "A design-time build compiled the client.");

        // 7. A partial declaration of a client type would declare a second type: KUA0040 at the declaration.
        const string extension = """
            namespace Petstore.Api
            {
                public partial class Pet
                {
                    public string Label => "pet " + Name;
                }
            }
            """;
        consumer.WriteFile("App", "PetExtensions.cs", extension);
        var extended = (await consumer.BuildAsync("App")).AssertFailure();
        BuildOutput.AssertSingleKuaError(extended, "PetExtensions.cs", 3, 26, "KUA0040");

        // 8. Opting out generates the client into the project again, where the partial declaration extends it.
        consumer.SetProperty("App", "KuaSeparateAssembly", "false");
        consumer.WriteFile("App", "Program.cs", program + "Console.WriteLine(\"edited\");\nConsole.WriteLine(new Petstore.Api.Pet { Id = 1, Name = \"Rex\" }.Label);\n");
        BuildOutput.AssertNoWarnings((await consumer.BuildAsync("App")).AssertSuccess());
        expected[expected.IndexOf("client assembly: App.KuaClient")] = "client assembly: App";
        expected.Add("pet Rex");
        run = (await consumer.RunBuiltAsync("App", "net10.0", environment)).AssertSuccess();
        Assert.True(expected.SequenceEqual(run.Lines.Where(l => l.Length > 0)), run.Describe());
    }

    [Fact]
    public async Task ASignedAppGetsItsClientSignedWithTheSameKey()
    {
        using var consumer = Consumer.Create(fixture.Package, "separate-assembly-signed", output);
        await consumer.NewAsync("console", "App");
        await consumer.AddPackageAsync("App");
        consumer.WriteFile("App", "Program.cs", ConsumerPrograms.Kua);
        using (var key = new RSACryptoServiceProvider(2048))
        {
            File.WriteAllBytes(Path.Combine(consumer.ProjectDirectory("App"), "key.snk"), key.ExportCspBlob(includePrivateParameters: true));
        }

        consumer.SetProperty("App", "SignAssembly", "true");
        consumer.SetProperty("App", "AssemblyOriginatorKeyFile", "key.snk");

        // No warning either: CS8002 (an unsigned reference) means nothing on .NET Core, in the client's compile too.
        BuildOutput.AssertNoWarnings((await consumer.BuildAsync("App")).AssertSuccess());
        var built = consumer.OutputDirectory("App", "net10.0");
        var appKey = AssemblyName.GetAssemblyName(Path.Combine(built, "App.dll")).GetPublicKey();
        var clientKey = AssemblyName.GetAssemblyName(Path.Combine(built, "App.KuaClient.dll")).GetPublicKey();
        Assert.NotNull(appKey);
        Assert.NotEmpty(appKey);
        Assert.Equal(appKey, clientKey);

        await using var kua = await FakeKua.StartAsync();
        kua.AssertServed(await consumer.RunBuiltAsync("App", "net10.0", kua.Environment));
    }
}
