using System.Globalization;
using System.Text.RegularExpressions;

namespace Kua.Generated.PackageTests.Infrastructure;

/// <summary>Diagnostics in the console logger's output ("file(line,col): error CS1061: ... [project]").</summary>
internal static partial class BuildOutput
{
    public sealed record Diagnostic(string File, int Line, int Column, string Severity, string Id, string Message);

    public static IReadOnlyList<Diagnostic> Diagnostics(CommandResult result) =>
        result.Lines.Select(l => DiagnosticLine().Match(l)).Where(m => m.Success).Select(m => new Diagnostic(
            m.Groups["file"].Value,
            int.Parse(m.Groups["line"].Value, CultureInfo.InvariantCulture),
            int.Parse(m.Groups["column"].Value, CultureInfo.InvariantCulture),
            m.Groups["severity"].Value,
            m.Groups["id"].Value,
            m.Groups["message"].Value)).Distinct().ToList();

    /// <summary>Every line that reports a warning (of any tool: compiler, trimmer, AOT compiler, NuGet, MSBuild).</summary>
    public static IReadOnlyList<string> WarningLines(CommandResult result) =>
        result.Lines.Where(l => AnyWarning().IsMatch(l) && !WarningCount().IsMatch(l)).Distinct().ToList();

    public static void AssertNoWarnings(CommandResult result)
    {
        var warnings = WarningLines(result);
        Assert.True(warnings.Count == 0, "Expected no warnings, got:" + Environment.NewLine + string.Join(Environment.NewLine, warnings) + Environment.NewLine + result.Describe());
    }

    /// <summary>The build reported exactly one KUA diagnostic: <paramref name="id"/> as an error at file(line,col).</summary>
    public static Diagnostic AssertSingleKuaError(CommandResult build, string file, int line, int column, string id)
    {
        var location = file + "(" + line.ToString(CultureInfo.InvariantCulture) + "," + column.ToString(CultureInfo.InvariantCulture) + "): error " + id;
        Assert.True(build.Output.Contains(location, StringComparison.Ordinal), "Expected '" + location + "'. " + build.Describe());
        return Assert.Single(Diagnostics(build), d => d.Id.StartsWith("KUA", StringComparison.Ordinal));
    }

    /// <summary>The build failed only because <paramref name="type"/> lacks <paramref name="method"/>, at the line of Program.cs that calls it (CS1061).</summary>
    public static void AssertOnlyMissingMethod(CommandResult build, string type, string method, int line)
    {
        var errors = Diagnostics(build).Where(d => d.Severity == "error").ToList();
        var error = Assert.Single(errors);
        Assert.True(
            error.Id == "CS1061" && Path.GetFileName(error.File) == "Program.cs" && error.Line == line &&
            error.Message.Contains("'" + type + "'", StringComparison.Ordinal) && error.Message.Contains("'" + method + "'", StringComparison.Ordinal),
            "Expected CS1061 for " + type + "." + method + " at Program.cs line " + line + ", got " + error + Environment.NewLine + build.Describe());
    }

    [GeneratedRegex(@"^\s*(?<file>[^\s(][^(]*)\((?<line>\d+),(?<column>\d+)(,\d+,\d+)?\): (?<severity>error|warning|info) (?<id>[A-Z]+\d+): (?<message>.*?)(\s\[[^\]]+\])?$")]
    private static partial Regex DiagnosticLine();

    [GeneratedRegex(@"\bwarning\b", RegexOptions.IgnoreCase)]
    private static partial Regex AnyWarning();

    /// <summary>The console logger's summary line "    0 Warning(s)".</summary>
    [GeneratedRegex(@"^\s*\d+ Warning\(s\)\s*$")]
    private static partial Regex WarningCount();
}
