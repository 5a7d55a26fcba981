using System.Reflection;

namespace Kua.Generated.Benchmarks.Infrastructure;

/// <summary>Where the repository and the shared OpenAPI corpus are (CI lays the corpus out at ../shared beside the clone).</summary>
internal static class BenchPaths
{
    public static string RepositoryRoot { get; } =
        typeof(BenchPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "RepositoryRoot").Value!;

    public static string KuaSpec => Path.Combine(RepositoryRoot, "spec", "kua.openapi.yaml");

    public static string Corpus => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "openapi-corpus"));

    /// <summary>The DigitalOcean spec: an entry file and 2,906 fragments joined by relative $refs.</summary>
    public static string DigitalOcean => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "openapi-multifile", "digitalocean", "specification"));
}
