using Microsoft.CodeAnalysis;

namespace Kua.Generated.SourceGenerator.Tests.Infrastructure;

/// <summary>Reference sets for compiling generated code as a consumer project would.</summary>
internal static class References
{
    /// <summary>net8.0 reference assemblies, the runtime (net8.0 build) and its dependencies.</summary>
    public static IReadOnlyList<MetadataReference> Net80 { get; } = CreateNet80();

    /// <summary>netstandard2.0 reference assemblies, the runtime's netstandard2.0 build and its dependency DLLs.</summary>
    public static IReadOnlyList<MetadataReference> NetStandard20 { get; } = CreateNetStandard20();

    /// <summary>net8.0 without the runtime's DI and Microsoft.Extensions.Http (a consumer that uses neither).</summary>
    public static IReadOnlyList<MetadataReference> Net80WithoutDependencyInjection { get; } = CreateNet80(withDependencyInjection: false);

    private static List<MetadataReference> CreateNet80(bool withDependencyInjection = true)
    {
        var references = new List<MetadataReference>(Basic.Reference.Assemblies.Net80.References.All);
        references.Add(MetadataReference.CreateFromFile(typeof(Kua.Generated.KuaApiException).Assembly.Location));
        if (withDependencyInjection)
        {
            foreach (var assembly in new[]
                     {
                         typeof(Microsoft.Extensions.DependencyInjection.IHttpClientBuilder).Assembly,
                         typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly,
                         typeof(Microsoft.Extensions.Logging.ILogger).Assembly,
                         typeof(Microsoft.Extensions.Options.IOptions<>).Assembly,
                     })
            {
                references.Add(MetadataReference.CreateFromFile(assembly.Location));
            }
        }

        return references;
    }

    private static List<MetadataReference> CreateNetStandard20()
    {
        var references = new List<MetadataReference>(Basic.Reference.Assemblies.NetStandard20.References.All);
        var directory = TestPaths.NetStandardRuntimeDirectory;
        foreach (var dll in Directory.GetFiles(directory, "*.dll"))
        {
            references.Add(MetadataReference.CreateFromFile(dll));
        }

        return references;
    }
}
