using Kua.Generated.SourceGenerator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Kua.Generated.SourceGenerator.Emitting
{
    /// <summary>Reduces the compilation to the few facts that shape generated text (runs on every edit, so it stays cheap).</summary>
    internal static class EmitOptionsReader
    {
        public static EmitOptions Read(Compilation compilation)
        {
            var language = (compilation as CSharpCompilation)?.LanguageVersion ?? LanguageVersion.Latest;
            var converters = compilation.GetTypeByMetadataName("Kua.Generated.Runtime.Json.KuaJsonConverters");
            var dateOnly = compilation.GetTypeByMetadataName("System.DateOnly") != null &&
                           converters != null && converters.GetMembers("DateOnly").Length > 0;
            var requiredMembers = language >= LanguageVersion.CSharp11 &&
                                  compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.RequiredMemberAttribute") != null &&
                                  compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.CompilerFeatureRequiredAttribute") != null;
            var dependencyInjection = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions") != null &&
                                      compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.KuaServiceCollectionExtensions") != null;
            return new EmitOptions(language >= LanguageVersion.CSharp8, dateOnly, requiredMembers, dependencyInjection);
        }
    }
}
