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
    internal sealed record SpecInput(string FilePath, string? Text, string? Namespace, string? ClientName, string? RootNamespace, EquatableArray<SpecFragment> Fragments = default)
    {
        /// <summary>Whether schemas no operation uses still become types (<c>KeepUnusedSchemas</c>).</summary>
        public bool KeepUnusedSchemas { get; init; }
    }

    /// <summary>What the target compilation supports, reduced to flags before it is combined with models.</summary>
    internal sealed record EmitOptions(bool NullableAnnotations, bool DateOnly, bool RequiredMembers, bool DependencyInjection)
    {
        public static readonly EmitOptions Default = new EmitOptions(true, true, false, true);
    }

    /// <summary>What a generated file holds.</summary>
    internal enum EmitUnitKind
    {
        /// <summary>Types (DTOs, enums, unions) with their converters.</summary>
        Types,

        /// <summary>The root client, its sub-clients and the DI registration.</summary>
        Client,

        /// <summary>The JSON context's shared part: list, map and nullable converters, the type lookup, the converter factory.</summary>
        JsonContext,
    }

    /// <summary>
    /// One generated file's input, with the options that shape its text. Only what the file prints is in it, so an edit
    /// regenerates the files it touches and no others.
    /// </summary>
    internal sealed record EmitUnit(string SpecPath, string Namespace, string ClientName, string HintName, EmitOptions Options, EmitUnitKind Kind)
    {
        public EquatableArray<TypeModel> Types { get; init; } = EquatableArray<TypeModel>.Empty;

        public ClientModel? Client { get; init; }

        public string? SpecTitle { get; init; }

        public string? ApiVersion { get; init; }

        /// <summary>The JSON context: every generated type's name (for the type lookup).</summary>
        public EquatableArray<string> TypeNames { get; init; } = EquatableArray<string>.Empty;

        /// <summary>The JSON context: the list, map and nullable converters the spec's code uses.</summary>
        public EquatableArray<TypeRef> Composites { get; init; } = EquatableArray<TypeRef>.Empty;
    }

    /// <summary>
    /// One generated file: its text, the spec it comes from, and the full names of the types it declares,
    /// by which two specs that would generate the same type are told apart before any source is added.
    /// </summary>
    internal sealed record GeneratedFile(string HintName, string Source, string SpecPath, EquatableArray<string> DeclaredTypes);
}
