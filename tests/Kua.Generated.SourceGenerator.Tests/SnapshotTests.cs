using Kua.Generated.SourceGenerator.Tests.Infrastructure;

namespace Kua.Generated.SourceGenerator.Tests;

/// <summary>The generated files for the Kua spec and small focused specs, compared with checked-in snapshots.</summary>
public sealed class SnapshotTests
{
    [Fact]
    public void KuaSpec()
    {
        var run = GeneratorHarness.Run(SpecFile.FromDisk(TestPaths.KuaSpec, ns: "Kua", clientName: "KuaClient"));
        Assert.Empty(run.GeneratorDiagnostics);
        Snapshot.Match("Kua", run.Sources);
    }
}
