namespace Kua.Generated.SourceGenerator.Tests.Infrastructure;

/// <summary>
/// A spec handed to the generator: its path, text and optional KuaOpenApi metadata; or, with <see cref="IsFragment"/>,
/// a fragment (an additional file with KuaOpenApiFragment=true) that a spec's $refs may reach.
/// </summary>
internal sealed record SpecFile(string Path, string Text, string? Namespace = null, string? ClientName = null, bool IsFragment = false)
{
    /// <summary>Whether schemas no operation uses still become types (the item's <c>KeepUnusedSchemas</c> metadata).</summary>
    public bool KeepUnusedSchemas { get; init; }

    public static SpecFile Fragment(string path, string text) => new(path, text, IsFragment: true);

    public static SpecFile FromDisk(string path, string? ns = null, string? clientName = null) =>
        new(path, File.ReadAllText(path), ns, clientName);

    /// <summary>A spec from the test's Specs folder; these describe types to test, so every schema is kept.</summary>
    public static SpecFile Named(string fileName, string? ns = null, string? clientName = null) =>
        FromDisk(System.IO.Path.Combine(TestPaths.Specs, fileName), ns, clientName) with { KeepUnusedSchemas = true };
}
