using System.IO.Compression;
using Kua.Generated.PackageTests.Infrastructure;

namespace Kua.Generated.PackageTests;

/// <summary>
/// (g) The MSBuild side of multi-file specs, with the props and targets of the packed nupkg: each KuaOpenApi item's
/// fragments (its Fragments globs, or every YAML/JSON file below its folder) become AdditionalFiles with
/// KuaOpenApiFragment=true; never a spec itself, never the project's bin/ or obj/, each file once.
/// </summary>
[Collection(Collections.Layout)]
[Trait("Category", "Package")]
public sealed class FragmentsMetadataTests(PackageFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task FragmentsAreTheGlobsOrEveryYamlAndJsonFileBelowTheSpec()
    {
        using var consumer = Consumer.Create(fixture.Package, "fragments", output);
        var build = Path.Combine(consumer.Root, "package-build");
        using (var archive = ZipFile.OpenRead(fixture.Package.NupkgPath))
        {
            Directory.CreateDirectory(build);
            // The whole build/ folder: Kua.Generated.targets imports its neighbours.
            foreach (var entry in archive.Entries.Where(e => e.FullName.StartsWith("build/", StringComparison.Ordinal) && e.Name.Length > 0))
            {
                entry.ExtractToFile(Path.Combine(build, entry.Name));
            }
        }

        var project = consumer.ProjectDirectory("App");
        foreach (var file in new[]
                 {
                     "api/api.yaml", "api/models/pet.yml", "api/models/tag.json", "api/readme.md", "api/nested/obj/kept.yaml",
                     "second.yaml", "other/common.yaml", "other/ignored.json", "obj/project.assets.json", "bin/Release/app.json",
                 })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(project, file))!);
            File.WriteAllText(Path.Combine(project, file), "{}");
        }

        File.WriteAllText(consumer.ProjectFile("App"), $$"""
            <Project Sdk="Microsoft.NET.Sdk">
              <Import Project="{{build}}/Kua.Generated.props" />
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <KuaIncludeDefaultSpec>false</KuaIncludeDefaultSpec>
              </PropertyGroup>
              <ItemGroup Condition="'$(Scenario)' == 'globs'">
                <KuaOpenApi Include="api/api.yaml" Namespace="Api" />
                <KuaOpenApi Include="second.yaml" Namespace="Second" Fragments="other/**/*.yaml;api/models/pet.yml" />
              </ItemGroup>
              <ItemGroup Condition="'$(Scenario)' == 'root'">
                <KuaOpenApi Include="api/api.yaml" Namespace="Api" />
                <KuaOpenApi Include="second.yaml" Namespace="Second" />
              </ItemGroup>
              <Import Project="{{build}}/Kua.Generated.targets" />
              <Target Name="ShowKuaFiles" DependsOnTargets="KuaAddOpenApiFiles">
                <Message Importance="high" Text="KUAFILE|%(AdditionalFiles.FullPath)|%(AdditionalFiles.KuaOpenApi)|%(AdditionalFiles.KuaOpenApiFragment)" />
              </Target>
            </Project>
            """);

        string Full(string relative) => Path.GetFullPath(Path.Combine(project, relative));
        string[] Specs() => new[] { Full("api/api.yaml"), Full("second.yaml") };

        // One spec takes the files below its folder, the other its globs; a file both name is added once.
        var globs = await ShowAsync(consumer, "globs");
        Assert.Equal(Specs(), Files(globs, spec: true));
        Assert.Equal(new[] { "api/models/pet.yml", "api/models/tag.json", "api/nested/obj/kept.yaml", "other/common.yaml" }.Select(Full), Files(globs, spec: false));

        // A spec at the project's root takes every YAML and JSON file of the project but the specs, bin/ and obj/.
        var root = await ShowAsync(consumer, "root");
        Assert.Equal(Specs(), Files(root, spec: true));
        Assert.Equal(new[] { "api/models/pet.yml", "api/models/tag.json", "api/nested/obj/kept.yaml", "other/common.yaml", "other/ignored.json" }.Select(Full), Files(root, spec: false));
    }

    /// <summary>The AdditionalFiles of the scenario: full path, KuaOpenApi and KuaOpenApiFragment metadata; each path once.</summary>
    private static async Task<List<string[]>> ShowAsync(Consumer consumer, string scenario)
    {
        var run = (await consumer.DotNetAsync("App", Consumer.BuildTimeout, new[] { "msbuild", "-t:ShowKuaFiles", "-nologo", "-v:m", "-p:Scenario=" + scenario })).AssertSuccess();
        var files = run.Lines.Select(l => l.Trim()).Where(l => l.StartsWith("KUAFILE|", StringComparison.Ordinal)).Select(l => l.Split('|')).ToList();
        Assert.Equal(files.Count, files.Select(f => f[1]).Distinct(StringComparer.Ordinal).Count());
        return files;
    }

    private static IEnumerable<string> Files(List<string[]> files, bool spec) =>
        files.Where(f => (spec ? f[2] : f[3]) == "true").Select(f => f[1]).Order(StringComparer.Ordinal);
}
