using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;

namespace Kua.Generated.PackageTests.Infrastructure;

/// <summary>
/// A fresh consumer: a temporary folder with its own NuGet.config (the run's local feed added to the machine's
/// sources, no &lt;clear/&gt;, so the usual sources still serve the runtime's dependencies) and its own packages
/// folder, so nothing restored by another consumer or by the machine can hide a bug. Projects go in sub-folders.
/// </summary>
internal sealed class Consumer : IDisposable
{
    public static readonly TimeSpan NewTimeout = TimeSpan.FromMinutes(3);
    public static readonly TimeSpan RestoreTimeout = TimeSpan.FromMinutes(6);
    public static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(6);
    public static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    private readonly ITestOutputHelper _log;

    private Consumer(PackedPackage package, string root, ITestOutputHelper log)
    {
        Package = package;
        Root = root;
        _log = log;
    }

    public PackedPackage Package { get; }

    public string Root { get; }

    public string PackagesFolder => Path.Combine(Root, "packages");

    public static Consumer Create(PackedPackage package, string name, ITestOutputHelper log)
    {
        var root = Path.Combine(package.RunRoot, name + "-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(root);
        var consumer = new Consumer(package, root, log);
        File.WriteAllText(Path.Combine(root, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <!-- Added to the machine's sources (no clear): those serve the runtime's dependencies. -->
                <add key="kua-e2e-feed" value="{package.Feed}" />
              </packageSources>
              <config>
                <add key="globalPackagesFolder" value="{consumer.PackagesFolder}" />
              </config>
            </configuration>
            """);
        return consumer;
    }

    public string ProjectDirectory(string project) => Path.Combine(Root, project);

    public string ProjectFile(string project) => Path.Combine(Root, project, project + ".csproj");

    /// <summary>Runs a dotnet CLI command in a project folder (or the consumer's root for null), logging its duration.</summary>
    public async Task<CommandResult> DotNetAsync(string? project, TimeSpan timeout, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var result = await DotNet.RunAsync(project is null ? Root : ProjectDirectory(project), timeout, arguments, environment);
        Log(result);
        return result;
    }

    /// <summary>`dotnet new {template} -n {project}` plus any options, without a restore (the package add restores).</summary>
    public async Task NewAsync(string template, string project, params string[] options)
    {
        var arguments = new List<string> { "new", template, "-n", project, "-o", ProjectDirectory(project), "--no-restore" };
        arguments.AddRange(options);
        (await DotNetAsync(null, NewTimeout, arguments)).AssertSuccess();
    }

    /// <summary>`dotnet add package {id} --version {this run's version}` (a package of this run's feed), then checks where it came from.</summary>
    public async Task AddPackageAsync(string project, string packageId = "Kua.Generated")
    {
        (await DotNetAsync(project, RestoreTimeout, new[] { "add", "package", packageId, "--version", Package.Version })).AssertSuccess();
        AssertRestoredFromRunFeed(project, packageId, Path.Combine(Package.Feed, packageId + "." + Package.Version + ".nupkg"));
    }

    public Task<CommandResult> BuildAsync(string project, params string[] options) =>
        DotNetAsync(project, BuildTimeout, new[] { "build", "-c", "Release", "-tl:off", "-nologo" }.Concat(options).ToArray());

    /// <summary>
    /// The compiler's arguments as an IDE's design-time build computes them (Release), without compiling: the
    /// properties Visual Studio sets, and CscCommandLineArgs read back with -getItem.
    /// </summary>
    public async Task<IReadOnlyList<string>> DesignTimeCompilerArgumentsAsync(string project)
    {
        var items = await MsBuildQueryAsync(project,
            "-t:Compile", "-nologo", "-p:Configuration=Release", "-p:DesignTimeBuild=true", "-p:BuildingInsideVisualStudio=true",
            "-p:SkipCompilerExecution=true", "-p:ProvideCommandLineArgs=true", "-getItem:CscCommandLineArgs");
        return items.GetProperty("Items").GetProperty("CscCommandLineArgs").EnumerateArray().Select(a => a.GetProperty("Identity").GetString()!).ToList();
    }

    /// <summary>`dotnet msbuild` with -getProperty/-getItem options: the JSON it prints (after any restore lines).</summary>
    public async Task<JsonElement> MsBuildQueryAsync(string project, params string[] options)
    {
        var result = (await DotNetAsync(project, BuildTimeout, new[] { "msbuild" }.Concat(options).ToArray())).AssertSuccess();
        using var json = JsonDocument.Parse(result.Output[result.Output.IndexOf('{', StringComparison.Ordinal)..]);
        return json.RootElement.Clone();
    }

    /// <summary>Where <see cref="BuildAsync"/> (Release) puts the project's output for the framework.</summary>
    public string OutputDirectory(string project, string targetFramework) => Path.Combine(ProjectDirectory(project), "bin", "Release", targetFramework);

    /// <summary>Runs the built app with `dotnet {App}.dll`.</summary>
    public Task<CommandResult> RunBuiltAsync(string project, string targetFramework, IReadOnlyDictionary<string, string> environment)
    {
        var dll = Path.Combine(OutputDirectory(project, targetFramework), project + ".dll");
        Assert.True(File.Exists(dll), "The build produced no " + dll);
        return DotNetAsync(project, RunTimeout, new[] { dll }, environment);
    }

    public void WriteFile(string project, string relativePath, string content) =>
        File.WriteAllText(Path.Combine(ProjectDirectory(project), relativePath), content);

    /// <summary>
    /// A console app "App" with the package, <paramref name="spec"/> as petstore.yaml declared as a KuaOpenApi item
    /// (namespace Petstore.Api, client PetstoreClient), and <paramref name="program"/> as Program.cs.
    /// </summary>
    public async Task CreatePetstoreAppAsync(string spec, string program)
    {
        await NewAsync("console", "App");
        await AddPackageAsync("App");
        WriteFile("App", "petstore.yaml", spec);
        AddToProject("App", """<ItemGroup><KuaOpenApi Include="petstore.yaml" Namespace="Petstore.Api" ClientName="PetstoreClient" /></ItemGroup>""");
        WriteFile("App", "Program.cs", program);
    }

    /// <summary>Adds XML (properties or items) to the end of a project file, as a user would by hand.</summary>
    public void AddToProject(string project, string xml)
    {
        var path = ProjectFile(project);
        var document = XDocument.Load(path, LoadOptions.PreserveWhitespace);
        foreach (var element in XElement.Parse("<Fragment>" + xml + "</Fragment>").Elements())
        {
            document.Root!.Add(element);
        }

        document.Save(path);
    }

    /// <summary>Sets a property in the project's first PropertyGroup.</summary>
    public void SetProperty(string project, string name, string value)
    {
        var path = ProjectFile(project);
        var document = XDocument.Load(path, LoadOptions.PreserveWhitespace);
        var group = document.Root!.Elements("PropertyGroup").First();
        var element = group.Element(name);
        if (element is null)
        {
            group.Add(new XElement(name, value));
        }
        else
        {
            element.Value = value;
        }

        document.Save(path);
    }

    public void Dispose()
    {
        if (!PackedPackage.KeepFiles)
        {
            PackedPackage.TryDelete(Root);
        }
    }

    /// <summary>
    /// The restore took this run's Kua.Generated from this consumer's own packages folder, and that folder holds the
    /// package extracted from this run's feed: proof that no other copy was used.
    /// </summary>
    private void AssertRestoredFromRunFeed(string project, string packageId, string packedNupkg)
    {
        var assetsPath = Path.Combine(ProjectDirectory(project), "obj", "project.assets.json");
        using var assets = JsonDocument.Parse(File.ReadAllText(assetsPath));
        var root = assets.RootElement;
        Assert.True(root.GetProperty("libraries").TryGetProperty(packageId + "/" + Package.Version, out _), "project.assets.json does not resolve " + packageId + " " + Package.Version);
        var folders = root.GetProperty("packageFolders").EnumerateObject().Select(p => Path.GetFullPath(p.Name).TrimEnd('/')).ToList();
        Assert.Equal(new[] { PackagesFolder }, folders);

        var id = packageId.ToLowerInvariant();
        var extracted = Path.Combine(PackagesFolder, id, Package.Version.ToLowerInvariant());
        var nupkgCopy = Path.Combine(extracted, id + "." + Package.Version.ToLowerInvariant() + ".nupkg");
        Assert.True(File.Exists(nupkgCopy), packageId + " was not extracted into the consumer's own packages folder: " + extracted);
        Assert.True(
            System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(packedNupkg)).AsSpan().SequenceEqual(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(nupkgCopy))),
            "The consumer's copy of " + packageId + " differs from the nupkg packed by this run.");
    }

    private void Log(CommandResult result) =>
        _log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{result.Elapsed.TotalSeconds,6:F1} s] exit {result.ExitCode}: {result.CommandLine}"));
}
