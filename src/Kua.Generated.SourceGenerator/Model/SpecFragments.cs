namespace Kua.Generated.SourceGenerator.Model
{
    /// <summary>A file a spec's <c>$ref</c>s may reach (a fragment, or a KuaOpenApi file): its path and text.</summary>
    internal sealed record SpecFragment(string Path, string? Text);

    /// <summary>
    /// A file a spec may reach, with the keys (see <c>SpecPaths.Key</c>) of the files its own <c>$ref</c>s name,
    /// so that the files each spec reaches are known without parsing any of them again.
    /// </summary>
    internal sealed record FragmentFile(string Path, string Key, string? Text, EquatableArray<string> References);
}
