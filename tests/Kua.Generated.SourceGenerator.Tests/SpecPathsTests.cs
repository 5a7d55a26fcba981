using Kua.Generated.SourceGenerator.Parsing.References;

namespace Kua.Generated.SourceGenerator.Tests;

/// <summary>How a $ref's path is resolved against the referring file and compared with MSBuild's paths of additional files.</summary>
public sealed class SpecPathsTests
{
    [Theory]
    [InlineData("/specs/shop/api.yaml", "models/pet.yaml", "/specs/shop/models/pet.yaml")]
    [InlineData("/specs/shop/paths/pets.yaml", "../models/pet.yaml", "/specs/shop/models/pet.yaml")]
    [InlineData("/specs/shop/paths/pets.yaml", "./../models/./pet.yaml", "/specs/shop/models/pet.yaml")]
    [InlineData("/specs/shop/paths/pets.yaml", @"..\models\pet.yaml", "/specs/shop/models/pet.yaml")]
    [InlineData("/specs/shop/api.yaml", "/elsewhere/pet.yaml", "/elsewhere/pet.yaml")]
    [InlineData("/specs/api.yaml", "../../../../pet.yaml", "/pet.yaml")]
    [InlineData(@"C:\specs\shop\paths\pets.yaml", "../models/pet.yaml", "C:/specs/shop/models/pet.yaml")]
    [InlineData(@"C:\specs\api.yaml", @"..\..\..\pet.yaml", "C:/pet.yaml")]
    [InlineData(@"C:\specs\api.yaml", @"D:\other\pet.yaml", "D:/other/pet.yaml")]
    [InlineData(@"\\server\share\specs\api.yaml", "../pet.yaml", "//server/share/pet.yaml")]
    public void ARelativePathResolvesAgainstTheReferringFilesFolder(string from, string relative, string key)
    {
        Assert.Equal(key, SpecPaths.Resolve(from, relative));
        Assert.Equal(key, SpecPaths.Key(key));
    }

    [Theory]
    [InlineData("models/pet.yaml#/Pet", "File", "models/pet.yaml", "#/Pet")]
    [InlineData("models/my%20pet.yaml", "File", "models/my pet.yaml", "")]
    [InlineData("#/components/schemas/Pet", "Local", "", "#/components/schemas/Pet")]
    [InlineData("https://example.com/pet.yaml#/Pet", "Url", "https://example.com/pet.yaml", "#/Pet")]
    [InlineData("urn:example:pet", "Url", "urn:example:pet", "")]
    [InlineData(@"C:\specs\pet.yaml", "File", @"C:\specs\pet.yaml", "")]
    public void AReferenceIsAFileAPlaceInTheSameFileOrAUrl(string reference, string kind, string path, string pointer)
    {
        var parsed = SpecReference.Parse(reference);

        Assert.Equal((kind, path, pointer), (parsed.Kind.ToString(), parsed.Path, parsed.Pointer));
    }

    [Fact]
    public void PathsCompareAsTheOperatingSystemComparesThem()
    {
        var ignoresCase = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS();

        Assert.Equal(ignoresCase, SpecPaths.Comparer.Equals("/Specs/Pet.yaml", "/specs/pet.yaml"));
        Assert.True(SpecPaths.Comparer.Equals(SpecPaths.Key(@"C:\specs\pet.yaml"), SpecPaths.Resolve(@"C:\specs\api.yaml", "./pet.yaml")));
    }
}
