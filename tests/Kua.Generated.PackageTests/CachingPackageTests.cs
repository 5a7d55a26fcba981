using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Xml.Linq;
using Kua.Generated.PackageTests.Infrastructure;

namespace Kua.Generated.PackageTests;

/// <summary>
/// Kua.Generated.Caching as users get it: a package of its own for net8.0 that depends on Kua.Generated at the same
/// version and on HybridCache, the Redis cache and the Data Protection abstractions; a fresh console app with both
/// packages builds warning-free, and with its Redis down it still logs in once and calls the API.
/// </summary>
[Collection(Collections.Caching)]
[Trait("Category", "Package")]
public sealed class CachingPackageTests(PackageFixture fixture, ITestOutputHelper output)
{
    private const string Program = """
        using System.Globalization;
        using System.Security.Cryptography;
        using Kua;
        using Kua.Generated;
        using Microsoft.Extensions.DependencyInjection;

        var services = new ServiceCollection();
        services.AddStackExchangeRedisCache(redis => redis.Configuration = Environment.GetEnvironmentVariable("KUA_E2E_REDIS") + ",abortConnect=false,connectTimeout=1000");
        services.AddKuaClient(options =>
        {
            options.BaseAddress = new Uri(Environment.GetEnvironmentVariable("KUA_E2E_BASE_URL")!);
            options.Email = Environment.GetEnvironmentVariable("KUA_E2E_EMAIL");
            options.Password = Environment.GetEnvironmentVariable("KUA_E2E_PASSWORD");
            options.AllowInsecureLoopback = true;
        })
        .AddDistributedTokenCache(cache => cache.EncryptionKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

        await using var provider = services.BuildServiceProvider();
        Account account = await provider.GetRequiredService<KuaClient>().Accounts.GetAccountAsync();
        Console.WriteLine("account: " + account.Id + " " + account.Email + " " + account.DisplayName + " " + account.CreatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        """;

    [Fact]
    public async Task AConsoleAppWithBothPackagesBuildsAndCallsTheApiWhileItsRedisIsDown()
    {
        using var consumer = Consumer.Create(fixture.Package, "kua-caching", output);
        await consumer.NewAsync("console", "App");
        await consumer.AddPackageAsync("App");
        await consumer.AddPackageAsync("App", "Kua.Generated.Caching");
        consumer.WriteFile("App", "Program.cs", Program);

        var build = (await consumer.BuildAsync("App")).AssertSuccess();
        BuildOutput.AssertNoWarnings(build);

        await using var kua = await FakeKua.StartAsync();
        var environment = new Dictionary<string, string>(kua.Environment) { ["KUA_E2E_REDIS"] = "127.0.0.1:" + UnusedPort() };
        var run = await consumer.RunBuiltAsync("App", "net10.0", environment);
        kua.AssertServed(run);
    }

    [Fact]
    public void NupkgHoldsTheCacheForNet8AndDependsOnKuaGeneratedAndTheCacheEngines()
    {
        using var archive = ZipFile.OpenRead(fixture.Package.CachingNupkgPath);
        var files = archive.Entries.Select(e => e.FullName).Where(n => !n.StartsWith("_rels/", StringComparison.Ordinal) && !n.StartsWith("package/", StringComparison.Ordinal) && n != "[Content_Types].xml").Order(StringComparer.Ordinal);
        Assert.Equal(
            new[] { "Kua.Generated.Caching.nuspec", "README.md", "lib/net8.0/Kua.Generated.Caching.dll", "lib/net8.0/Kua.Generated.Caching.xml" },
            files);

        using var stream = archive.GetEntry("Kua.Generated.Caching.nuspec")!.Open();
        var nuspec = XDocument.Load(stream);
        XNamespace ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        Assert.Equal(fixture.Package.Version, metadata.Element(ns + "version")?.Value);
        var group = Assert.Single(metadata.Element(ns + "dependencies")!.Elements(ns + "group"));
        Assert.Equal("net8.0", (string?)group.Attribute("targetFramework"));
        var dependencies = group.Elements(ns + "dependency").ToDictionary(d => (string)d.Attribute("id")!, d => (string)d.Attribute("version")!);
        var pins = TestPaths.PinnedVersions;
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["Kua.Generated"] = fixture.Package.Version,
                ["Microsoft.AspNetCore.DataProtection.Abstractions"] = pins["Microsoft.AspNetCore.DataProtection.Abstractions"],
                ["Microsoft.Extensions.Caching.Hybrid"] = pins["Microsoft.Extensions.Caching.Hybrid"],
                ["Microsoft.Extensions.Caching.StackExchangeRedis"] = pins["Microsoft.Extensions.Caching.StackExchangeRedis"],
            },
            dependencies);
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
