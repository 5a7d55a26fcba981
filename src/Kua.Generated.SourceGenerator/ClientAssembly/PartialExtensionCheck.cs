using System.Linq;
using System.Text;
using System.Threading;
using Kua.Generated.SourceGenerator.Diagnostics;
using Kua.Generated.SourceGenerator.Emitting;
using Kua.Generated.SourceGenerator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Kua.Generated.SourceGenerator.ClientAssembly
{
    /// <summary>
    /// With KuaSeparateAssembly the generated types are compiled into their own assembly, so a <c>partial</c>
    /// declaration of one in the project's own files declares a second, unrelated type of the same name (the compiler
    /// only warns, CS0436, where the name is used). This finds such declarations and says so at the declaration
    /// (KUA0040). In the default mode the generated types are in the same compilation and nothing is found.
    /// </summary>
    internal static class PartialExtensionCheck
    {
        public static void Register(IncrementalGeneratorInitializationContext context)
        {
            var extensions = context.SyntaxProvider
                .CreateSyntaxProvider(
                    static (node, _) => node is TypeDeclarationSyntax type && type.Modifiers.Any(SyntaxKind.PartialKeyword),
                    static (syntax, cancellationToken) => Find(syntax, cancellationToken))
                .Where(static found => found != null)
                .Select(static (found, _) => found!)
                .WithTrackingName(TrackingNames.PartialExtensions);

            context.RegisterSourceOutput(extensions, static (context, found) => context.ReportDiagnostic(DiagnosticFactory.Create(found)));
        }

        private static DiagnosticInfo? Find(GeneratorSyntaxContext syntax, CancellationToken cancellationToken)
        {
            // The project's own client assembly only: a type another project generated is no business of this one's
            // options. A compilation that does not reference it (the client is generated into it) binds nothing here.
            var compilation = syntax.SemanticModel.Compilation;
            var clientAssembly = compilation.AssemblyName + ".KuaClient";
            if (!compilation.ReferencedAssemblyNames.Any(name => name.Name == clientAssembly))
            {
                return null;
            }

            var declaration = (TypeDeclarationSyntax)syntax.Node;
            if (!(syntax.SemanticModel.GetDeclaredSymbol(declaration, cancellationToken) is INamedTypeSymbol declared))
            {
                return null;
            }

            foreach (var candidate in compilation.GetTypesByMetadataName(MetadataName(declared)))
            {
                if (candidate.ContainingAssembly.Name == clientAssembly && IsGenerated(candidate))
                {
                    var position = declaration.Identifier.GetLocation().GetLineSpan();
                    return new DiagnosticInfo(
                        KuaDiagnostics.PartialTypeInClientAssembly.Id,
                        new[] { declared.ToDisplayString(), candidate.ContainingAssembly.Name }.ToEquatableArray(),
                        position.Path,
                        position.StartLinePosition.Line + 1,
                        position.StartLinePosition.Character + 1);
                }
            }

            return null;
        }

        /// <summary>The name <see cref="Compilation.GetTypesByMetadataName"/> takes: <c>Ns.Outer+Inner`1</c>.</summary>
        private static string MetadataName(INamedTypeSymbol type)
        {
            var name = new StringBuilder(type.MetadataName);
            for (var outer = type.ContainingType; outer != null; outer = outer.ContainingType)
            {
                name.Insert(0, outer.MetadataName + "+");
            }

            if (!type.ContainingNamespace.IsGlobalNamespace)
            {
                name.Insert(0, type.ContainingNamespace.ToDisplayString() + ".");
            }

            return name.ToString();
        }

        private static bool IsGenerated(INamedTypeSymbol type)
        {
            foreach (var attribute in type.GetAttributes())
            {
                if (attribute.AttributeClass?.Name == "GeneratedCodeAttribute"
                    && attribute.ConstructorArguments.Length > 0
                    && attribute.ConstructorArguments[0].Value as string == FileHeader.Tool)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
