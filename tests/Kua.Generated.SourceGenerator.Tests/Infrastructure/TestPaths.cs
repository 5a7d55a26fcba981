using System.Reflection;

namespace Kua.Generated.SourceGenerator.Tests.Infrastructure;

/// <summary>Where the repository, the shared corpus and the test's own files are.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");

    public static string NetStandardRuntimeDirectory { get; } = Metadata("NetStandardRuntimeDirectory");

    public static string KuaSpec => Path.Combine(RepositoryRoot, "spec", "kua.openapi.yaml");

    /// <summary>../shared/openapi-corpus beside the repository (as CI lays it out).</summary>
    public static string Corpus => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "openapi-corpus"));

    /// <summary>../shared/openapi-multifile/digitalocean/specification: a real spec in 2,906 files joined by relative $refs.</summary>
    public static string DigitalOcean => DigitalOceanSpec.Folder(RepositoryRoot);

    /// <summary>../shared/yaml-test-suite beside the repository: the official YAML test suite, data form.</summary>
    public static string YamlTestSuite => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "yaml-test-suite"));

    public static string Specs => Path.Combine(AppContext.BaseDirectory, "Specs");

    public static string SourceDirectory => Path.Combine(RepositoryRoot, "tests", "Kua.Generated.SourceGenerator.Tests");

    private static string Metadata(string key) =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == key).Value!;
}
