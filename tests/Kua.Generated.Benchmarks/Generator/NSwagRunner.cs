using NJsonSchema.CodeGeneration.CSharp;
using NSwag;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;

namespace Kua.Generated.Benchmarks.Generator;

/// <summary>
/// What NSwag users run today, in process: load the document with NSwag.Core (YAML through NSwag.Core.Yaml), then
/// generate a System.Text.Json client and DTOs with NSwag.CodeGeneration.CSharp's <see cref="CSharpClientGenerator"/>.
/// The settings mirror what our generator emits (client classes, DTOs, exceptions, nullable reference types).
/// </summary>
internal static class NSwagRunner
{
    public static OpenApiDocument Load(string text)
    {
        var yaml = text.AsSpan().TrimStart() is var trimmed && trimmed.Length > 0 && trimmed[0] != '{';
        var task = yaml ? OpenApiYamlDocument.FromYamlAsync(text) : OpenApiDocument.FromJsonAsync(text);
        return task.GetAwaiter().GetResult();
    }

    /// <param name="clientName">The client class name; "{controller}" in it stands for each tag, one class per tag.</param>
    public static string Generate(OpenApiDocument document, string clientName, string codeNamespace = "Bench.Api") =>
        new CSharpClientGenerator(document, Settings(clientName, codeNamespace)).GenerateFile();

    public static long EndToEnd(string text, string clientName) => Generate(Load(text), clientName).Length;

    private static CSharpClientGeneratorSettings Settings(string clientName, string codeNamespace)
    {
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = clientName,
            GenerateClientClasses = true,
            GenerateClientInterfaces = false,
            GenerateDtoTypes = true,
            GenerateExceptionClasses = true,
            InjectHttpClient = true,
            DisposeHttpClient = false,
            UseBaseUrl = false,
            GenerateBaseUrlProperty = false,
            GenerateSyncMethods = false,
            WrapDtoExceptions = true,
            OperationNameGenerator = new MultipleClientsFromFirstTagAndOperationIdGenerator(),
        };
        settings.CSharpGeneratorSettings.Namespace = codeNamespace;
        settings.CSharpGeneratorSettings.JsonLibrary = CSharpJsonLibrary.SystemTextJson;
        settings.CSharpGeneratorSettings.GenerateNullableReferenceTypes = true;
        settings.CSharpGeneratorSettings.GenerateOptionalPropertiesAsNullable = true;
        settings.CSharpGeneratorSettings.ClassStyle = CSharpClassStyle.Poco;
        settings.CSharpGeneratorSettings.GenerateDataAnnotations = false;
        settings.CSharpGeneratorSettings.DateTimeType = "System.DateTimeOffset";
        return settings;
    }
}
