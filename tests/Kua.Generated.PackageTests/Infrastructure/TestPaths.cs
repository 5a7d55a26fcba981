using System.Reflection;

namespace Kua.Generated.PackageTests.Infrastructure;

/// <summary>Where the repository and the shared OpenAPI corpus are.</summary>
internal static class TestPaths
{
    /// <summary>The repository root, baked into the test assembly at build time.</summary>
    public static string RepositoryRoot { get; } =
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "RepositoryRoot").Value!;

    /// <summary>The one package users add.</summary>
    public static string PackageProject => Path.Combine(RepositoryRoot, "src", "Kua.Generated", "Kua.Generated.csproj");

    /// <summary>The fake Kua server, packed for users' test projects.</summary>
    public static string TestingProject => Path.Combine(RepositoryRoot, "src", "Kua.Testing", "Kua.Testing.csproj");

    /// <summary>Fleet mode (the distributed token cache), a package of its own.</summary>
    public static string CachingProject => Path.Combine(RepositoryRoot, "src", "Kua.Generated.Caching", "Kua.Generated.Caching.csproj");

    /// <summary>The versions Directory.Packages.props pins for every framework (unconditioned), by package id.</summary>
    public static IReadOnlyDictionary<string, string> PinnedVersions { get; } =
        System.Xml.Linq.XDocument.Load(Path.Combine(RepositoryRoot, "Directory.Packages.props")).Descendants("PackageVersion")
            .Where(e => e.Attribute("Condition") is null)
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!);

    /// <summary>../shared/openapi-multifile/digitalocean/specification: the DigitalOcean spec in 2,907 files.</summary>
    public static string DigitalOcean => Kua.Generated.SourceGenerator.Tests.Infrastructure.DigitalOceanSpec.Folder(RepositoryRoot);

    /// <summary>The round-trip program shared with the generator tests, written into the DigitalOcean consumer as it is.</summary>
    public static string ExampleRoundTripperSource => Path.Combine(RepositoryRoot, "tests", "Kua.Generated.SourceGenerator.Tests", "Infrastructure", "ExampleRoundTripper.cs");

    /// <summary>../shared/openapi-corpus beside the repository (as CI lays it out).</summary>
    public static string Corpus => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "openapi-corpus"));

    /// <summary>A file of the corpus; fails clearly when the corpus is not beside the repository.</summary>
    public static string CorpusFile(string name)
    {
        var path = Path.Combine(Corpus, name);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("The OpenAPI corpus must lie at ../shared/openapi-corpus beside the repository.", path);
        }

        return path;
    }
}
