using System.Globalization;
using System.Text.RegularExpressions;

namespace Kua.Generated.Benchmarks.BuildCost;

/// <summary>
/// Where one build's compile time went, read from its log (<c>-p:ReportAnalyzer=true -v:d -clp:PerformanceSummary</c>):
/// the Csc task and the CoreCompile target from MSBuild's summary, all generators and all analyzers from the
/// compiler's report, and our generator's own line in it. Seconds; -1 where the log has no such line.
/// </summary>
internal sealed partial record AnalyzerTimes(double CscSeconds, double CoreCompileSeconds, double GeneratorsSeconds, double AnalyzersSeconds, double KuaGeneratorSeconds)
{
    public const string CsvHeader = "csc_seconds,core_compile_seconds,generators_seconds,analyzers_seconds,kua_generator_seconds";

    public static AnalyzerTimes Read(string log)
    {
        var generators = TotalGenerators().Match(log);
        return new(
            Milliseconds(log, "Csc") / 1000,
            Milliseconds(log, "CoreCompile") / 1000,
            Seconds(generators),
            Seconds(TotalAnalyzers().Match(log)),
            generators.Success ? Seconds(KuaGenerator().Match(log, generators.Index)) : -1);
    }

    public string ToCsv() => string.Join(',', new[] { CscSeconds, CoreCompileSeconds, GeneratorsSeconds, AnalyzersSeconds, KuaGeneratorSeconds }.Select(s => s.ToString("0.###", CultureInfo.InvariantCulture)));

    private static double Milliseconds(string log, string name)
    {
        var match = Regex.Match(log, @"^\s+(\d+) ms\s+" + name + @"\s+\d+ calls", RegexOptions.Multiline);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : -1000;
    }

    // The compiler reports a time under a millisecond as "<0.001": counted as 0.
    private static double Seconds(Match match) =>
        !match.Success ? -1 : match.Groups[1].Value.StartsWith('<') ? 0 : double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Total generator execution time: ([0-9.]+) seconds")]
    private static partial Regex TotalGenerators();

    [GeneratedRegex(@"Total analyzer execution time: ([0-9.]+) seconds")]
    private static partial Regex TotalAnalyzers();

    // The assembly line in the generators' part of the report ("  0.481   72   Kua.Generated.SourceGenerator, Version=…").
    [GeneratedRegex(@"^\s+(<?[0-9.]+)\s+[0-9<]+\s+Kua\.Generated\.SourceGenerator, Version=", RegexOptions.Multiline)]
    private static partial Regex KuaGenerator();
}
