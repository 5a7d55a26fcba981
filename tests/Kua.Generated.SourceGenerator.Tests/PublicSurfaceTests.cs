using System.ComponentModel;
using System.Text;
using Kua.Generated.SourceGenerator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Kua.Generated.SourceGenerator.Tests;

/// <summary>
/// What a user of the Kua spec's generated client sees: every public type and public or protected member the
/// generator declares, checked against Snapshots/KuaPublicSurface.verified.cs. Members hidden from IntelliSense
/// (<c>[EditorBrowsable(Never)]</c>) are listed with <c>[hidden]</c>; internal plumbing (the JSON context, its
/// converters) is not part of the surface at all, and a test below says so.
/// </summary>
public sealed class PublicSurfaceTests
{
    [Fact]
    public void TheKuaClientsPublicSurfaceIsTheCheckedInOne()
    {
        var run = CompileTests.Run("kua", CompileTests.Target.Net80);
        Assert.Empty(run.CompileDiagnostics);

        Snapshot.Match("KuaPublicSurface", Describe(GeneratedTypes(run)));
    }

    [Fact]
    public void NoConverterOrJsonContextIsPublic()
    {
        var run = CompileTests.Run("kua", CompileTests.Target.Net80);

        var visible = GeneratedTypes(run).Where(t => IsVisible(t)).Select(t => t.ToDisplayString()).ToList();
        Assert.DoesNotContain(visible, name => name.EndsWith("Converter", StringComparison.Ordinal) || name.EndsWith("ConverterFactory", StringComparison.Ordinal) || name.EndsWith("ClientJson", StringComparison.Ordinal));
        Assert.Contains("Kua.KuaClient", visible);
    }

    private static List<INamedTypeSymbol> GeneratedTypes(GeneratorRun run)
    {
        var types = new List<INamedTypeSymbol>();
        foreach (var tree in run.Output.SyntaxTrees.Where(t => t.FilePath.Contains("Kua.Generated.SourceGenerator", StringComparison.Ordinal)))
        {
            var model = run.Output.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.BaseTypeDeclarationSyntax>())
            {
                if (model.GetDeclaredSymbol(node) is INamedTypeSymbol type && !types.Contains(type, SymbolEqualityComparer.Default))
                {
                    types.Add(type);
                }
            }
        }

        return types;
    }

    private static string Describe(IEnumerable<INamedTypeSymbol> types)
    {
        var text = new StringBuilder();
        foreach (var type in types.Where(IsVisible).OrderBy(t => t.ToDisplayString(), StringComparer.Ordinal))
        {
            text.Append(Kind(type)).Append(' ').Append(type.ToDisplayString()).Append(Hidden(type)).Append('\n');
            var members = type.GetMembers()
                .Where(m => !m.IsImplicitlyDeclared && (m.DeclaredAccessibility == Accessibility.Public || m.DeclaredAccessibility == Accessibility.Protected))
                .Where(m => !(m is INamedTypeSymbol) && !(m is IMethodSymbol { AssociatedSymbol: not null }))
                .Select(m => "    " + m.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat.WithMemberOptions(SymbolDisplayMemberOptions.IncludeParameters | SymbolDisplayMemberOptions.IncludeType | SymbolDisplayMemberOptions.IncludeModifiers | SymbolDisplayMemberOptions.IncludeAccessibility)) + Hidden(m))
                .OrderBy(m => m, StringComparer.Ordinal);
            foreach (var member in members)
            {
                text.Append(member).Append('\n');
            }
        }

        return text.ToString();
    }

    private static bool IsVisible(INamedTypeSymbol type)
    {
        for (ISymbol? symbol = type; symbol is INamedTypeSymbol named; symbol = symbol.ContainingType)
        {
            if (named.DeclaredAccessibility != Accessibility.Public)
            {
                return false;
            }
        }

        return true;
    }

    private static string Kind(INamedTypeSymbol type) => type.TypeKind switch
    {
        TypeKind.Enum => "enum",
        TypeKind.Struct => "struct",
        TypeKind.Interface => "interface",
        _ => type.IsStatic ? "static class" : "class",
    };

    private static string Hidden(ISymbol symbol) =>
        symbol.GetAttributes().Any(a => a.AttributeClass?.Name == nameof(EditorBrowsableAttribute) && a.ConstructorArguments.Length == 1 && Equals(a.ConstructorArguments[0].Value, (int)EditorBrowsableState.Never))
            ? " [hidden]"
            : string.Empty;
}
