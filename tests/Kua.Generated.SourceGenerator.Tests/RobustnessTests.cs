using System.Globalization;
using System.Text;
using Kua.Generated.SourceGenerator.Parsing;
using Kua.Generated.SourceGenerator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Kua.Generated.SourceGenerator.Tests;

/// <summary>
/// No exception may reach Roslyn for any input. <see cref="GeneratorHarness.Run(GeneratorDriver, Compilation)"/>
/// throws when the generator threw; on top of that no CS8785 (generator failed) or AD0001 (analyzer
/// crashed) may appear, and each hostile input gets the KUA diagnostic that explains it.
/// </summary>
public sealed class RobustnessTests
{
    private const int FiveMegabytes = 5 * 1024 * 1024;

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t\n  ")]
    [InlineData("\uFEFF")]
    public void EmptyFile(string text)
    {
        var run = Run(text);

        AssertOnly(run, "KUA0002");
        Assert.Contains("empty", run.GeneratorDiagnostics.Single().GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, "")]
    [InlineData(2, "")]
    [InlineData(3, "{")]
    [InlineData(4, "[")]
    [InlineData(5, "openapi: 3.0.3\n")]
    [InlineData(6, "{\"openapi\": \"3.0.3\", ")]
    public void RandomBytes(int seed, string prefix)
    {
        var bytes = new byte[64 * 1024];
        new Random(seed).NextBytes(bytes);
        var text = prefix + (seed % 2 == 0 ? Encoding.Latin1.GetString(bytes) : Encoding.UTF8.GetString(bytes));

        var run = Run(text);

        Assert.NotEmpty(run.GeneratorDiagnostics);
        Assert.All(run.GeneratorDiagnostics, d => Assert.Contains(d.Id, new[] { "KUA0001", "KUA0002" }));
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void UnclosedFlowSequenceIsAReadErrorAtItsLine()
    {
        // The '[' is never closed: the next line, indented less than flow content must be, is where reading stops.
        const string text = "openapi: \"3.0.0\"\ninfo:\n  title: Broken\n  version: \"1\"\npaths:\n  /a:\n    get:\n      summary: [unclosed\n      responses:\n        \"200\":\n          description: ok\n";

        var run = Run(text);

        AssertOnly(run, "KUA0001");
        Assert.InRange(Line(run.GeneratorDiagnostics.Single()), 8, 11);
    }

    [Fact]
    public void FiveMegabytesOfNestedJsonArrays()
    {
        var run = Run(new string('[', FiveMegabytes / 2) + new string(']', FiveMegabytes / 2));

        AssertOnly(run, "KUA0004");
        Assert.Equal(1, Line(run.GeneratorDiagnostics.Single()));
    }

    [Fact]
    public void FiveMegabytesOfNestedJsonObjectsInsideASpec()
    {
        var text = new StringBuilder("{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"T\", \"version\": \"1\"}, \"paths\": {},\n\"x-deep\": ");
        var levels = FiveMegabytes / 8;
        for (var i = 0; i < levels; i++)
        {
            text.Append("{\"a\": ");
        }

        text.Append("1").Append('}', levels).Append('}');

        var run = Run(text.ToString());

        AssertOnly(run, "KUA0004");
        Assert.Equal(2, Line(run.GeneratorDiagnostics.Single()));
    }

    [Fact]
    public void FiveMegabytesOfNestedYamlFlowMappings()
    {
        var levels = FiveMegabytes / 5;
        var text = new StringBuilder("openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\nx-deep: ", FiveMegabytes + 100);
        for (var i = 0; i < levels; i++)
        {
            text.Append("{a: ");
        }

        text.Append('1').Append('}', levels).Append('\n');

        var run = Run(text.ToString());

        AssertOnly(run, "KUA0004");
        Assert.Equal(4, Line(run.GeneratorDiagnostics.Single()));
    }

    [Fact]
    public void FiveMegabytesOfNestedYamlBlockMappings()
    {
        var text = new StringBuilder("openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\nx-deep:\n", FiveMegabytes + 100);
        for (var level = 1; text.Length < FiveMegabytes; level++)
        {
            text.Append(' ', level).Append("a:\n");
        }

        text.Append(' ', 4000).Append("leaf\n");

        var run = Run(text.ToString());

        // The document's root mapping is level 1, x-deep's value level 2, … the 121st mapping is refused.
        AssertOnly(run, "KUA0004");
        Assert.Equal(4 + SpecTextReader.MaxDepth, Line(run.GeneratorDiagnostics.Single()));
    }

    [Fact]
    public void FiveMegabytesOfNestedYamlBlockSequences()
    {
        var text = new StringBuilder("openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\nx-deep:\n  ", FiveMegabytes + 100);
        while (text.Length < FiveMegabytes)
        {
            text.Append("- ");
        }

        text.Append("x\n");

        var run = Run(text.ToString());

        AssertOnly(run, "KUA0004");
        Assert.Equal(5, Line(run.GeneratorDiagnostics.Single()));
    }

    [Fact]
    public void YamlAliasBomb()
    {
        var text = new StringBuilder("openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\nx-lol:\n  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        var previous = "a";
        foreach (var name in new[] { "b", "c", "d", "e", "f", "g", "h", "i" })
        {
            text.Append("  ").Append(name).Append(": &").Append(name).Append(" [").Append(string.Join(", ", Enumerable.Repeat("*" + previous, 9))).Append("]\n");
            previous = name;
        }

        var run = Run(text.ToString());

        AssertOnly(run, "KUA0001");
        Assert.Contains("aliases", run.GeneratorDiagnostics.Single().GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void YamlAliasesWithinTheLimitAreExpanded()
    {
        var run = Run("""
            openapi: 3.0.3
            info: { title: T, version: "1" }
            paths:
              /a:
                get:
                  operationId: getA
                  responses: &ok
                    "200":
                      description: ok
                      content:
                        application/json:
                          schema: { type: string }
              /b:
                get:
                  operationId: getB
                  responses: *ok
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains("Task<string> GetBAsync(", run.Source("TClient.g.cs"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"name": "package", "version": "1.0.0", "dependencies": {"a": "^1"}}""", 1)]
    [InlineData("""[{"openapi": "3.0.3"}]""", 1)]
    [InlineData("\n\n\"just a string\"", 3)]
    [InlineData("- openapi\n- 3.0.3\n", 1)]
    [InlineData("openapi: 4.0.0\ninfo: {title: T, version: '1'}\n", 1)]
    public void JsonOrYamlThatIsNotOpenApi(string text, int line)
    {
        var run = Run(text);

        AssertOnly(run, "KUA0002");
        Assert.Equal(line, Line(run.GeneratorDiagnostics.Single()));
    }

    [Fact]
    public void TwoYamlDocumentsInOneFile()
    {
        var run = Run("openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\n---\nopenapi: 3.0.3\n");

        AssertOnly(run, "KUA0001");
        Assert.Equal(4, Line(run.GeneratorDiagnostics.Single()));
    }

    [Fact]
    public void DanglingReferencesInEveryPosition()
    {
        var run = Run("""
            openapi: 3.0.3
            info: { title: T, version: "1" }
            paths:
              /gone:
                $ref: "#/components/pathItems/Gone"
              /a:
                parameters:
                  - $ref: "#/components/parameters/Gone"
                post:
                  operationId: postA
                  parameters:
                    - name: q
                      in: query
                      schema:
                        $ref: "#/components/schemas/Gone"
                  requestBody:
                    $ref: "#/components/requestBodies/Gone"
                  responses:
                    "200":
                      $ref: "#/components/responses/Gone"
                    "400":
                      description: bad
                      content:
                        application/json:
                          schema:
                            $ref: "#/components/schemas/Gone"
            components:
              schemas:
                Holder:
                  type: object
                  properties:
                    gone:
                      $ref: "#/components/schemas/Gone"
                    items:
                      type: array
                      items:
                        $ref: "#/definitions/Gone"
            """);

        Assert.All(run.GeneratorDiagnostics, d => Assert.Equal("KUA0005", d.Id));
        Assert.Equal(8, run.GeneratorDiagnostics.Length);
        Assert.Contains("PostAAsync(", run.Source("TClient.g.cs"), StringComparison.Ordinal);
        Assert.True(run.CompileDiagnostics.IsEmpty, CompileTests.Describe(run));
    }

    [Fact]
    public void UnsupportedConstructsAreAdaptedWithAnInfo()
    {
        var run = Run("""
            openapi: 3.1.0
            info: { title: T, version: "1" }
            paths:
              /a:
                get:
                  operationId: getA
                  security:
                    - mtls: []
                  responses:
                    "200":
                      description: ok
                      content:
                        application/json:
                          schema:
                            $ref: "#/components/schemas/Tuple"
            components:
              securitySchemes:
                mtls:
                  type: mutualTLS
              schemas:
                Tuple:
                  type: object
                  properties:
                    pair:
                      type: array
                      items: [{ type: string }, { type: integer }]
                    either:
                      type: [string, integer, "null"]
                    never: false
            """);

        // The tuple and the multi-type list are adapted (KUA0009); the mutualTLS scheme is one the client cannot serve
        // (KUA0035), and the requirement naming it is not reported as naming an undeclared scheme (KUA0037).
        Assert.Equal(2, run.GeneratorDiagnostics.Count(d => d.Id == "KUA0009"));
        Assert.Contains("'mtls' (mutualTLS)", Assert.Single(run.GeneratorDiagnostics, d => d.Id == "KUA0035").GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.All(run.GeneratorDiagnostics, d => Assert.Equal(DiagnosticSeverity.Info, d.Severity));
        Assert.True(run.CompileDiagnostics.IsEmpty, CompileTests.Describe(run));
    }

    /// <summary>JSON Schema keywords with no C# shape: tuples are arrays of JSON, pattern properties a map of JSON, and
    /// <c>not</c>/<c>if</c>/<c>then</c>/<c>else</c> leave the schema its own type (the server validates them).</summary>
    [Fact]
    public void ValidationOnlyKeywordsLeaveTheSchemaItsOwnType()
    {
        var run = Run("""
            openapi: 3.1.0
            info: { title: T, version: "1" }
            paths: {}
            components:
              schemas:
                Shaped:
                  type: object
                  required: [pair]
                  properties:
                    pair:
                      type: array
                      prefixItems: [{ type: string }, { type: integer }]
                    labels:
                      type: object
                      patternProperties:
                        "^x-": { type: string }
                    size:
                      type: integer
                      not: { const: 0 }
                    mode:
                      type: string
                      if: { const: fast }
                      then: { maxLength: 4 }
                      else: { minLength: 5 }
            """);

        Assert.True(run.CompileDiagnostics.IsEmpty, CompileTests.Describe(run));
        var shaped = run.TypeSource("Shaped");
        Assert.Contains("List<global::System.Text.Json.JsonElement> Pair { get; set; }", shaped, StringComparison.Ordinal);
        Assert.Contains("Dictionary<string, global::System.Text.Json.JsonElement?>? Labels { get; set; }", shaped, StringComparison.Ordinal);
        Assert.Contains("public long? Size { get; set; }", shaped, StringComparison.Ordinal);
        Assert.Contains("public string? Mode { get; set; }", shaped, StringComparison.Ordinal);
    }

    [Fact]
    public void DiscriminatorWithoutAPropertyNameIsIgnored()
    {
        var run = Run("""
            openapi: 3.0.3
            info: { title: T, version: "1" }
            paths: {}
            components:
              schemas:
                A: { type: object, properties: { a: { type: string } } }
                B: { type: object, properties: { b: { type: string } } }
                AOrB:
                  oneOf:
                    - $ref: "#/components/schemas/A"
                    - $ref: "#/components/schemas/B"
                  discriminator:
                    mapping:
                      a: "#/components/schemas/A"
            """);

        Assert.DoesNotContain(" Kind ", run.TypeSource("AOrB"), StringComparison.Ordinal);
        Assert.True(run.CompileDiagnostics.IsEmpty, CompileTests.Describe(run));
    }

    [Fact]
    public void SchemaNestedDeeperThanTheInlineLimitIsRawJson()
    {
        var schema = new StringBuilder();
        for (var i = 0; i < 60; i++)
        {
            schema.Append("{\"type\": \"array\", \"items\": ");
        }

        schema.Append("{\"type\": \"string\"}").Append('}', 60);
        var run = Run("{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"T\", \"version\": \"1\"}, \"paths\": {}, \"components\": {\"schemas\": {\"Deep\": {\"type\": \"object\", \"properties\": {\"x\": " + schema + "}}}}}");

        Assert.Equal("KUA0008", Assert.Single(run.GeneratorDiagnostics).Id);
        Assert.True(run.CompileDiagnostics.IsEmpty, CompileTests.Describe(run));
    }

    /// <summary>Byte-level mutations of valid specs: whatever they become, the generator answers with code or KUA diagnostics.</summary>
    [Theory]
    [InlineData("kua", 1)]
    [InlineData("parameters.yaml", 2)]
    [InlineData("inheritance.yaml", 3)]
    [InlineData("unions.yaml", 4)]
    [InlineData("identifiers.yaml", 5)]
    [InlineData("swagger2.yaml", 6)]
    public void MutatedSpecs(string spec, int seed)
    {
        var original = spec == "kua" ? File.ReadAllText(TestPaths.KuaSpec) : File.ReadAllText(Path.Combine(TestPaths.Specs, spec));
        var random = new Random(seed);
        const string alphabet = "{}[]:,-'\"#&*!|>%@`?\n \t0aZ$/~.";
        for (var round = 0; round < 40; round++)
        {
            var chars = original.ToCharArray();
            for (var edits = random.Next(1, 6); edits > 0; edits--)
            {
                chars[random.Next(chars.Length)] = alphabet[random.Next(alphabet.Length)];
            }

            var text = new string(chars);
            var run = Run(text);

            Assert.True(run.Sources.Length > 0 || run.GeneratorDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error), "Nothing generated and no error for:\n" + text);
            Assert.True(run.CompileDiagnostics.IsEmpty, "Seed " + seed + ", round " + round + ":\n" + CompileTests.Describe(run) + "\n\n" + text);
        }
    }

    private static GeneratorRun Run(string text)
    {
        // Every schema is kept: these inputs test how each schema is generated, used by an operation or not.
        var run = GeneratorHarness.Run(new SpecFile("/specs/input.yaml", text, ClientName: "TClient") { KeepUnusedSchemas = true });
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "CS8785" || d.Id == "AD0001");
        Assert.All(run.GeneratorDiagnostics, d => Assert.StartsWith("KUA", d.Id, StringComparison.Ordinal));
        return run;
    }

    private static void AssertOnly(GeneratorRun run, string id)
    {
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("/specs/input.yaml", diagnostic.Location.GetLineSpan().Path);
        Assert.Empty(run.Sources);
    }

    private static int Line(Diagnostic diagnostic) => diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1;
}
