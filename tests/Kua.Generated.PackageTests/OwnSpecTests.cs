using System.Globalization;
using Kua.Generated.PackageTests.Infrastructure;

namespace Kua.Generated.PackageTests;

/// <summary>(b) A consumer's own spec, declared with a KuaOpenApi item, becomes a client that really calls its API.</summary>
[Collection(Collections.OwnSpec)]
[Trait("Category", "Package")]
public sealed class OwnSpecTests(PackageFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task KuaOpenApiItemWithNamespaceAndClientNameGeneratesACallableClient()
    {
        using var consumer = Consumer.Create(fixture.Package, "own-spec", output);
        await consumer.CreatePetstoreAppAsync(PetstoreSpec.Text, ConsumerPrograms.Petstore);

        var build = (await consumer.BuildAsync("App")).AssertSuccess();
        BuildOutput.AssertNoWarnings(build);

        await using var petstore = await PetstoreServer.StartAsync();
        var run = (await consumer.RunBuiltAsync("App", "net10.0", petstore.Environment)).AssertSuccess();

        var listed = petstore.Pets.Take(2).ToList();
        var expected = listed.Select(p => "pet: " + Id(p) + " " + p.Name + " " + (p.Tag ?? "-"))
            .Append("shown: " + Id(listed[1]) + " " + listed[1].Name)
            .Append("default client: Kua.KuaClient")
            .ToList();
        Assert.True(expected.SequenceEqual(run.Lines.Where(l => l.Length > 0)), "Expected:" + Environment.NewLine + string.Join(Environment.NewLine, expected) + Environment.NewLine + run.Describe());
        Assert.Equal(new[] { "GET /v1/pets?limit=2", "GET /v1/pets/" + Id(listed[1]) }, petstore.Requests);
    }

    private static string Id(PetstoreServer.Pet pet) => pet.Id.ToString(CultureInfo.InvariantCulture);
}
