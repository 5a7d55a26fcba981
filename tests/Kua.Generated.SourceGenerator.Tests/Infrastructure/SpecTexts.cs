namespace Kua.Generated.SourceGenerator.Tests.Infrastructure;

/// <summary>Small spec texts the multi-file tests share.</summary>
internal static class SpecTexts
{
    /// <summary>An OpenAPI document whose GET /a (operation getA) replies with the schema <paramref name="reference"/> names.</summary>
    public static string RefersTo(string reference, string title = "T", string openapi = "3.0.3") => $$"""
        openapi: {{openapi}}
        info: { title: {{title}}, version: "1" }
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
                        $ref: "{{reference}}"
        """;
}
