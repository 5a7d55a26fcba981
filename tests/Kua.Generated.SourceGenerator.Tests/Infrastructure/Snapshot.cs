using System.Text;
using System.Text.RegularExpressions;

namespace Kua.Generated.SourceGenerator.Tests.Infrastructure;

/// <summary>
/// A small snapshot helper (Verify is not available here). The expected text lives in
/// Snapshots/{name}.verified.cs beside the tests; a mismatch writes {name}.received.cs and fails.
/// Set KUA_ACCEPT_SNAPSHOTS=1 to accept the received text as the new expectation.
/// </summary>
internal static partial class Snapshot
{
    public const string AcceptVariable = "KUA_ACCEPT_SNAPSHOTS";

    public static void Match(string name, IEnumerable<(string HintName, string Source)> files)
    {
        var text = new StringBuilder();
        foreach (var (hintName, source) in files.OrderBy(f => f.HintName, StringComparer.Ordinal))
        {
            text.Append("//----- ").Append(hintName).Append('\n').Append(source).Append('\n');
        }

        Match(name, text.ToString());
    }

    public static void Match(string name, string actual)
    {
        actual = Scrub(actual);
        var directory = Path.Combine(TestPaths.SourceDirectory, "Snapshots");
        Directory.CreateDirectory(directory);
        var verified = Path.Combine(directory, name + ".verified.cs");
        var received = Path.Combine(directory, name + ".received.cs");

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }

        var expected = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n") : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        Assert.Fail(expected is null
            ? $"No snapshot {verified} yet; wrote {received}. Review it and run with {AcceptVariable}=1 to accept."
            : $"Snapshot {name} differs at {FirstDifference(expected, actual)}; wrote {received}. Review and run with {AcceptVariable}=1 to accept.");
    }

    /// <summary>Removes what changes between builds but not between behaviours: the tool version.</summary>
    private static string Scrub(string text) =>
        VersionPattern().Replace(text.Replace("\r\n", "\n"), "${prefix}<version>");

    private static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "<end>";
            var a = i < actualLines.Length ? actualLines[i] : "<end>";
            if (e != a)
            {
                return $"line {i + 1}:\n  expected: {e.Trim()}\n  actual:   {a.Trim()}";
            }
        }

        return "the end";
    }

    [GeneratedRegex("(?<prefix>Kua\\.Generated\"?,? \"?)\\d+\\.\\d+\\.\\d+")]
    private static partial Regex VersionPattern();
}
