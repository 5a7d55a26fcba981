using System.Globalization;

namespace Kua.Generated.PackageTests.Infrastructure;

/// <summary>
/// Kua.Generated, Kua.Testing and Kua.Generated.Caching packed from this repository into a temporary local feed, once per test run.
/// The version is unique to the run, so no NuGet cache anywhere can serve a stale copy of it.
/// </summary>
public sealed class PackedPackage
{
    private const string RunRootPrefix = "kua-e2e-";

    /// <summary>Holds the id of the test host that owns a run folder.</summary>
    private const string OwnerFile = "owner.pid";

    private static readonly Lazy<Task<PackedPackage>> Shared = new(PackAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private PackedPackage(string version, string runRoot, string feed, TimeSpan packTime)
    {
        Version = version;
        RunRoot = runRoot;
        Feed = feed;
        PackTime = packTime;
    }

    /// <summary>A version no feed has ever seen: 0.1.0-e2e.{UTC time}.r{random}.</summary>
    public string Version { get; }

    /// <summary>The temporary folder of this run: the feed, the pack's build output and every consumer.</summary>
    public string RunRoot { get; }

    /// <summary>The local feed holding the nupkg and snupkg.</summary>
    public string Feed { get; }

    public TimeSpan PackTime { get; }

    public string NupkgPath => Path.Combine(Feed, "Kua.Generated." + Version + ".nupkg");

    public string SnupkgPath => Path.Combine(Feed, "Kua.Generated." + Version + ".snupkg");

    /// <summary>The fake server's package, packed with the same version (it depends on Kua.Generated at that version).</summary>
    public string TestingNupkgPath => Path.Combine(Feed, "Kua.Testing." + Version + ".nupkg");

    /// <summary>Fleet mode's package, packed with the same version (it depends on Kua.Generated at that version).</summary>
    public string CachingNupkgPath => Path.Combine(Feed, "Kua.Generated.Caching." + Version + ".nupkg");

    /// <summary>Whether to keep the temporary folders for a look after the run (KUA_E2E_KEEP=1).</summary>
    public static bool KeepFiles => Environment.GetEnvironmentVariable("KUA_E2E_KEEP") == "1";

    /// <summary>The package of this run; the first caller packs, every other waits for the same pack.</summary>
    public static Task<PackedPackage> GetAsync() => Shared.Value;

    private static async Task<PackedPackage> PackAsync()
    {
        var stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var version = "0.1.0-e2e." + stamp + ".r" + Guid.NewGuid().ToString("N")[..8];
        SweepAbandonedRuns();
        var runRoot = Path.Combine(Path.GetTempPath(), RunRootPrefix + stamp + "-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(runRoot);
        File.WriteAllText(Path.Combine(runRoot, OwnerFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        if (!KeepFiles)
        {
            // The test host may be killed soon after the last test, so this is best effort; the next run sweeps the rest.
            AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(runRoot);
        }

        // Consumers live below runRoot: these empty files stop MSBuild from importing anything found further up.
        foreach (var name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            File.WriteAllText(Path.Combine(runRoot, name), "<Project />\n");
        }

        var feed = Path.Combine(runRoot, "feed");
        Directory.CreateDirectory(feed);

        // --artifacts-path keeps the pack's build output out of the repository's bin/ and obj/ (other test
        // projects may be using them) and proves the package project finds the generator wherever it is built.
        var artifacts = Path.Combine(runRoot, "pack-artifacts");
        var elapsed = TimeSpan.Zero;
        foreach (var project in new[] { TestPaths.PackageProject, TestPaths.TestingProject, TestPaths.CachingProject })
        {
            var result = await DotNet.RunAsync(
                TestPaths.RepositoryRoot,
                TimeSpan.FromMinutes(10),
                new[]
                {
                    "pack", project, "-c", "Release", "-o", feed,
                    "--artifacts-path", artifacts,
                    "-p:KuaGeneratedVersion=" + version, "-tl:off", "-nologo",
                }).ConfigureAwait(false);
            result.AssertSuccess();
            elapsed += result.Elapsed;
        }

        if (!KeepFiles)
        {
            TryDelete(artifacts);
        }

        var package = new PackedPackage(version, runRoot, feed, elapsed);
        Assert.True(File.Exists(package.NupkgPath), "The pack did not produce " + package.NupkgPath + ".");
        Assert.True(File.Exists(package.TestingNupkgPath), "The pack did not produce " + package.TestingNupkgPath + ".");
        Assert.True(File.Exists(package.CachingNupkgPath), "The pack did not produce " + package.CachingNupkgPath + ".");
        return package;
    }

    /// <summary>Deletes the folders of earlier runs whose test host is gone (or that are a day old).</summary>
    private static void SweepAbandonedRuns()
    {
        foreach (var directory in Directory.EnumerateDirectories(Path.GetTempPath(), RunRootPrefix + "*"))
        {
            var owner = Path.Combine(directory, OwnerFile);
            var ownerGone = File.Exists(owner) && int.TryParse(File.ReadAllText(owner), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && !IsRunning(pid);
            if (ownerGone || Directory.GetLastWriteTimeUtc(directory) < DateTime.UtcNow.AddDays(-1))
            {
                TryDelete(directory);
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    internal static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: a temporary folder.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>The collection fixture of every package collection: the package of this run, packed once.</summary>
public sealed class PackageFixture : IAsyncLifetime
{
    private PackedPackage? _package;

    public PackedPackage Package => _package ?? throw new InvalidOperationException("The package has not been packed.");

    public async Task InitializeAsync() => _package = await PackedPackage.GetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
