using Kua.Generated.SourceGenerator.Diagnostics;

namespace Kua.Generated.SourceGenerator.Model
{
    /// <summary>Everything generated from one spec file, plus what went wrong; value-equatable end to end.</summary>
    internal sealed record SpecModel(
        string FilePath,
        string Namespace,
        string? Title,
        string? ApiVersion,
        EquatableArray<TypeModel> Types,
        ClientModel? Client,
        EquatableArray<DiagnosticInfo> Diagnostics);

    /// <summary>
    /// One KuaOpenApi file as the pipeline first sees it: its path, text and options, and the other files its
    /// <c>$ref</c>s reach (fragments, ordered by path; empty for a spec in one file).
    /// </summary>
    internal sealed record SpecInput(string FilePath, string? Text, string? Namespace, string? ClientName, string? RootNamespace, EquatableArray<SpecFragment> Fragments = default);

    /// <summary>What the target compilation supports, reduced to flags before it is combined with models.</summary>
    internal sealed record EmitOptions(bool NullableAnnotations, bool DateOnly, bool RequiredMembers, bool DependencyInjection)
    {
        public static readonly EmitOptions Default = new EmitOptions(true, true, false, true);
    }

    /// <summary>One generated file's input: a type, or the client, with the options that shape its text.</summary>
    internal sealed record EmitUnit(string SpecPath, string Namespace, string HintName, EmitOptions Options, EquatableArray<TypeModel> Types, ClientModel? Client, string? SpecTitle, string? ApiVersion);

    /// <summary>
    /// One generated file: its text, the spec it comes from, and the full names of the types it declares,
    /// by which two specs that would generate the same type are told apart before any source is added.
    /// </summary>
    internal sealed record GeneratedFile(string HintName, string Source, string SpecPath, EquatableArray<string> DeclaredTypes);
}
