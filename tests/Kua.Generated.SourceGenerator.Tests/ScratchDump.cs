using Kua.Generated.SourceGenerator.Tests.Infrastructure;
namespace Kua.Generated.SourceGenerator.Tests;
public sealed class ScratchDump
{
    [Fact]
    public void Dump()
    {
        var run = GeneratorHarness.Run(SpecFile.FromDisk(Path.Combine(TestPaths.Corpus, "slack-web-openapi-v2.json")));
        Directory.CreateDirectory("/tmp/slack");
        foreach (var (h, s) in run.Sources) File.WriteAllText(Path.Combine("/tmp/slack", h), s);
    }
}
