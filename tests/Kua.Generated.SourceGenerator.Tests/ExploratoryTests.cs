using Kua.Generated.SourceGenerator.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Kua.Generated.SourceGenerator.Tests;

public sealed class ExploratoryTests(ITestOutputHelper output)
{
    [Fact]
    public void Explore()
    {
        var files = new[] { TestPaths.KuaSpec }.Concat(Directory.GetFiles(TestPaths.Corpus).Where(f => f.EndsWith(".yaml") || f.EndsWith(".json")).OrderBy(f => f));
        foreach (var file in files)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var run = GeneratorHarness.Run(SpecFile.FromDisk(file));
            var errors = run.CompileDiagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
            var warnings = run.CompileDiagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).ToList();
            output.WriteLine($"{Path.GetFileName(file)}: {sw.ElapsedMilliseconds} ms, files={run.Sources.Length}, kua={string.Join(",", run.GeneratorDiagnostics.GroupBy(d => d.Id).Select(g => g.Key + "x" + g.Count()))}, errors={errors.Count}, warnings={warnings.Count}");
            foreach (var d in run.GeneratorDiagnostics.Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).Take(5)) output.WriteLine("   KUA " + d);
            foreach (var d in errors.Concat(warnings).GroupBy(d => d.Id).Select(g => g.First()).Take(8)) output.WriteLine("   " + d + " :: " + Line(d));
        }
    }

    private static string Line(Microsoft.CodeAnalysis.Diagnostic d)
    {
        var tree = d.Location.SourceTree;
        if (tree is null) return "";
        var line = d.Location.GetLineSpan().StartLinePosition.Line;
        return tree.GetText().Lines[line].ToString().Trim();
    }
}
