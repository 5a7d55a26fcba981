using Kua.Generated.SourceGenerator.Tests.Infrastructure;

namespace Kua.Generated.SourceGenerator.Tests;

/// <summary>
/// Which schemas become types: by default those the operations use (with what they contain, their base types and
/// subtypes, and the payloads of webhooks); with <c>KeepUnusedSchemas</c> every schema. And one type per distinct
/// inline enum.
/// </summary>
public sealed class TypeSelectionTests
{
    private const string Spec = """
        openapi: 3.1.0
        info: { title: T, version: "1" }
        paths:
          /pets:
            get:
              operationId: listPets
              parameters:
                - { name: fields, in: query, schema: { type: array, items: { type: string, enum: [id, name] } } }
              responses:
                "200":
                  description: ok
                  content: { application/json: { schema: { $ref: "#/components/schemas/Pet" } } }
          /owners:
            get:
              operationId: listOwners
              parameters:
                - { name: fields, in: query, schema: { type: array, items: { type: string, enum: [id, name] } } }
                - { name: order, in: query, schema: { type: string, enum: [name, id] } }
              responses:
                "204": { description: none }
        webhooks:
          adopted:
            post:
              requestBody:
                content: { application/json: { schema: { $ref: "#/components/schemas/Adoption" } } }
              responses: { "200": { description: ok } }
        components:
          schemas:
            Pet:
              type: object
              discriminator: { propertyName: kind }
              properties:
                kind: { type: string }
                owner: { $ref: "#/components/schemas/Owner" }
            Dog:
              allOf:
                - $ref: "#/components/schemas/Pet"
                - type: object
                  properties: { barks: { type: boolean } }
            Owner:
              type: object
              properties: { name: { type: string } }
            Adoption:
              type: object
              properties: { pet: { $ref: "#/components/schemas/Pet" } }
            Unused:
              type: object
              properties: { other: { $ref: "#/components/schemas/AlsoUnused" } }
            AlsoUnused:
              type: string
              enum: [a, b]
        """;

    [Fact]
    public void ByDefaultOnlyTheTypesOperationsAndWebhooksUseAreGenerated()
    {
        var run = GeneratorHarness.Run(new SpecFile("/specs/t.yaml", Spec, "T", "TClient"));

        Assert.Empty(run.CompileDiagnostics);
        Assert.Equal(new[] { "Adoption", "Dog", "ListPetsFieldsItem", "ListOwnersOrder", "Owner", "Pet" }.Order(StringComparer.Ordinal), DeclaredTypes(run));
    }

    [Fact]
    public void KeepUnusedSchemasGeneratesEverySchema()
    {
        var run = GeneratorHarness.Run(new SpecFile("/specs/t.yaml", Spec, "T", "TClient") { KeepUnusedSchemas = true });

        Assert.Empty(run.CompileDiagnostics);
        Assert.Contains("Unused", DeclaredTypes(run));
        Assert.Contains("AlsoUnused", DeclaredTypes(run));
    }

    [Fact]
    public void IdenticalInlineEnumsShareOneTypeAndDifferentOnesDoNot()
    {
        var run = GeneratorHarness.Run(new SpecFile("/specs/t.yaml", Spec, "T", "TClient"));
        var client = run.Source("TClient.g.cs");

        // Both operations' "fields" lists are [id, name]: one type, named from the first use. "order" lists [name, id].
        Assert.Contains("ListPetsAsync(global::System.Collections.Generic.IEnumerable<global::T.ListPetsFieldsItem>? fields", client, StringComparison.Ordinal);
        Assert.Contains("ListOwnersAsync(global::System.Collections.Generic.IEnumerable<global::T.ListPetsFieldsItem>? fields", client, StringComparison.Ordinal);
        Assert.Contains("global::T.ListOwnersOrder? order", client, StringComparison.Ordinal);
        Assert.DoesNotContain("ListOwnersFieldsItem", string.Concat(run.Sources.Select(s => s.Source)), StringComparison.Ordinal);
    }

    private static List<string> DeclaredTypes(GeneratorRun run) =>
        run.Sources.Where(s => !s.HintName.EndsWith("Client.g.cs", StringComparison.Ordinal) && !s.HintName.EndsWith("Json.g.cs", StringComparison.Ordinal))
            .Select(s => s.HintName["T.".Length..^".g.cs".Length])
            .Order(StringComparer.Ordinal)
            .ToList();
}
