using Kua.Generated.SourceGenerator.Model;
using Kua.Generated.SourceGenerator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using TypeKind = Kua.Generated.SourceGenerator.Model.TypeKind;

namespace Kua.Generated.SourceGenerator.Tests;

/// <summary>
/// Specs written as several files joined by relative $refs: the generator reads the fragments it is given
/// (additional files with KuaOpenApiFragment=true) and nothing else, names what it gathers from them, and reports
/// what cannot be followed in the file and at the line where it is written.
/// </summary>
public sealed class MultiFileTests
{
    private const string Marker = "# <-";
    private const string Root = "/specs/shop/";

    /// <summary>A shop spec whose paths, operations, parameters, responses and schemas live in other files.</summary>
    private static readonly (string Path, string Text)[] Shop =
    {
        ("api.yaml", """
            openapi: 3.0.3
            info: { title: Shop, version: "1" }
            paths:
              /pets:
                $ref: "paths/pets.yaml"
              /pets/{id}:
                get:
                  $ref: "operations/get-pet.yaml"
            components:
              schemas:
                Error:
                  type: object
                  properties:
                    message: { type: string }
            """),
        ("paths/pets.yaml", """
            get:
              operationId: listPets
              parameters:
                - $ref: "../shared/parameters.yaml#/limit"
              responses:
                "200":
                  description: pets
                  content:
                    application/json:
                      schema:
                        type: array
                        items:
                          $ref: "../models/pet.yaml"
                default:
                  $ref: "../shared/responses.yaml#/Problem"
            """),
        ("operations/get-pet.yaml", """
            operationId: getPet
            parameters:
              - name: id
                in: path
                required: true
                schema: { type: string }
            responses:
              "200":
                description: one pet
                content:
                  application/json:
                    schema:
                      $ref: '..\models\pet.yaml'
            """),
        ("models/pet.yaml", """
            type: object
            required: [name]
            properties:
              name: { type: string }
              tag:
                $ref: "./tag.yaml#/Tag"
              owner:
                $ref: "#/definitions/Owner"
            definitions:
              Owner:
                type: object
                properties:
                  name: { type: string }
            """),
        ("models/tag.yaml", """
            Tag:
              type: object
              properties:
                label: { type: string }
            """),
        ("shared/parameters.yaml", """
            limit:
              name: limit
              in: query
              schema: { type: integer }
            """),
        ("shared/responses.yaml", """
            Problem:
              description: a problem
              content:
                application/json:
                  schema:
                    $ref: "../api.yaml#/components/schemas/Error"
            """),
    };

    [Fact]
    public void RelativeReferencesInEveryFormResolveAgainstTheFragments()
    {
        var run = Run(Shop);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.True(run.CompileDiagnostics.IsEmpty, CompileTests.Describe(run));
        var model = Model(run);
        Assert.Equal(new[] { "Error", "Owner", "Pet", "Tag" }, model.Types.Select(t => t.Name).Order(StringComparer.Ordinal));
        var operations = Operations(model);
        var list = operations["listPets"];
        Assert.Equal(("limit", TypeKind.Int64), (list.Parameters.Single().Name, list.Parameters.Single().Type.Kind));
        Assert.Equal(new TypeRef(TypeKind.List, Element: new TypeRef(TypeKind.Object, "Pet")), list.Result.Type);
        Assert.Equal(("default", "Error"), (list.Errors.Single().Status.Text, list.Errors.Single().Type!.Name));
        Assert.Equal("Pet", operations["getPet"].Result.Type!.Name);
        Assert.Equal("/pets/{id}", operations["getPet"].PathTemplate);
        var pet = (ObjectModel)model.Types.Single(t => t.Name == "Pet");
        Assert.Equal(new[] { "name:String", "tag:Tag", "owner:Owner" }, pet.Properties.Select(p => p.JsonName + ":" + (p.Type.Name ?? p.Type.Kind.ToString())));
    }

    [Fact]
    public void TheOutputDoesNotDependOnTheOrderOfTheFiles()
    {
        var forward = Run(Shop);
        var backward = Run(Shop.Take(1).Concat(Shop.Skip(1).Reverse()).ToArray());

        Assert.Equal(forward.Sources.ToList(), backward.Sources.ToList());
    }

    [Fact]
    public void WindowsPathsResolveToo()
    {
        var run = RunAt(@"C:\Specs\Shop\", Shop.Select(f => (f.Path.Replace('/', '\\'), f.Text)).ToArray());

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(Run(Shop).Sources.ToList(), run.Sources.ToList());
    }

    [Fact]
    public void OnlyTheGivenFilesAreRead()
    {
        // Without its fragments the spec still generates: every reference to a file is reported and dropped.
        var run = Run(Shop.Take(1).ToArray());

        Assert.Equal(new[] { "KUA0033", "KUA0033" }, run.GeneratorDiagnostics.Select(d => d.Id));
        Assert.Contains(run.GeneratorDiagnostics, d => d.GetMessage().Contains("'" + Root + "paths/pets.yaml'", StringComparison.Ordinal) && d.GetMessage().Contains("the path is ignored", StringComparison.Ordinal));
        Assert.Contains(run.GeneratorDiagnostics, d => d.GetMessage().Contains("the operation is ignored", StringComparison.Ordinal));
        Assert.True(run.CompileDiagnostics.IsEmpty, CompileTests.Describe(run));
        Assert.Equal(new[] { "Error" }, Model(run).Types.Select(t => t.Name));
    }

    [Fact]
    public void SchemasFromFragmentsAreNamedFromTheirPointerOrFileAndClashesAreToldApartByTheirFolders()
    {
        var run = Run(
            ("api.yaml", SpecTexts.RefersTo("holder.yaml") + """

                components:
                  schemas:
                    Error:
                      type: object
                      properties:
                        message: { type: string }
                """),
            ("holder.yaml", """
                type: object
                properties:
                  appsError: { $ref: "apps/models/error.yaml" }
                  billingError: { $ref: "billing/models/error.yaml" }
                  billingErrorAgain: { $ref: "./billing/models/../models/error.yaml" }
                  thing: { $ref: "common.yaml#/components/schemas/Thing" }
                  otherThing: { $ref: "other/common.yaml#/components/schemas/Thing" }
                  status: { $ref: "common.yaml#/components/schemas/Error" }
                """),
            ("apps/models/error.yaml", "type: object\nproperties:\n  app: { type: string }\n"),
            ("billing/models/error.yaml", "type: object\nproperties:\n  invoice: { type: string }\n"),
            ("common.yaml", "components:\n  schemas:\n    Thing: { type: object, properties: { a: { type: string } } }\n    Error: { type: object, properties: { b: { type: string } } }\n"),
            ("other/common.yaml", "components:\n  schemas:\n    Thing: { type: object, properties: { c: { type: string } } }\n"));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.True(run.CompileDiagnostics.IsEmpty, CompileTests.Describe(run));
        var types = Model(run).Types.OfType<ObjectModel>().ToDictionary(t => t.Name, t => string.Join(",", t.Properties.Select(p => p.JsonName)));
        Assert.Equal("message", types["Error"]);
        Assert.Equal("app", types["AppsError"]);
        Assert.Equal("invoice", types["BillingError"]);
        Assert.Equal("a", types["Thing"]);
        Assert.Equal("c", types["OtherThing"]);
        Assert.Equal("b", types["CommonError"]);
        Assert.Equal("appsError,billingError,billingErrorAgain,thing,otherThing,status", types["Holder"]);
        Assert.Equal(7, types.Count);
    }

    [Fact]
    public void DiscriminatorMappingsMayNameFiles()
    {
        var run = Run(
            ("api.yaml", """
                openapi: 3.0.3
                info: { title: Zoo, version: "1" }
                paths:
                  /pet:
                    get:
                      operationId: getPet
                      responses:
                        "200":
                          description: ok
                          content:
                            application/json:
                              schema: { $ref: "pet.yaml" }
                """),
            ("pet.yaml", """
                type: object
                required: [kind]
                properties:
                  kind: { type: string }
                discriminator:
                  propertyName: kind
                  mapping:
                    hound: "animals/dog.yaml"
                """),
            ("animals/dog.yaml", """
                allOf:
                  - $ref: "../pet.yaml"
                  - type: object
                    properties:
                      barks: { type: boolean }
                """));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.True(run.CompileDiagnostics.IsEmpty, CompileTests.Describe(run));
        var types = Model(run).Types.OfType<ObjectModel>().ToDictionary(t => t.Name);
        Assert.Equal("Pet", types["Dog"].BaseName);
        Assert.Equal(new DiscriminatorMapping("hound", "Dog"), Assert.Single(types["Pet"].Discriminator!.Mappings));
    }

    [Fact]
    public void Swagger2FragmentsAreGatheredUnderDefinitionsParametersAndResponses()
    {
        var run = Run(
            ("api.yaml", """
                swagger: "2.0"
                info: { title: Old, version: "1" }
                paths:
                  /items:
                    get:
                      operationId: listItems
                      parameters:
                        - $ref: "common.yaml#/parameters/page"
                      responses:
                        "200":
                          $ref: "common.yaml#/responses/Items"
                """),
            ("common.yaml", """
                parameters:
                  page: { name: page, in: query, type: integer }
                responses:
                  Items:
                    description: items
                    schema:
                      type: array
                      items: { $ref: "item.yaml" }
                """),
            ("item.yaml", "type: object\nproperties:\n  id: { type: string }\n"));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.True(run.CompileDiagnostics.IsEmpty, CompileTests.Describe(run));
        var list = Operations(Model(run))["listItems"];
        Assert.Equal("page", list.Parameters.Single().Name);
        Assert.Equal(new TypeRef(TypeKind.List, Element: new TypeRef(TypeKind.Object, "Item")), list.Result.Type);
    }

    [Fact]
    public void ProblemsInAFragmentAreReportedInItsOwnFileAtTheirLine()
    {
        var run = Run(
            ("api.yaml", SpecTexts.RefersTo("models/a.yaml", "Shop", openapi: "3.1.0")),
            ("models/a.yaml", """
                type: object
                properties:
                  local: { $ref: "#/nowhere" }
                  mixed:
                    type: [string, integer] # <-
                """));

        var adapted = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "KUA0009");
        AssertAt(adapted, "models/a.yaml", run);
        var dangling = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "KUA0005");
        Assert.Equal(Root + "models/a.yaml", dangling.Location.GetLineSpan().Path);
        Assert.Equal(3, dangling.Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.Contains("has nothing at '#/nowhere'", dangling.GetMessage(), StringComparison.Ordinal);
        Assert.True(run.CompileDiagnostics.IsEmpty, CompileTests.Describe(run));
    }

    [Fact]
    public void ASyntaxErrorInAFragmentIsReportedThereAndTheRestStillGenerates()
    {
        var run = Run(
            ("api.yaml", SpecTexts.RefersTo("holder.yaml")),
            ("holder.yaml", "type: object\nproperties:\n  broken: { $ref: broken.yaml }\n  fine: { $ref: fine.yaml }\n"),
            ("broken.yaml", "type: object\nproperties:\n  a: b: c # <-\n"),
            ("fine.yaml", "type: object\nproperties:\n  b: { type: string }\n"));

        AssertAt(Assert.Single(run.GeneratorDiagnostics, d => d.Id == "KUA0001"), "broken.yaml", run);
        var holder = (ObjectModel)Model(run).Types.Single(t => t.Name == "Holder");
        Assert.Equal(new[] { "broken:Any", "fine:Fine" }, holder.Properties.Select(p => p.JsonName + ":" + (p.Type.Name ?? p.Type.Kind.ToString())));
        Assert.True(run.CompileDiagnostics.IsEmpty, CompileTests.Describe(run));
    }

    [Fact]
    public void AChainOfReferencesIsFollowedToItsEnd()
    {
        var run = Run(
            ("api.yaml", SpecTexts.RefersTo("alias.yaml", "Shop")),
            ("alias.yaml", "$ref: 'models/real.yaml#/Real'\n"),
            ("models/real.yaml", "Real:\n  type: object\n  properties:\n    a: { type: string }\n"));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(new[] { "Real" }, Model(run).Types.Select(t => t.Name));
    }

    [Fact]
    public void ADescriptionInAnotherFileIsCopiedInPlace()
    {
        var run = Run(
            ("api.yaml", """
                openapi: 3.0.3
                info:
                  title: Shop
                  version: "1"
                  description: { $ref: "texts.yaml#/intro" }
                paths:
                  /a:
                    get:
                      operationId: getA
                      description: { $ref: "texts.yaml#/getA" }
                      responses:
                        "204": { description: done }
                """),
            ("texts.yaml", "intro: The shop.\ngetA: Gets an A from the shop.\n"));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal("Gets an A from the shop.", Operations(Model(run))["getA"].Description);
        Assert.Equal("The shop.", Model(run).Client!.Summary);
    }

    /// <summary>
    /// <c>allOf: [$ref, { description }]</c> is how OpenAPI 3.0 specs (DigitalOcean's throughout) document a $ref, whose
    /// siblings are ignored: the member has the referenced type, and its nullability, not a new class.
    /// </summary>
    [Fact]
    public void AReferenceDocumentedThroughAllOfKeepsTheReferencedType()
    {
        var run = Run(
            ("api.yaml", SpecTexts.RefersTo("models/a.yaml", "Shop")),
            ("models/a.yaml", """
                type: object
                properties:
                  tags:
                    allOf:
                      - $ref: "tags.yaml"
                      - description: The tags of an A.
                        example: [x]
                  window:
                    allOf:
                      - description: When.
                      - $ref: "window.yaml"
                """),
            ("models/tags.yaml", "type: array\nnullable: true\nitems: { type: string }\n"),
            ("models/window.yaml", "type: object\nnullable: true\nproperties:\n  start: { type: string, format: date-time }\n"));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.True(run.CompileDiagnostics.IsEmpty, CompileTests.Describe(run));
        var model = Model(run);
        Assert.Equal(new[] { "A", "Window" }, model.Types.Select(t => t.Name).Order(StringComparer.Ordinal));
        var members = ((ObjectModel)model.Types.Single(t => t.Name == "A")).Properties.ToDictionary(p => p.JsonName, p => p.Type);
        Assert.Equal(new TypeRef(TypeKind.List, Element: TypeRef.String, Nullable: true), members["tags"]);
        Assert.Equal(new TypeRef(TypeKind.Object, "Window", Nullable: true), members["window"]);
    }

    private static GeneratorRun Run(params (string Path, string Text)[] files) => RunAt(Root, files);

    /// <summary>The first file is the spec (namespace Shop, client ShopClient), the others its fragments.</summary>
    private static GeneratorRun RunAt(string root, (string Path, string Text)[] files) =>
        GeneratorHarness.Run(files.Select((f, i) => i == 0 ? new SpecFile(root + f.Path, f.Text, "Shop", "ShopClient") { KeepUnusedSchemas = true } : SpecFile.Fragment(root + f.Path, f.Text)));

    private static Dictionary<string, OperationModel> Operations(SpecModel model) =>
        model.Client!.Operations.Concat(model.Client.Groups.SelectMany(g => g.Operations)).ToDictionary(o => o.OperationId);

    private static SpecModel Model(GeneratorRun run) =>
        (SpecModel)run.Result.TrackedSteps[TrackingNames.Models].Single().Outputs.Single().Value;

    /// <summary>The diagnostic is in <paramref name="file"/> at the line its text marks with "# &lt;-".</summary>
    private static void AssertAt(Diagnostic diagnostic, string file, GeneratorRun run)
    {
        var text = run.Driver.GetRunResult().Results.Single().TrackedSteps[TrackingNames.Fragments]
            .SelectMany(s => s.Outputs).Select(o => (SpecFragment)o.Value).Single(f => f.Path == Root + file).Text!;
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var line = Array.FindIndex(lines, l => l.Contains(Marker, StringComparison.Ordinal)) + 1;
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(Root + file, span.Path);
        Assert.Equal(line, span.StartLinePosition.Line + 1);
    }
}
