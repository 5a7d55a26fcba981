using System.Globalization;
using System.Collections.Immutable;
using System.Reflection;
using Kua.Generated.SourceGenerator.Diagnostics;
using Kua.Generated.SourceGenerator.Model;
using Kua.Generated.SourceGenerator.Parsing;
using Kua.Generated.SourceGenerator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Kua.Generated.SourceGenerator.Tests;

/// <summary>
/// One test per KUA id: a small spec that triggers it, and the id, severity, file and line reported. The
/// expected line is the one marked "# &lt;-" in the spec. Errors generate nothing; warnings and infos leave
/// the rest of the spec generating code that compiles.
/// </summary>
public sealed class DiagnosticsTests
{
    private const string Marker = "# <-";

    [Fact]
    public void EveryIdHasATest()
    {
        var tested = typeof(DiagnosticsTests).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.GetCustomAttributes<FactAttribute>().Any())
            .Select(m => m.Name.Split('_')[0])
            .ToHashSet(StringComparer.Ordinal);

        Assert.All(KuaDiagnostics.All, d => Assert.Contains(d.Id, tested));
        Assert.Equal(KuaDiagnostics.All.Count, KuaDiagnostics.All.Select(d => d.Id).Distinct().Count());
    }

    [Fact]
    public void KUA0001_YamlSyntaxError()
    {
        AssertError("KUA0001", """
            openapi: 3.0.3
            info:
              title: a: b # <-
              version: "1"
            paths: {}
            """);
    }

    [Fact]
    public void KUA0001_JsonSyntaxError()
    {
        AssertError("KUA0001", """
            {
              "openapi": "3.0.3",
              "info": { "title": "T", "version": "1" },
              "paths": { "/a": [ } /* <- */
            }
            """, extension: ".json", marker: "/* <- */");
    }

    [Fact]
    public void KUA0001_FileThatCannotBeOpened()
    {
        const string path = "/specs/missing.yaml";
        var spec = new SpecFile(path, string.Empty);
        var driver = CSharpGeneratorDriver.Create(
            new[] { new KuaGenerator().AsSourceGenerator() },
            new AdditionalText[] { new UnreadableAdditionalText(path) },
            GeneratorHarness.ParseOptions(LanguageVersion.Latest),
            GeneratorHarness.OptionsProvider(new[] { spec }));

        var run = GeneratorHarness.Run(driver, GeneratorHarness.CreateCompilation());

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        AssertDiagnostic(diagnostic, "KUA0001", DiagnosticSeverity.Error, path, line: null);
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void KUA0002_UnsupportedVersion()
    {
        AssertError("KUA0002", """
            info:
              title: Old
              version: "1"
            swagger: "1.2" # <-
            paths: {}
            """);
    }

    /// <summary>
    /// The structural checks (KUA0030–KUA0032) see to it that no document reaches NSwag.Core's loader in a form it
    /// refuses; KUA0003 is what the loader says when one does anyway. Here the loader gets a tree the checks have not
    /// seen: a parameter whose 'required' is not a boolean, which NSwag cannot read.
    /// </summary>
    [Fact]
    public void KUA0003_DocumentNSwagCannotLoad()
    {
        const string text = """
            openapi: 3.0.3
            info: { title: T, version: "1" }
            paths:
              /a:
                get:
                  parameters:
                    - name: x
                      in: query
                      required: maybe # <-
                  responses:
                    "200":
                      description: ok
            """;
        var diagnostics = new DiagnosticBag("/specs/KUA0003.yaml");
        var tree = (Newtonsoft.Json.Linq.JObject)SpecTextReader.Read(text, diagnostics, CancellationToken.None)!;

        var document = OpenApiLoader.Load(tree, SpecVersion.OpenApi30, diagnostics, CancellationToken.None);

        Assert.Null(document);
        var diagnostic = DiagnosticFactory.Create(Assert.Single(diagnostics.ToEquatableArray()));
        AssertDiagnostic(diagnostic, "KUA0003", DiagnosticSeverity.Error, "/specs/KUA0003.yaml", MarkedLine(text, Marker));
        Assert.DoesNotContain("position", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void KUA0004_NestedTooDeeply()
    {
        var deep = new string('[', 200) + new string(']', 200);
        AssertError("KUA0004", """
            openapi: 3.0.3
            info: { title: T, version: "1" }
            paths: {}
            """ + "\nx-deep: " + deep + " " + Marker + "\n");
    }

    [Fact]
    public void KUA0005_DanglingReference()
    {
        var run = AssertWarning("KUA0005", DiagnosticSeverity.Warning, """
            openapi: 3.0.3
            info: { title: T, version: "1" }
            paths:
              /a:
                get:
                  operationId: getA
                  responses:
                    "200":
                      description: ok
                      content:
                        application/json:
                          schema:
                            $ref: "#/components/schemas/Missing" # <-
            """);

        Assert.Contains("Task<global::System.Text.Json.JsonElement?> GetAAsync(", run.Source("TClient.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void KUA0006_ReferenceToAUrl()
    {
        var run = AssertWarning("KUA0006", DiagnosticSeverity.Warning, """
            openapi: 3.0.3
            info: { title: T, version: "1" }
            paths:
              /a:
                get:
                  operationId: getA
                  responses:
                    "200":
                      description: ok
                      content:
                        application/json:
                          schema:
                            $ref: "https://example.com/common.yaml#/components/schemas/Shared" # <-
            """);

        Assert.Contains("a URL, which the generator never fetches", run.GeneratorDiagnostics.Single().GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void KUA0006_ReferenceToAUrlInAFragment()
    {
        AssertWarningInFiles(
            "KUA0006",
            ("api.yaml", SpecTexts.RefersTo("models/a.yaml")),
            ("models/a.yaml", """
                type: object
                properties:
                  b: { $ref: "http://example.com/b.json" } # <-
                """));
    }

    [Fact]
    public void KUA0005_MissingPointerInAFragment()
    {
        var run = AssertWarningInFiles(
            "KUA0005",
            ("api.yaml", SpecTexts.RefersTo("models/a.yaml")),
            ("models/a.yaml", """
                type: object
                properties:
                  b:
                    $ref: "../shared.yaml#/Missing" # <-
                """),
            ("shared.yaml", "Present: { type: string }\n"));

        Assert.Contains("has nothing at '#/Missing'", run.GeneratorDiagnostics.Single().GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void KUA0033_ReferenceToAFileThatIsNotAFragment()
    {
        var run = AssertWarningInFiles(
            "KUA0033",
            ("api.yaml", SpecTexts.RefersTo("models/a.yaml")),
            ("models/a.yaml", """
                type: object
                properties:
                  b:
                    $ref: "../missing.yaml" # <-
                """));

        Assert.Contains("'/specs/multi/missing.yaml'", run.GeneratorDiagnostics.Single().GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void KUA0034_ReferencesThatLeadBackToThemselvesAcrossFiles()
    {
        var run = AssertWarningInFiles(
            "KUA0034",
            ("api.yaml", SpecTexts.RefersTo("a.yaml")),
            ("a.yaml", "$ref: b.yaml\n"),
            ("b.yaml", "$ref: a.yaml # <-\n"));

        Assert.Contains("it leads back to itself ('a.yaml' → 'b.yaml' → 'a.yaml')", run.GeneratorDiagnostics.Single().GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void KUA0034_CopiedContentThatContainsItself()
    {
        AssertWarningInFiles(
            "KUA0034",
            ("api.yaml", """
                openapi: 3.0.3
                info: { title: T, version: "1" }
                paths:
                  /a:
                    $ref: "paths/a.yaml"
                """),
            ("paths/a.yaml", """
                get:
                  operationId: getA
                  responses:
                    "204":
                      description: ok
                x-again:
                  $ref: "a.yaml" # <-
                """));
    }

    [Fact]
    public void KUA0007_OperationSkipped()
    {
        var run = AssertWarning("KUA0007", DiagnosticSeverity.Warning, """
            openapi: 3.0.3
            info: { title: T, version: "1" }
            paths:
              /a:
                post: # <-
                  operationId: postA
                  requestBody:
                    content:
                      application/json:
                        schema:
                          type: object
                          properties:
                            loop:
                              $ref: "#/components/schemas/Loop1"
                  responses:
                    "204":
                      description: ok
              /b:
                get:
                  operationId: getB
                  responses:
                    "204":
                      description: ok
            components:
              schemas:
                Loop1:
                  $ref: "#/components/schemas/Loop2"
                Loop2:
                  $ref: "#/components/schemas/Loop1"
            """);

        Assert.Contains("GetBAsync(", run.Source("TClient.g.cs"), StringComparison.Ordinal);
        Assert.DoesNotContain("PostAAsync(", run.Source("TClient.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void KUA0008_SchemaGeneratedAsRawJson()
    {
        var run = AssertWarning("KUA0008", DiagnosticSeverity.Warning, """
            openapi: 3.0.3
            info: { title: T, version: "1" }
            paths: {}
            components:
              schemas:
                List: # <-
                  type: array
                  items:
                    $ref: "#/components/schemas/List"
                Holder:
                  type: object
                  properties:
                    list:
                      $ref: "#/components/schemas/List"
            """);

        Assert.Contains("JsonElement", run.TypeSource("Holder"), StringComparison.Ordinal);
    }

    [Fact]
    public void KUA0009_ConstructAdapted()
    {
        AssertWarning("KUA0009", DiagnosticSeverity.Info, """
            openapi: 3.1.0
            info: { title: T, version: "1" }
            paths: {}
            components:
              schemas:
                Value:
                  type: object
                  properties:
                    either:
                      type: [string, integer] # <-
            """);
    }

    [Fact]
    public void KUA0010_Webhooks()
    {
        AssertWarning("KUA0010", DiagnosticSeverity.Info, """
            openapi: 3.1.0
            info: { title: T, version: "1" }
            webhooks: # <-
              newPet:
                post:
                  requestBody:
                    content:
                      application/json:
                        schema:
                          $ref: "#/components/schemas/Pet"
                  responses:
                    "200":
                      description: ok
            components:
              schemas:
                Pet:
                  type: object
                  properties:
                    name:
                      type: string
            """);
    }

    [Fact]
    public void KUA0011_CallbacksIgnored()
    {
        AssertWarning("KUA0011", DiagnosticSeverity.Info, """
            openapi: 3.0.3
            info: { title: T, version: "1" }
            paths:
              /subscribe:
                post:
                  operationId: subscribe
                  callbacks: # <-
                    onEvent:
                      "{$request.body#/url}":
                        post:
                          responses:
                            "200":
                              description: ok
                  responses:
                    "204":
                      description: ok
            """);
    }

    [Fact]
    public void KUA0012_LinksIgnored()
    {
        AssertWarning("KUA0012", DiagnosticSeverity.Info, """
            openapi: 3.0.3
            info: { title: T, version: "1" }
            paths:
              /users:
                post:
                  operationId: createUser
                  responses: # <-
                    "201":
                      description: ok
                      links:
                        GetUser:
                          operationId: getUser
              /users/{id}:
                get:
                  operationId: getUser
                  parameters:
                    - { name: id, in: path, required: true, schema: { type: string } }
                  responses:
                    "204":
                      description: ok
            """);
    }

    [Fact]
    public void KUA0013_TokenEndpointIncomplete()
    {
        var run = AssertWarning("KUA0013", DiagnosticSeverity.Warning, """
            openapi: 3.0.3
            info: { title: T, version: "1" }
            paths:
              /token:
                get: # <-
                  operationId: getToken
                  x-kua-token-endpoint: true
                  responses:
                    "200":
                      description: ok
            """);

        Assert.DoesNotContain("TokenEndpoint {", run.Source("TClient.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void KUA0014_InvalidNamespace()
    {
        const string path = "/specs/KUA0014.yaml";
        var run = GeneratorHarness.Run(new[] { new SpecFile(path, Minimal, Namespace: "2 bad.name!") });

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        AssertDiagnostic(diagnostic, "KUA0014", DiagnosticSeverity.Warning, path, line: null);
        Assert.Contains("'_2Bad.Name'", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.All(run.Sources, s => Assert.Contains("namespace _2Bad.Name", s.Source, StringComparison.Ordinal));
        Assert.Empty(run.CompileDiagnostics);
    }

    [Fact]
    public void KUA0014_InvalidClientName()
    {
        const string path = "/specs/KUA0014.yaml";
        var run = GeneratorHarness.Run(new[] { new SpecFile(path, Minimal, ClientName: "my client") });

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        AssertDiagnostic(diagnostic, "KUA0014", DiagnosticSeverity.Warning, path, line: null);
        Assert.Contains("class MyClientClient", run.Source("MyClientClient.g.cs"), StringComparison.Ordinal);
        Assert.Empty(run.CompileDiagnostics);
    }

    [Fact]
    public void KUA0015_CyclicInheritance()
    {
        AssertWarning("KUA0015", DiagnosticSeverity.Warning, """
            openapi: 3.0.3
            info: { title: T, version: "1" }
            paths: {}
            components:
              schemas:
                A:
                  allOf:
                    - $ref: "#/components/schemas/B"
                    - type: object
                      properties: { a: { type: string } }
                B:
                  allOf:
                    - $ref: "#/components/schemas/A" # <-
                    - type: object
                      properties: { b: { type: string } }
            """);
    }

    [Fact]
    public void KUA0016_DuplicateOperationId()
    {
        var run = AssertWarning("KUA0016", DiagnosticSeverity.Warning, """
            openapi: 3.0.3
            info: { title: T, version: "1" }
            paths:
              /a:
                get:
                  operationId: fetch
                  responses:
                    "204":
                      description: ok
              /b:
                get: # <-
                  operationId: fetch
                  responses:
                    "204":
                      description: ok
            """);

        Assert.Contains("FetchAsync(", run.Source("TClient.g.cs"), StringComparison.Ordinal);
        Assert.Contains("FetchGetAsync(", run.Source("TClient.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void KUA0017_NoOperationId()
    {
        var run = AssertWarning("KUA0017", DiagnosticSeverity.Info, """
            openapi: 3.0.3
            info: { title: T, version: "1" }
            paths:
              /pets/{petId}/photos:
                get: # <-
                  parameters:
                    - { name: petId, in: path, required: true, schema: { type: string } }
                  responses:
                    "204":
                      description: ok
            """);

        Assert.Contains("GetPetsByPetIdPhotosAsync(", run.Source("TClient.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void KUA0018_NoResponses()
    {
        AssertWarning("KUA0018", DiagnosticSeverity.Info, """
            openapi: 3.1.0
            info: { title: T, version: "1" }
            paths:
              /ping:
                post: # <-
                  operationId: ping
            """);
    }

    [Fact]
    public void KUA0019_MultipleTokenEndpoints()
    {
        var run = AssertWarning("KUA0019", DiagnosticSeverity.Warning, """
            openapi: 3.0.3
            info: { title: T, version: "1" }
            paths:
              /login:
                post:
                  operationId: login
                  x-kua-token-endpoint: true
                  requestBody:
                    required: true
                    content:
                      application/json:
                        schema: { $ref: "#/components/schemas/Credentials" }
                  responses:
                    "200":
                      description: ok
                      content:
                        application/json:
                          schema: { $ref: "#/components/schemas/Token" }
              /login2:
                post: # <-
                  operationId: loginAgain
                  x-kua-token-endpoint: true
                  requestBody:
                    required: true
                    content:
                      application/json:
                        schema: { $ref: "#/components/schemas/Credentials" }
                  responses:
                    "200":
                      description: ok
                      content:
                        application/json:
                          schema: { $ref: "#/components/schemas/Token" }
            components:
              schemas:
                Credentials:
                  type: object
                  required: [email, password]
                  properties:
                    email: { type: string }
                    password: { type: string, format: password }
                Token:
                  type: object
                  required: [accessToken]
                  properties:
                    accessToken: { type: string }
            """);

        Assert.Contains("new global::Kua.Generated.KuaTokenEndpoint(\"login\", \"login\"", run.Source("TClient.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void KUA0035_SecuritySchemeUnsupported()
    {
        var run = AssertWarning("KUA0035", DiagnosticSeverity.Info, """
            openapi: 3.0.3
            info: { title: T, version: "1" }
            security:
              - digest: []
            paths:
              /items:
                get:
                  operationId: listItems
                  responses:
                    "204": { description: none }
            components:
              securitySchemes:
                digest: # <-
                  type: http
                  scheme: digest
            """);

        var diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "KUA0035");
        Assert.Contains("DelegatingHandler", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);

        // No scheme is left to serve: the client takes an HttpClient whose handlers authenticate, as for a spec without security.
        Assert.DoesNotContain("KuaSecurity", run.Source("TClient.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void KUA0036_InteractiveOAuthFlow()
    {
        var run = AssertWarning("KUA0036", DiagnosticSeverity.Info, """
            openapi: 3.0.3
            info: { title: T, version: "1" }
            security:
              - browser: [read]
            paths:
              /items:
                get:
                  operationId: listItems
                  responses:
                    "204": { description: none }
            components:
              securitySchemes:
                browser: # <-
                  type: oauth2
                  flows:
                    authorizationCode:
                      authorizationUrl: https://auth.example.test/authorize
                      tokenUrl: https://auth.example.test/token
                      scopes: { read: Read. }
            """);

        // Served as a bearer token the application brings.
        Assert.Contains("KuaBearerCredential? Browser", run.Source("TClient.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void KUA0037_UnknownSecurityScheme()
    {
        var run = AssertWarning("KUA0037", DiagnosticSeverity.Warning, """
            openapi: 3.0.3
            info: { title: T, version: "1" }
            paths:
              /items:
                get:
                  operationId: listItems
                  security:
                    - missing: [] # <-
                    - key: []
                  responses:
                    "204": { description: none }
            components:
              securitySchemes:
                key: { type: apiKey, in: header, name: X-Key }
            """);

        // The alternative naming it is left out; the next one is used.
        Assert.Contains("new global::Kua.Generated.KuaSecurityRequirement[] { new global::Kua.Generated.KuaSecurityRequirement(\"key\") }", run.Source("TClient.g.cs"), StringComparison.Ordinal);
    }

    /// <summary>
    /// The closest honest trigger: two KuaOpenApi items with the same namespace and client name. The
    /// diagnostic names the later file; it has no line (the conflict is with the item's metadata).
    /// </summary>
    [Fact]
    public void KUA0020_TwoSpecsWithTheSameNamespaceAndClientName()
    {
        var kua = File.ReadAllText(TestPaths.KuaSpec);
        var run = GeneratorHarness.Run(new[] { new SpecFile("/a/kua.yaml", kua, "Kua", "KuaClient"), new SpecFile("/b/kua.yaml", kua, "Kua", "KuaClient") });

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        AssertDiagnostic(diagnostic, "KUA0020", DiagnosticSeverity.Error, "/b/kua.yaml", line: null);
        Assert.Contains("'/a/kua.yaml'", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(8, run.Sources.Length); // the first spec's files only: six types, the JSON context and the client
        Assert.Empty(run.CompileDiagnostics);
    }

    [Fact]
    public void KUA0020_TwoSpecsDeclaringTheSameTypeInOneNamespace()
    {
        var kua = File.ReadAllText(TestPaths.KuaSpec);
        var run = GeneratorHarness.Run(new[] { new SpecFile("/a/kua.yaml", kua, "Kua", "AClient"), new SpecFile("/b/kua.yaml", kua, "Kua", "BClient") });

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        AssertDiagnostic(diagnostic, "KUA0020", DiagnosticSeverity.Error, "/b/kua.yaml", line: null);
        Assert.Contains("'Kua.Account'", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(run.Sources, s => s.HintName.Contains("BClient", StringComparison.Ordinal));
        Assert.Empty(run.CompileDiagnostics);
    }

    [Fact]
    public void KUA0020_TwoSpecsWithTheSameClientNameInDifferentNamespaces()
    {
        var kua = File.ReadAllText(TestPaths.KuaSpec);
        var run = GeneratorHarness.Run(new[] { new SpecFile("/a/kua.yaml", kua, "Kua.A", "KuaClient"), new SpecFile("/b/kua.yaml", kua, "Kua.B", "KuaClient") });

        // Both would declare Microsoft.Extensions.DependencyInjection.KuaClientServiceCollectionExtensions.AddKuaClient.
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        AssertDiagnostic(diagnostic, "KUA0020", DiagnosticSeverity.Error, "/b/kua.yaml", line: null);
        Assert.Contains("KuaClientServiceCollectionExtensions", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(run.CompileDiagnostics);
    }

    [Fact]
    public void KUA0020_NotReportedForSpecsThatDoNotCollide()
    {
        var kua = File.ReadAllText(TestPaths.KuaSpec);
        var run = GeneratorHarness.Run(new[] { new SpecFile("/a/kua.yaml", kua, "Kua.A", "AClient"), new SpecFile("/b/kua.yaml", kua, "Kua.B", "BClient") });

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(16, run.Sources.Length); // both specs: six types, the JSON context and the client each
        Assert.Empty(run.CompileDiagnostics);
    }

    [Fact]
    public void KUA0030_PartLeftOut()
    {
        const string text = """
            openapi: 3.0.3
            info: { title: T, version: "1" }
            paths:
              /notes:
                post:
                  operationId: addNote
                  parameters:
                    - name: draft
                      in: query
                      schema: { type: boolean }
                    - name: note
                      in: body # <-
                      schema: { type: string }
                  responses:
                    "204":
                      description: ok
            """;
        var run = GeneratorHarness.Run(new[] { new SpecFile("/specs/KUA0030.yaml", text, ClientName: "TClient") });

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        AssertDiagnostic(diagnostic, "KUA0030", DiagnosticSeverity.Error, "/specs/KUA0030.yaml", MarkedLine(text, Marker));
        Assert.Contains("'body'", diagnostic.GetMessage(), StringComparison.Ordinal);
        var client = run.Source("TClient.g.cs");
        Assert.Contains("AddNoteAsync(bool? draft = null,", client, StringComparison.Ordinal);
        Assert.DoesNotContain("string note", client, StringComparison.Ordinal);
        Assert.True(run.CompileDiagnostics.IsEmpty, CompileTests.Describe(run));
    }

    [Fact]
    public void KUA0031_ValueIgnored()
    {
        var run = AssertWarning("KUA0031", DiagnosticSeverity.Warning, """
            openapi: 3.0.3
            info: { title: T, version: "1" }
            paths:
              /accounts:
                get:
                  operationId: 42 # <-
                  responses:
                    "204":
                      description: ok
            """);

        Assert.Contains("GetAccountsAsync(", run.Source("TClient.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void KUA0032_ValueThatChangesNothing()
    {
        var run = AssertWarning("KUA0032", DiagnosticSeverity.Info, """
            openapi: 3.0.3
            info:
              title: T
              version: 1.0 # <-
            paths:
              /accounts:
                get:
                  operationId: getAccounts
                  responses:
                    "204":
                      description: ok
            """);

        Assert.Contains("'1.0'", run.GeneratorDiagnostics.Single().GetMessage(), StringComparison.Ordinal);
    }

    /// <summary>
    /// KUA0099 is the parse step's last resort for a bug of ours; no input triggers it while the generator
    /// has no such bug. This checks the descriptor and that an internal-error record becomes a located error.
    /// </summary>
    [Fact]
    public void KUA0099_InternalErrorIsALocatedError()
    {
        var info = new DiagnosticInfo("KUA0099", new EquatableArray<string>(new[] { "NullReferenceException", "boom" }), "/specs/x.yaml", 3, 5);

        var diagnostic = DiagnosticFactory.Create(info);

        AssertDiagnostic(diagnostic, "KUA0099", DiagnosticSeverity.Error, "/specs/x.yaml", line: 3);
        Assert.Equal(4, diagnostic.Location.GetLineSpan().StartLinePosition.Character);
        Assert.Contains("NullReferenceException", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.True(diagnostic.Descriptor.IsEnabledByDefault);
    }

    [Fact]
    public void KUA0040_PartialDeclarationOfATypeInTheClientAssembly()
    {
        // KuaSeparateAssembly: the client is compiled on its own and referenced; the project's compile has no spec.
        var run = GeneratorHarness.Run(Array.Empty<SpecFile>(), References.Net80.Append(KuaClientImage("Consumer.KuaClient")), userCode: PartialAccount);

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        AssertDiagnostic(diagnostic, "KUA0040", DiagnosticSeverity.Error, "Program.cs", line: 5);
        Assert.Equal(25, diagnostic.Location.GetLineSpan().StartLinePosition.Character);
        Assert.Contains("'Kua.Account' is generated into the assembly 'Consumer.KuaClient'", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("<KuaSeparateAssembly>false</KuaSeparateAssembly>", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void KUA0040_NotReportedForATypeAnotherProjectGenerated()
    {
        // A library's client (generated into the library, or into Lib.KuaClient) is not this project's to extend or opt out of.
        var run = GeneratorHarness.Run(Array.Empty<SpecFile>(), References.Net80.Append(KuaClientImage("Lib.KuaClient")), userCode: PartialAccount);

        Assert.Empty(run.GeneratorDiagnostics);
    }

    private const string PartialAccount = """
        namespace Kua
        {
            internal static class Helpers { }

            public partial class Account
            {
            }
        }
        """;

    /// <summary>The Kua spec's client compiled on its own, as KuaSeparateAssembly compiles it.</summary>
    private static MetadataReference KuaClientImage(string assemblyName)
    {
        var client = GeneratorHarness.Run(new SpecFile("/specs/kua.yaml", File.ReadAllText(TestPaths.KuaSpec), "Kua", "KuaClient"));
        using var image = new MemoryStream();
        Assert.True(client.Output.WithAssemblyName(assemblyName).Emit(image).Success);
        return MetadataReference.CreateFromImage(image.ToArray());
    }

    [Fact]
    public void KUA0040_NotReportedWhenThePartialTypeIsGeneratedIntoTheSameCompilation()
    {
        const string userCode = """
            namespace Kua
            {
                /// <summary>Extended by the user.</summary>
                public partial class Account
                {
                    /// <summary>Added by the user.</summary>
                    public string Label => "account";
                }
            }
            """;

        var run = GeneratorHarness.Run(new SpecFile("/specs/kua.yaml", File.ReadAllText(TestPaths.KuaSpec), "Kua", "KuaClient"), userCode: userCode);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.True(run.CompileDiagnostics.IsEmpty, CompileTests.Describe(run));
    }

    private const string Minimal = """
        openapi: 3.0.3
        info: { title: T, version: "1" }
        paths:
          /a:
            get:
              operationId: getA
              responses:
                "204":
                  description: ok
        """;

    private static Diagnostic AssertError(string id, string text, string extension = ".yaml", string marker = Marker)
    {
        var path = "/specs/" + id + extension;
        var run = GeneratorHarness.Run(new[] { new SpecFile(path, text) });

        var diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id == id);
        AssertDiagnostic(diagnostic, id, DiagnosticSeverity.Error, path, MarkedLine(text, marker));
        Assert.Empty(run.Sources);
        return diagnostic;
    }

    /// <summary>Like <see cref="AssertWarning"/> for a spec in several files (the first is the spec); one of them marks the line.</summary>
    private static GeneratorRun AssertWarningInFiles(string id, params (string Path, string Text)[] files)
    {
        const string folder = "/specs/multi/";
        var run = GeneratorHarness.Run(files.Select((f, i) => i == 0 ? new SpecFile(folder + f.Path, f.Text) : SpecFile.Fragment(folder + f.Path, f.Text)));

        var marked = files.Single(f => f.Text.Contains(Marker, StringComparison.Ordinal));
        var diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id == id);
        AssertDiagnostic(diagnostic, id, DiagnosticSeverity.Warning, folder + marked.Path, MarkedLine(marked.Text, Marker));
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.NotEmpty(run.Sources);
        Assert.True(run.CompileDiagnostics.IsEmpty, CompileTests.Describe(run));
        return run;
    }

    private static GeneratorRun AssertWarning(string id, DiagnosticSeverity severity, string text)
    {
        var path = "/specs/" + id + ".yaml";
        var run = GeneratorHarness.Run(new[] { new SpecFile(path, text) { KeepUnusedSchemas = true } });

        var diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id == id);
        AssertDiagnostic(diagnostic, id, severity, path, MarkedLine(text, Marker));
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.NotEmpty(run.Sources);
        Assert.True(run.CompileDiagnostics.IsEmpty, CompileTests.Describe(run));
        return run;
    }

    /// <param name="line">1-based; null when the generator knows no line (the diagnostic is on the file).</param>
    private static void AssertDiagnostic(Diagnostic diagnostic, string id, DiagnosticSeverity severity, string path, int? line)
    {
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(severity, diagnostic.Severity);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(path, span.Path);
        Assert.Equal(line ?? 1, span.StartLinePosition.Line + 1);
        Assert.False(string.IsNullOrWhiteSpace(diagnostic.GetMessage()));
    }

    private static int MarkedLine(string text, string marker)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var marked = lines.Select((l, i) => (l, i)).Where(p => p.l.Contains(marker, StringComparison.Ordinal)).ToList();
        Assert.True(marked.Count == 1, "The spec must mark exactly one line with " + marker);
        return marked[0].i + 1;
    }

    /// <summary>An additional file whose text cannot be read (GetText returns null, as for a missing file).</summary>
    private sealed class UnreadableAdditionalText(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText? GetText(CancellationToken cancellationToken = default) => null;
    }
}
