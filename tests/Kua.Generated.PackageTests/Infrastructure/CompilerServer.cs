namespace Kua.Generated.PackageTests.Infrastructure;

/// <summary>
/// The Roslyn compiler server (VBCSCompiler), which keeps analyzers, and so the generator and its static state,
/// loaded between builds. The regeneration and broken-spec tests prove something only when their builds went
/// through it, so they check that it runs.
/// </summary>
internal static class CompilerServer
{
    /// <summary>Whether a VBCSCompiler process runs (read from /proc; Linux is where these tests run).</summary>
    public static bool IsRunning()
    {
        Assert.True(OperatingSystem.IsLinux(), "The compiler server check reads /proc.");
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out _))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(directory, "cmdline")).Contains("VBCSCompiler", StringComparison.Ordinal))
                {
                    return true;
                }
            }
            catch (IOException)
            {
                // The process ended meanwhile.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return false;
    }

    public static void AssertRunning() =>
        Assert.True(IsRunning(), "No compiler server (VBCSCompiler) runs after the consumer's build: the build did not use it (UseSharedCompilation=false?), so this test would not see a stale generator.");
}
