using Xunit.Sdk;

[assembly: TestCollectionOrderer("Kua.Generated.PackageTests.Infrastructure.SlowestFirstOrderer", "Kua.Generated.PackageTests")]

namespace Kua.Generated.PackageTests.Infrastructure;

/// <summary>
/// One xunit collection per consumer scenario, so scenarios run in parallel (each collection's tests run one by one).
/// xunit 2 has no assembly fixture: each collection gets a <see cref="PackageFixture"/>, and they all share one pack.
/// </summary>
internal static class Collections
{
    public const string MultiFile = "Package: multi-file spec";
    public const string NativeAot = "Package: native AOT";
    public const string Regeneration = "Package: regeneration";
    public const string SeparateAssembly = "Package: separate assembly";
    public const string TargetFrameworks = "Package: target frameworks";
    public const string BrokenSpec = "Package: broken spec";
    public const string OwnSpec = "Package: own spec";
    public const string ZeroConfiguration = "Package: zero configuration";
    public const string Layout = "Package: layout";
    public const string Testing = "Package: Kua.Testing";
    public const string Caching = "Package: Kua.Generated.Caching";

    /// <summary>Longest first, so the suite's wall time is close to its longest collection's.</summary>
    public static readonly string[] Order = { MultiFile, NativeAot, Regeneration, SeparateAssembly, TargetFrameworks, Testing, Caching, BrokenSpec, OwnSpec, ZeroConfiguration, Layout };
}

[CollectionDefinition(Collections.MultiFile)]
public sealed class MultiFileCollection : ICollectionFixture<PackageFixture>;

[CollectionDefinition(Collections.NativeAot)]
public sealed class NativeAotCollection : ICollectionFixture<PackageFixture>;

[CollectionDefinition(Collections.Regeneration)]
public sealed class RegenerationCollection : ICollectionFixture<PackageFixture>;

[CollectionDefinition(Collections.SeparateAssembly)]
public sealed class SeparateAssemblyCollection : ICollectionFixture<PackageFixture>;

[CollectionDefinition(Collections.TargetFrameworks)]
public sealed class TargetFrameworksCollection : ICollectionFixture<PackageFixture>;

[CollectionDefinition(Collections.BrokenSpec)]
public sealed class BrokenSpecCollection : ICollectionFixture<PackageFixture>;

[CollectionDefinition(Collections.OwnSpec)]
public sealed class OwnSpecCollection : ICollectionFixture<PackageFixture>;

[CollectionDefinition(Collections.ZeroConfiguration)]
public sealed class ZeroConfigurationCollection : ICollectionFixture<PackageFixture>;

[CollectionDefinition(Collections.Layout)]
public sealed class LayoutCollection : ICollectionFixture<PackageFixture>;

[CollectionDefinition(Collections.Testing)]
public sealed class TestingCollection : ICollectionFixture<PackageFixture>;

[CollectionDefinition(Collections.Caching)]
public sealed class CachingCollection : ICollectionFixture<PackageFixture>;

/// <summary>Starts the slowest collections first (see <see cref="Collections.Order"/>).</summary>
public sealed class SlowestFirstOrderer : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => Rank(c.DisplayName)).ThenBy(c => c.DisplayName, StringComparer.Ordinal);

    private static int Rank(string name)
    {
        var index = Array.IndexOf(Collections.Order, name);
        return index < 0 ? int.MaxValue : index;
    }
}
