using System.Text.RegularExpressions;
using Kua.Generated.SourceGenerator.Diagnostics;
using Kua.Generated.SourceGenerator.Emitting;
using Kua.Generated.SourceGenerator.Model;
using Kua.Generated.SourceGenerator.Parsing;
using Kua.Generated.SourceGenerator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Kua.Generated.SourceGenerator.Tests;

/// <summary>
/// The structural checks: every value the generator reads is checked against the structure OpenAPI 2.0, 3.0 and 3.1
/// define. A violation is KUA0030 (a parameter or request body left out), KUA0031 (a value ignored or repaired) or
/// KUA0032 (nothing changes in the generated code), at the line and column of the offending value; the bad value is
/// repaired or removed before NSwag.Core loads the document, so the rest of it still generates and compiles.
/// </summary>
public sealed class StructureValidationTests
{
    private static readonly string[] StructureIds = { "KUA0030", "KUA0031", "KUA0032" };

    /// <summary>"# &lt;- KUA0031 @text": the id expected on this line, at the column where "text" starts.</summary>
    private static readonly Regex Marker = new(@"# <- (KUA\d{4}) @(.+)$", RegexOptions.CultureInvariant);

    public static TheoryData<string> MalformedSpecs() =>
        new(Directory.GetFiles(Path.Combine(TestPaths.Specs, "Malformed")).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(MalformedSpecs))]
    public void EachViolationIsReportedAtItsValueAndTheRestCompiles(string name)
    {
        var spec = SpecFile.FromDisk(Path.Combine(TestPaths.Specs, "Malformed", name), clientName: "TClient");
        var expected = ExpectedViolations(spec.Text);

        var run = Run(spec);

        var actual = run.GeneratorDiagnostics.Where(IsStructural).Select(d => (d.Id, Line(d), Column(d))).Order().ToList();
        Assert.Equal(expected.Order(), actual);
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "KUA0003" || d.Id == "KUA0099");
        Assert.NotEmpty(run.Sources);
        Assert.True(run.CompileDiagnostics.IsEmpty, CompileTests.Describe(run));
    }

    /// <summary>
    /// The OpenAPI 3.0 document breaks the structure in more than 15 distinct ways; its sound operations, parameters
    /// and schemas are generated as the document says, and each repair shows in the code.
    /// </summary>
    [Fact]
    public void TheSoundPartsOfAMalformedDocumentGenerateAsTheDocumentSays()
    {
        var spec = SpecFile.FromDisk(Path.Combine(TestPaths.Specs, "Malformed", "structure-30.yaml"), clientName: "TClient");
        var violations = ExpectedViolations(spec.Text);

        var run = Run(spec);

        Assert.True(violations.Count >= 15, "The document lists " + violations.Count + " violations.");
        Assert.True(violations.Select(v => v.Line).Distinct().Count() == violations.Count, "One violation per marked line.");
        var client = run.Source("TClient.g.cs");

        // operationId 42 is ignored (the method is named from the path); 'tags: Accounts' is read as [Accounts].
        Assert.Contains("GetAccountsAsync(", client, StringComparison.Ordinal);
        Assert.Contains("class AccountsClient", client, StringComparison.Ordinal);

        // getAccount keeps its sound parameters; the body-located and the nameless parameters are left out.
        var getAccount = Signature(client, "GetAccountAsync(");
        Assert.Contains("string id", getAccount, StringComparison.Ordinal);
        Assert.Contains("string? sort = null", getAccount, StringComparison.Ordinal);
        Assert.Contains("xTrace", getAccount, StringComparison.Ordinal);
        Assert.DoesNotContain("payload", getAccount, StringComparison.Ordinal);
        Assert.Contains("Task<global::Consumer.Account> GetAccountAsync(", client, StringComparison.Ordinal);

        // The request body whose content is not a mapping is left out; the operation stays.
        Assert.DoesNotContain("body", Signature(client, "AddNoteAsync("), StringComparison.Ordinal);

        var account = run.TypeSource("Account");
        Assert.Contains("Name { get; set; }", account, StringComparison.Ordinal);
        Assert.Contains("string? Kind { get; set; }", account, StringComparison.Ordinal);
        Assert.Contains("JsonElement? Extra { get; set; }", account, StringComparison.Ordinal);
        Assert.Contains("Base? Parent { get; set; }", account, StringComparison.Ordinal);
    }

    /// <summary>The lines issue 11 lists, each alone in an otherwise sound document: each is reported at its line, and the document generates.</summary>
    [Theory]
    [InlineData("      operationId: getAccount", "      operationId: 42", "42", "KUA0031")]
    [InlineData("      tags: [Accounts]", "      tags: Accounts", "Accounts", "KUA0031")]
    [InlineData("      parameters: [{ name: q, in: query, schema: { type: string } }]", "      parameters: \"not a list\"", "\"not", "KUA0031")]
    [InlineData("          in: query", "          in: body", "body", "KUA0030")]
    [InlineData("          schema: { type: integer }", "          schema: { type: int }", "int", "KUA0031")]
    [InlineData("      responses: { \"204\": { description: ok } }", "      responses: []", "[]", "KUA0031")]
    [InlineData("          required: false", "          required: \"yes\"", "\"yes\"", "KUA0031")]
    public void EachLineOfTheIssueAloneIsReportedAndTheDocumentGenerates(string sound, string broken, string value, string id)
    {
        Assert.Contains(sound + "\n", SoundDocument, StringComparison.Ordinal);
        var text = SoundDocument.Replace(sound + "\n", broken + "\n", StringComparison.Ordinal);
        var line = text.Split('\n').ToList().IndexOf(broken) + 1;

        var run = Run(new SpecFile("/specs/issue.yaml", text, ClientName: "TClient"));

        var diagnostic = Assert.Single(run.GeneratorDiagnostics, IsStructural);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal((line, broken.IndexOf(value, StringComparison.Ordinal) + 1), (Line(diagnostic), Column(diagnostic)));
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "KUA0003" || d.Id == "KUA0099");
        var client = run.Source("TClient.g.cs");
        Assert.Contains("PingAsync(", client, StringComparison.Ordinal);
        Assert.Contains("SearchAsync(", client, StringComparison.Ordinal);
        Assert.Contains("Task<global::Consumer.Account> ", client, StringComparison.Ordinal);
        Assert.True(run.CompileDiagnostics.IsEmpty, CompileTests.Describe(run));
    }

    /// <summary>The checks are right for real documents: no corpus spec, nor the Kua spec, nor a focused spec trips a warning or an error.</summary>
    [Fact]
    public void NoRealSpecTripsAStructuralWarning()
    {
        var specs = Directory.GetFiles(TestPaths.Corpus)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .Concat(Directory.GetFiles(TestPaths.Specs))
            .Append(TestPaths.KuaSpec)
            .ToList();
        Assert.True(specs.Count > 40);

        var tripped = specs
            .AsParallel()
            .SelectMany(path => Parse(path).Diagnostics.Where(d => d.Id == "KUA0030" || d.Id == "KUA0031").Select(d => Path.GetFileName(path) + "(" + d.Line + "): " + d.Id + " " + string.Join(" | ", d.Arguments)))
            .ToList();

        Assert.True(tripped.Count == 0, string.Join("\n", tripped));
    }

    /// <summary>
    /// Every node of a sound document, one at a time, replaced by a value of each other JSON form (and by strings that
    /// are no keyword and no reference): whatever the value, the document still loads (no KUA0003), the generator
    /// does not fail (no KUA0099, no exception), and the model emits.
    /// </summary>
    [Theory]
    [InlineData("parameters.yaml")]
    [InlineData("swagger2.yaml")]
    [InlineData("features-31.yaml")]
    [InlineData("unions.yaml")]
    public void NoSingleBadValueCostsTheDocument(string name)
    {
        var replacements = new JToken[] { "Zz", "#/nowhere", 42, 2.5, -1, true, new JArray(), new JArray("a", 1), new JObject(), new JObject { ["a"] = 1 }, JValue.CreateNull() };
        var tree = SpecTextReader.Read(File.ReadAllText(Path.Combine(TestPaths.Specs, name)), new DiagnosticBag(name), CancellationToken.None)!;
        var paths = ((JContainer)tree).DescendantsAndSelf().Where(t => !(t is JProperty) && t.Parent != null).Select(t => t.Path).Distinct().ToList();
        var failures = new List<string>();

        foreach (var path in paths)
        {
            foreach (var replacement in replacements)
            {
                var copy = tree.DeepClone();
                var target = copy.SelectToken(path)!;
                if (JToken.DeepEquals(target, replacement))
                {
                    continue;
                }

                target.Replace(replacement.DeepClone());
                var model = SpecParser.Parse(new SpecInput("/specs/" + name + ".json", copy.ToString(Formatting.None), null, "TClient", null), CancellationToken.None);
                failures.AddRange(model.Diagnostics.Where(d => d.Id == "KUA0003" || d.Id == "KUA0099").Select(d => path + " := " + replacement.ToString(Formatting.None) + ": " + d.Id + " " + string.Join(" | ", d.Arguments)));
                if (model.Client is null)
                {
                    // Only a broken 'openapi' or 'swagger' field stops the document: without it, it is no OpenAPI document.
                    Assert.Contains(model.Diagnostics, d => d.Id == "KUA0002");
                }

                foreach (var unit in Emitter.Plan(model, EmitOptions.Default))
                {
                    Emitter.Emit(unit);
                }
            }
        }

        Assert.True(paths.Count > 25);
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    /// <summary>A mapping target may be a bare schema name (OpenAPI 3); NSwag.Core cannot follow one, which used to cost the whole document.</summary>
    [Fact]
    public void ABareSchemaNameInADiscriminatorMappingSelectsThatSchema()
    {
        var run = Run(new SpecFile("/specs/mapping.yaml", """
            openapi: 3.0.3
            info: { title: T, version: "1" }
            paths: {}
            components:
              schemas:
                Shape:
                  oneOf:
                    - $ref: "#/components/schemas/Circle"
                    - $ref: "#/components/schemas/Square"
                  discriminator:
                    propertyName: kind
                    mapping:
                      round: Circle
                      box: "#/components/schemas/Square"
                Circle: { type: object, properties: { kind: { type: string }, radius: { type: number } } }
                Square: { type: object, properties: { kind: { type: string }, side: { type: number } } }
            """, ClientName: "TClient"));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains("\"round\"", run.TypeSource("Shape"), StringComparison.Ordinal);
        Assert.Contains("\"box\"", run.TypeSource("Shape"), StringComparison.Ordinal);
        Assert.True(run.CompileDiagnostics.IsEmpty, CompileTests.Describe(run));
    }

    /// <summary>NSwag.Core refuses an info without title or version (the whole document, before); both take a stand-in.</summary>
    [Fact]
    public void AnInfoWithoutTitleAndVersionStillGenerates()
    {
        var run = Run(new SpecFile("/specs/info.yaml", """
            openapi: 3.0.3
            info:
              description: Neither title nor version.
            paths:
              /ping:
                get:
                  operationId: ping
                  responses: { "204": { description: ok } }
            """));

        Assert.Equal(new[] { ("KUA0031", 3), ("KUA0031", 3) }, run.GeneratorDiagnostics.Select(d => (d.Id, Line(d))));
        Assert.Contains("class ApiClient", run.Source("ApiClient.g.cs"), StringComparison.Ordinal);
        Assert.True(run.CompileDiagnostics.IsEmpty, CompileTests.Describe(run));
    }

    /// <summary>A default of another type used to stop the generator (KUA0099) when it wrote the member's default.</summary>
    [Fact]
    public void ADefaultOfAnotherTypeIsIgnored()
    {
        var run = Run(new SpecFile("/specs/default.yaml", """
            openapi: 3.0.3
            info: { title: T, version: "1" }
            paths: {}
            components:
              schemas:
                Settings:
                  type: object
                  properties:
                    ratio: { type: number, default: high }
                    enabled: { type: boolean, default: "false" }
                    limit: { type: integer, default: 10.0 }
            """, ClientName: "TClient"));

        Assert.Equal(new[] { ("KUA0032", 9), ("KUA0032", 10) }, run.GeneratorDiagnostics.Select(d => (d.Id, Line(d))));
        Assert.Contains("Limit { get; set; } = 10L;", run.TypeSource("Settings"), StringComparison.Ordinal);
        Assert.True(run.CompileDiagnostics.IsEmpty, CompileTests.Describe(run));
    }

    /// <summary>NSwag.Core follows the $refs of links and examples too; one that points nowhere used to cost the whole document.</summary>
    [Fact]
    public void ADanglingLinkOrExampleReferenceCostsOnlyItself()
    {
        var run = Run(new SpecFile("/specs/links.yaml", """
            openapi: 3.0.3
            info: { title: T, version: "1" }
            paths:
              /users:
                post:
                  operationId: createUser
                  responses:
                    "201":
                      description: ok
                      content:
                        application/json:
                          schema: { type: string }
                          examples:
                            one: { $ref: "#/components/examples/Gone" }
                      links:
                        next: { $ref: "#/components/links/Gone" }
            """, ClientName: "TClient"));

        Assert.Equal(new[] { ("KUA0005", 14), ("KUA0005", 16), ("KUA0012", 7) }, run.GeneratorDiagnostics.Select(d => (d.Id, Line(d))).Order());
        Assert.Contains("Task<string> CreateUserAsync(", run.Source("TClient.g.cs"), StringComparison.Ordinal);
    }

    private const string SoundDocument = """
        openapi: 3.0.3
        info: { title: T, version: "1" }
        paths:
          /accounts/{id}:
            get:
              operationId: getAccount
              tags: [Accounts]
              parameters:
                - name: id
                  in: path
                  required: true
                  schema: { type: string }
                - name: limit
                  in: query
                  required: false
                  schema: { type: integer }
              responses:
                "200":
                  description: ok
                  content:
                    application/json:
                      schema: { $ref: "#/components/schemas/Account" }
          /ping:
            post:
              operationId: ping
              responses: { "204": { description: ok } }
          /search:
            get:
              operationId: search
              parameters: [{ name: q, in: query, schema: { type: string } }]
              responses: { "200": { description: ok } }
        components:
          schemas:
            Account:
              type: object
              properties:
                id: { type: string }

        """;

    private static List<(string Id, int Line, int Column)> ExpectedViolations(string text)
    {
        var expected = new List<(string, int, int)>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var match = Marker.Match(lines[i]);
            if (match.Success)
            {
                var code = lines[i].Substring(0, match.Index);
                var column = code.IndexOf(match.Groups[2].Value, StringComparison.Ordinal);
                Assert.True(column >= 0, "Line " + (i + 1) + ": '" + match.Groups[2].Value + "' is not on the line.");
                expected.Add((match.Groups[1].Value, i + 1, column + 1));
            }
        }

        return expected;
    }

    /// <summary>The parameter list of a generated method, from its name to the closing parenthesis.</summary>
    private static string Signature(string source, string method)
    {
        var start = source.IndexOf(method, StringComparison.Ordinal);
        Assert.True(start >= 0, method + " is not generated.");
        return source.Substring(start, source.IndexOf(')', start) - start);
    }

    private static SpecModel Parse(string path) =>
        SpecParser.Parse(new SpecInput(path, File.ReadAllText(path), null, "TClient", null), CancellationToken.None);

    private static GeneratorRun Run(SpecFile spec)
    {
        // Every schema is kept: these documents check how each part is read, used by an operation or not.
        var run = GeneratorHarness.Run(spec with { KeepUnusedSchemas = true });
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "CS8785" || d.Id == "AD0001");
        return run;
    }

    private static bool IsStructural(Diagnostic diagnostic) => StructureIds.Contains(diagnostic.Id);

    private static int Line(Diagnostic diagnostic) => diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1;

    private static int Column(Diagnostic diagnostic) => diagnostic.Location.GetLineSpan().StartLinePosition.Character + 1;
}
