using System.IO.Compression;
using System.Xml.Linq;
using Kua.Generated.PackageTests.Infrastructure;

namespace Kua.Generated.PackageTests;

/// <summary>
/// Kua.Testing as users get it: a fresh test project adds Kua.Generated and Kua.Testing from the run's feed and its
/// tests (the generated KuaClient against the fake server) pass under `dotnet test`; the nupkg holds the fake server
/// for both frameworks and depends on Kua.Generated and the ASP.NET Core shared framework.
/// </summary>
[Collection(Collections.Testing)]
[Trait("Category", "Package")]
public sealed class TestingPackageTests(PackageFixture fixture, ITestOutputHelper output)
{
    private const string Tests = """
        using System.Threading.Tasks;
        using Kua;
        using Kua.Generated;
        using Kua.Testing;
        using Microsoft.Extensions.Time.Testing;
        using Xunit;

        public sealed class AccountTests
        {
            [Fact]
            public async Task OneLoginServesBothCalls()
            {
                await using var server = await KuaFakeServer.StartAsync();
                using var client = new KuaClient(server.CreateClientOptions());

                Account account = await client.Accounts.GetAccountAsync();
                await client.Accounts.GetAccountAsync();

                Assert.Equal(KuaFakeServer.DefaultEmail, account.Email);
                Assert.Equal(1, server.LoginCount);
                Assert.Equal(2, server.ApiCallCount);
            }

            [Fact]
            public async Task ARevokedTokenCostsOneReloginAndAnOutageFailsFast()
            {
                var clock = new FakeTimeProvider();
                await using var server = await KuaFakeServer.StartAsync(new KuaFakeServerOptions { TimeProvider = clock });
                var options = server.CreateClientOptions();
                options.TimeProvider = clock;
                using var client = new KuaClient(options);

                await client.Accounts.GetAccountAsync();
                clock.Advance(System.TimeSpan.FromSeconds(2));
                server.RevokeAllTokens();
                await client.Accounts.GetAccountAsync();
                Assert.Equal(2, server.LoginCount);

                clock.Advance(System.TimeSpan.FromSeconds(2));
                server.RevokeAllTokens();
                server.FailNextLogins(1, 429, retryAfter: System.TimeSpan.FromMinutes(5));
                var error = await Assert.ThrowsAsync<KuaAuthenticationException>(() => client.Accounts.GetAccountAsync());
                Assert.Equal(KuaAuthenticationFailure.RateLimited, error.Failure);
                Assert.Equal(3, server.LoginCount);
            }
        }
        """;

    [Fact]
    public async Task AFreshTestProjectWithBothPackagesRunsItsTestsAgainstTheFakeServer()
    {
        using var consumer = Consumer.Create(fixture.Package, "kua-testing", output);
        await consumer.NewAsync("classlib", "AppTests");
        File.Delete(Path.Combine(consumer.ProjectDirectory("AppTests"), "Class1.cs"));
        consumer.SetProperty("AppTests", "IsPackable", "false");
        consumer.SetProperty("AppTests", "IsTestProject", "true");
        var pins = TestPaths.PinnedVersions;
        consumer.AddToProject("AppTests", "<ItemGroup>" + string.Concat(
            new[] { "Microsoft.NET.Test.Sdk", "xunit", "xunit.runner.visualstudio", "Microsoft.Extensions.TimeProvider.Testing" }
                .Select(id => "<PackageReference Include=\"" + id + "\" Version=\"" + pins[id] + "\" />")) + "</ItemGroup>");
        await consumer.AddPackageAsync("AppTests", "Kua.Generated");
        await consumer.AddPackageAsync("AppTests", "Kua.Testing");
        consumer.WriteFile("AppTests", "AccountTests.cs", Tests);

        var test = await consumer.DotNetAsync("AppTests", Consumer.BuildTimeout, new[] { "test", "-c", "Release", "-tl:off", "-nologo" });

        test.AssertSuccess();
        Assert.True(test.Lines.Any(l => l.Contains("Failed:     0, Passed:     2", StringComparison.Ordinal)), "Expected both tests to pass. " + test.Describe());
    }

    [Fact]
    public void NupkgHoldsTheFakeServerForBothFrameworksAndDependsOnKuaGenerated()
    {
        using var archive = ZipFile.OpenRead(fixture.Package.TestingNupkgPath);
        var files = archive.Entries.Select(e => e.FullName).Where(n => !n.StartsWith("_rels/", StringComparison.Ordinal) && !n.StartsWith("package/", StringComparison.Ordinal) && n != "[Content_Types].xml").Order(StringComparer.Ordinal);
        Assert.Equal(
            new[] { "Kua.Testing.nuspec", "README.md", "lib/net10.0/Kua.Testing.dll", "lib/net10.0/Kua.Testing.xml", "lib/net8.0/Kua.Testing.dll", "lib/net8.0/Kua.Testing.xml" },
            files);

        using var stream = archive.GetEntry("Kua.Testing.nuspec")!.Open();
        var nuspec = XDocument.Load(stream);
        XNamespace ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        Assert.Equal("Kua.Testing", metadata.Element(ns + "id")?.Value);
        Assert.Equal(fixture.Package.Version, metadata.Element(ns + "version")?.Value);
        foreach (var group in metadata.Element(ns + "dependencies")!.Elements(ns + "group"))
        {
            var dependency = Assert.Single(group.Elements(ns + "dependency"));
            Assert.Equal("Kua.Generated", (string?)dependency.Attribute("id"));
            Assert.Equal(fixture.Package.Version, (string?)dependency.Attribute("version"));
            Assert.Null(dependency.Attribute("exclude"));
        }

        var frameworks = metadata.Element(ns + "frameworkReferences")!.Elements(ns + "group").ToList();
        Assert.Equal(new[] { "net10.0", "net8.0" }, frameworks.Select(g => (string)g.Attribute("targetFramework")!).Order(StringComparer.Ordinal));
        Assert.All(frameworks, g => Assert.Equal("Microsoft.AspNetCore.App", (string?)Assert.Single(g.Elements(ns + "frameworkReference")).Attribute("name")));
    }
}
