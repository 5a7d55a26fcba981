using System.Globalization;
using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using Kua.Generated.PackageTests.Infrastructure;

namespace Kua.Generated.PackageTests;

/// <summary>
/// (f) The nupkg holds exactly what DESIGN.md's packaging section says: one analyzer slot with the generator and its
/// private dependencies (no compiler assemblies), both runtime flavours with docs, the MSBuild contract in build/ and
/// buildTransitive/, the Kua spec, the README, and the runtime's dependencies in the nuspec; plus a snupkg.
/// </summary>
[Collection(Collections.Layout)]
[Trait("Category", "Package")]
public sealed class PackageLayoutTests(PackageFixture fixture, ITestOutputHelper output)
{
    private const string AnalyzerSlot = "analyzers/dotnet/roslyn4.8/cs/";

    /// <summary>The generator and the private dependencies it needs at run time (DESIGN.md, Packaging).</summary>
    private static readonly string[] AnalyzerAssemblies =
    {
        "Kua.Generated.SourceGenerator", "NSwag.Core", "NJsonSchema", "NJsonSchema.Annotations", "Namotion.Reflection",
        "Newtonsoft.Json",
    };

    private static readonly Dictionary<string, string> LibFrameworks = new()
    {
        ["netstandard2.0"] = ".NETStandard,Version=v2.0",
        ["net8.0"] = ".NETCoreApp,Version=v8.0",
    };

    private PackedPackage Package => fixture.Package;

    [Fact]
    public void NupkgHoldsExactlyTheExpectedFiles()
    {
        var expected = new SortedSet<string>(StringComparer.Ordinal)
        {
            "Kua.Generated.nuspec",
            "README.md",
            "build/Kua.Generated.ClientAssembly.targets",
            "build/Kua.Generated.props",
            "build/Kua.Generated.targets",
            "buildTransitive/Kua.Generated.props",
            "buildTransitive/Kua.Generated.targets",
            "spec/kua.openapi.yaml",
        };
        foreach (var assembly in AnalyzerAssemblies)
        {
            expected.Add(AnalyzerSlot + assembly + ".dll");
        }

        foreach (var framework in LibFrameworks.Keys)
        {
            expected.Add("lib/" + framework + "/Kua.Generated.Runtime.dll");
            expected.Add("lib/" + framework + "/Kua.Generated.Runtime.xml");
        }

        using var archive = ZipFile.OpenRead(Package.NupkgPath);
        var actual = new SortedSet<string>(archive.Entries.Select(e => e.FullName).Where(n => !IsPackagingMetadata(n)), StringComparer.Ordinal);
        Assert.True(
            expected.SetEquals(actual),
            "Missing: " + string.Join(", ", expected.Except(actual)) + Environment.NewLine + "Unexpected: " + string.Join(", ", actual.Except(expected)));

        var size = new FileInfo(Package.NupkgPath).Length;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"METRIC nupkg: {Path.GetFileName(Package.NupkgPath)} {size} bytes ({size / 1024.0:F0} KiB); snupkg {new FileInfo(Package.SnupkgPath).Length} bytes; pack took {Package.PackTime.TotalSeconds:F0} s"));
    }

    [Fact]
    public void AnalyzerSlotIsTheOnlyOneAndHoldsNoCompilerAssemblies()
    {
        using var archive = ZipFile.OpenRead(Package.NupkgPath);
        var analyzerEntries = archive.Entries.Where(e => e.FullName.StartsWith("analyzers/", StringComparison.Ordinal)).ToList();
        Assert.All(analyzerEntries, e => Assert.StartsWith(AnalyzerSlot, e.FullName, StringComparison.Ordinal));
        Assert.All(analyzerEntries, e => Assert.DoesNotContain('/', e.FullName[AnalyzerSlot.Length..]));
        Assert.DoesNotContain(analyzerEntries, e => e.Name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) || e.Name.StartsWith("System.", StringComparison.Ordinal));
    }

    /// <summary>
    /// Every assembly the analyzers reference is either shipped in the slot (at that version or newer) or one the
    /// compiler's host provides (the framework, Microsoft.CodeAnalysis up to 4.8, which the slot's name promises).
    /// </summary>
    [Fact]
    public void AnalyzerAssembliesResolveEveryReferenceAndNeedNoNewerRoslynThan48()
    {
        using var archive = ZipFile.OpenRead(Package.NupkgPath);
        var shipped = new Dictionary<string, AssemblyFacts>(StringComparer.Ordinal);
        foreach (var entry in archive.Entries.Where(e => e.FullName.StartsWith(AnalyzerSlot, StringComparison.Ordinal)))
        {
            var facts = AssemblyFacts.Read(entry);
            Assert.Equal(Path.GetFileNameWithoutExtension(entry.Name), facts.Name);
            shipped.Add(facts.Name, facts);
        }

        var generator = shipped["Kua.Generated.SourceGenerator"];
        Assert.Equal(".NETStandard,Version=v2.0", generator.TargetFramework);
        Assert.StartsWith(Package.Version + "+", generator.InformationalVersion ?? string.Empty, StringComparison.Ordinal);

        var problems = new List<string>();
        var roslyn = new Version(4, 8, 0, 0);
        foreach (var assembly in shipped.Values)
        {
            foreach (var reference in assembly.References)
            {
                if (shipped.TryGetValue(reference.Name!, out var target))
                {
                    if (target.Version < reference.Version)
                    {
                        problems.Add($"{assembly.Name} needs {reference.Name} {reference.Version}, the slot has {target.Version}");
                    }
                }
                else if (reference.Name!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
                {
                    if (reference.Version > roslyn)
                    {
                        problems.Add($"{assembly.Name} needs {reference.Name} {reference.Version}, newer than the slot's Roslyn 4.8");
                    }
                }
                else if (!IsProvidedByHost(reference.Name))
                {
                    problems.Add($"{assembly.Name} needs {reference.Name} {reference.Version}, which is neither in the slot nor provided by the compiler's host");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        output.WriteLine("Analyzer references: " + string.Join("; ", shipped.Values.Select(a => a.Name + " -> " + string.Join(", ", a.References.Select(r => r.Name + " " + r.Version)))));
    }

    [Fact]
    public void LibHoldsTheRuntimeBuiltByThisRunForBothFrameworks()
    {
        using var archive = ZipFile.OpenRead(Package.NupkgPath);
        foreach (var (folder, framework) in LibFrameworks)
        {
            var dll = archive.GetEntry("lib/" + folder + "/Kua.Generated.Runtime.dll");
            Assert.NotNull(dll);
            var facts = AssemblyFacts.Read(dll);
            Assert.Equal("Kua.Generated.Runtime", facts.Name);
            Assert.Equal(framework, facts.TargetFramework);
            Assert.StartsWith(Package.Version + "+", facts.InformationalVersion ?? string.Empty, StringComparison.Ordinal);

            var xml = archive.GetEntry("lib/" + folder + "/Kua.Generated.Runtime.xml");
            Assert.NotNull(xml);
            using var stream = xml.Open();
            var members = XDocument.Load(stream).Descendants("member").Count();
            Assert.True(members > 50, "The XML documentation of " + folder + " documents only " + members + " members.");
        }
    }

    [Fact]
    public void BuildAndBuildTransitiveCarryTheContractAndTheDefaultSpec()
    {
        using var archive = ZipFile.OpenRead(Package.NupkgPath);
        var source = Path.Combine(TestPaths.RepositoryRoot, "src", "Kua.Generated");
        foreach (var file in new[] { "build/Kua.Generated.props", "build/Kua.Generated.targets", "build/Kua.Generated.ClientAssembly.targets", "buildTransitive/Kua.Generated.props", "buildTransitive/Kua.Generated.targets" })
        {
            Assert.Equal(File.ReadAllText(Path.Combine(source, file)), Read(archive, file));
        }

        // build/ declares the three metadata and RootNamespace the generator reads (DESIGN.md, the MSBuild contract).
        var props = XDocument.Parse(Read(archive, "build/Kua.Generated.props"));
        var visible = props.Descendants("CompilerVisibleItemMetadata").Select(e => (string?)e.Attribute("Include") + "." + (string?)e.Attribute("MetadataName")).ToList();
        var contract = new[] { "AdditionalFiles.KuaOpenApi", "AdditionalFiles.KuaNamespace", "AdditionalFiles.KuaClientName", "AdditionalFiles.KuaOpenApiFragment" };
        Assert.True(contract.All(visible.Contains), "build/Kua.Generated.props makes visible only: " + string.Join(", ", visible));
        Assert.Contains(props.Descendants("CompilerVisibleProperty"), e => (string?)e.Attribute("Include") == "RootNamespace");

        // buildTransitive/ brings the same contract to projects that get the package through another project.
        foreach (var extension in new[] { "props", "targets" })
        {
            var transitive = XDocument.Parse(Read(archive, "buildTransitive/Kua.Generated." + extension));
            Assert.Contains(transitive.Descendants("Import"), e => (string?)e.Attribute("Project") == "../build/Kua.Generated." + extension);
        }

        Assert.Equal(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "spec", "kua.openapi.yaml")), Read(archive, "spec/kua.openapi.yaml"));
        Assert.Equal(File.ReadAllText(Path.Combine(source, "PACKAGE.md")), Read(archive, "README.md"));
    }

    /// <summary>The nuspec declares exactly the runtime's package dependencies (Kua.Generated.Runtime.Dependencies.props) at the pinned versions.</summary>
    [Fact]
    public void NuspecDeclaresTheRuntimeDependenciesPerFramework()
    {
        using var archive = ZipFile.OpenRead(Package.NupkgPath);
        var nuspec = XDocument.Parse(Read(archive, "Kua.Generated.nuspec"));
        XNamespace ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        Assert.Equal("Kua.Generated", metadata.Element(ns + "id")?.Value);
        Assert.Equal(Package.Version, metadata.Element(ns + "version")?.Value);
        Assert.Equal("README.md", metadata.Element(ns + "readme")?.Value);
        Assert.Equal("MIT", metadata.Element(ns + "license")?.Value);
        // A development dependency would make `dotnet add package` set PrivateAssets=all and hide the runtime from dependants.
        Assert.NotEqual("true", metadata.Element(ns + "developmentDependency")?.Value);

        var actual = metadata.Element(ns + "dependencies")!.Elements(ns + "group").ToDictionary(
            g => (string)g.Attribute("targetFramework")!,
            g => g.Elements(ns + "dependency").Select(d => (string)d.Attribute("id")! + " " + (string)d.Attribute("version")!).Order(StringComparer.Ordinal).ToList());

        var expected = ExpectedRuntimeDependencies();
        Assert.Equal(new[] { ".NETStandard2.0", "net8.0" }, actual.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(expected["netstandard2.0"], actual[".NETStandard2.0"]);
        Assert.Equal(expected["net8.0"], actual["net8.0"]);
    }

    [Fact]
    public void SymbolPackageHoldsThePdbsOfBothRuntimeFlavours()
    {
        Assert.True(File.Exists(Package.SnupkgPath), "No snupkg: " + Package.SnupkgPath);
        using var archive = ZipFile.OpenRead(Package.SnupkgPath);
        var pdbs = archive.Entries.Select(e => e.FullName).Where(n => n.EndsWith(".pdb", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        Assert.Equal(new[] { "lib/net8.0/Kua.Generated.Runtime.pdb", "lib/netstandard2.0/Kua.Generated.Runtime.pdb" }, pdbs);
    }

    private static bool IsPackagingMetadata(string name) =>
        name == "[Content_Types].xml" || name.StartsWith("_rels/", StringComparison.Ordinal) || name.StartsWith("package/services/metadata/", StringComparison.Ordinal);

    /// <summary>What the compiler's host (the .NET SDK's csc, or Visual Studio's) always has loaded or can load.</summary>
    private static bool IsProvidedByHost(string name) =>
        name is "netstandard" or "mscorlib" or "System" or "Microsoft.CSharp" || name.StartsWith("System.", StringComparison.Ordinal);

    private static string Read(ZipArchive archive, string name)
    {
        var entry = archive.GetEntry(name);
        Assert.True(entry is not null, "The nupkg has no " + name);
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    /// <summary>
    /// The runtime's PackageReferences (Kua.Generated.Runtime.Dependencies.props, conditioned per framework) with the
    /// versions Directory.Packages.props pins, as "Id Version" per lib folder.
    /// </summary>
    private static Dictionary<string, List<string>> ExpectedRuntimeDependencies()
    {
        var pins = TestPaths.PinnedVersions;
        var props = XDocument.Load(Path.Combine(TestPaths.RepositoryRoot, "src", "Kua.Generated.Runtime", "Kua.Generated.Runtime.Dependencies.props"));
        var result = LibFrameworks.Keys.ToDictionary(f => f, _ => new List<string>());
        foreach (var group in props.Root!.Elements("ItemGroup"))
        {
            var condition = (string?)group.Attribute("Condition") ?? string.Empty;
            foreach (var framework in LibFrameworks.Keys)
            {
                if (condition.Length == 0 || condition.Replace(" ", string.Empty, StringComparison.Ordinal) == "'$(TargetFramework)'=='" + framework + "'")
                {
                    result[framework].AddRange(group.Elements("PackageReference").Select(e => (string)e.Attribute("Include")! + " " + pins[(string)e.Attribute("Include")!]));
                }
                else
                {
                    Assert.True(condition.Contains("TargetFramework", StringComparison.Ordinal), "Cannot read the condition " + condition);
                }
            }
        }

        return result.ToDictionary(p => p.Key, p => p.Value.Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>Name, version, target framework, informational version and references of an assembly in the package.</summary>
    private sealed record AssemblyFacts(string Name, Version Version, string? TargetFramework, string? InformationalVersion, IReadOnlyList<System.Reflection.AssemblyName> References)
    {
        public static AssemblyFacts Read(ZipArchiveEntry entry)
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            using var pe = new PEReader(copy);
            Assert.True(pe.HasMetadata, entry.FullName + " is not a .NET assembly.");
            var reader = pe.GetMetadataReader();
            var definition = reader.GetAssemblyDefinition();
            var references = reader.AssemblyReferences.Select(h => reader.GetAssemblyReference(h).GetAssemblyName()).ToList();
            return new AssemblyFacts(
                reader.GetString(definition.Name),
                definition.Version,
                StringAttribute(reader, definition.GetCustomAttributes(), "TargetFrameworkAttribute"),
                StringAttribute(reader, definition.GetCustomAttributes(), "AssemblyInformationalVersionAttribute"),
                references);
        }

        /// <summary>The first constructor argument of an assembly attribute whose first argument is a string.</summary>
        private static string? StringAttribute(MetadataReader reader, CustomAttributeHandleCollection attributes, string typeName)
        {
            foreach (var handle in attributes)
            {
                var attribute = reader.GetCustomAttribute(handle);
                if (attribute.Constructor.Kind != HandleKind.MemberReference)
                {
                    continue;
                }

                var constructor = reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
                if (constructor.Parent.Kind != HandleKind.TypeReference || reader.GetString(reader.GetTypeReference((TypeReferenceHandle)constructor.Parent).Name) != typeName)
                {
                    continue;
                }

                var blob = reader.GetBlobReader(attribute.Value);
                Assert.Equal(1, blob.ReadUInt16()); // custom attribute prolog
                return blob.ReadSerializedString();
            }

            return null;
        }
    }
}
