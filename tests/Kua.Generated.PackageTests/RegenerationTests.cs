using System.Globalization;
using Kua.Generated.PackageTests.Infrastructure;

namespace Kua.Generated.PackageTests;

/// <summary>
/// (c) Editing the consumer's spec and running `dotnet build` regenerates the client: an added operation becomes a
/// method that compiles and runs, a removed one makes code calling it fail to compile (CS1061). Same folder, same
/// build servers, no clean and no `dotnet build-server shutdown` in between.
/// </summary>
[Collection(Collections.Regeneration)]
[Trait("Category", "Package")]
public sealed class RegenerationTests(PackageFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task AddedOperationCompilesAndRunsAndRemovedOperationFailsToCompile()
    {
        using var consumer = Consumer.Create(fixture.Package, "regeneration", output);
        var spec = PetstoreSpec.Text;
        await consumer.CreatePetstoreAppAsync(spec, ConsumerPrograms.PetVaccinations);
        var vaccinationsLine = PetstoreSpec.LineOf(ConsumerPrograms.PetVaccinations, "ListVaccinationsAsync(");
        var showLine = PetstoreSpec.LineOf(ConsumerPrograms.PetVaccinations, "ShowPetByIdAsync(");

        // 1. The spec has no listVaccinations yet: calling it does not compile.
        var before = (await consumer.BuildAsync("App")).AssertFailure();
        BuildOutput.AssertOnlyMissingMethod(before, "PetsClient", "ListVaccinationsAsync", vaccinationsLine);
        CompilerServer.AssertRunning();

        // 2. Add the operation to the spec: the method exists and talks to the server.
        spec = PetstoreSpec.AddVaccinations(spec);
        consumer.WriteFile("App", "petstore.yaml", spec);
        var added = (await consumer.BuildAsync("App")).AssertSuccess();
        BuildOutput.AssertNoWarnings(added);

        await using var petstore = await PetstoreServer.StartAsync();
        var pet = petstore.Pets[2];
        var id = pet.Id.ToString(CultureInfo.InvariantCulture);
        var environment = new Dictionary<string, string>(petstore.Environment) { ["PETSTORE_E2E_PET_ID"] = id };
        var run = (await consumer.RunBuiltAsync("App", "net10.0", environment)).AssertSuccess();
        var expected = new[] { "shown: " + id + " " + pet.Name, "vaccinations: " + string.Join(",", pet.Vaccinations) };
        Assert.True(expected.SequenceEqual(run.Lines.Where(l => l.Length > 0)), run.Describe());
        Assert.Equal(new[] { "GET /v1/pets/" + id, "GET /v1/pets/" + id + "/vaccinations" }, petstore.Requests);

        // 3. Remove showPetById from the spec: the code calling it no longer compiles, and nothing else breaks.
        consumer.WriteFile("App", "petstore.yaml", PetstoreSpec.RemovePath(spec, "/pets/{petId}"));
        var removed = (await consumer.BuildAsync("App")).AssertFailure();
        BuildOutput.AssertOnlyMissingMethod(removed, "PetsClient", "ShowPetByIdAsync", showLine);
    }
}
