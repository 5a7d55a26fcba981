// Shared: compiled into the generator tests and written, as it is, into the package test's DigitalOcean consumer.
// Only the BCL and System.Text.Json: a consumer project has nothing else.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kua.Generated.ExampleRoundTrip;

/// <summary>An example to read into a generated type (<c>Ns.Type</c>, <c>list:…</c>, <c>map:…</c>) and write back.</summary>
public sealed record ExampleInput(string Id, string Type, string Json);

/// <summary>What came back: the JSON written from the value read, or why it could not be read or written.</summary>
public sealed record ExampleOutput(string Id, string? Json, string? Error);

/// <summary>
/// Reads examples into the types an assembly's generated code declares and writes them back, through the generated
/// converters (each generated type names its converter in a [JsonConverter] attribute).
/// </summary>
public static class ExampleRoundTripper
{
    /// <summary>The consumer's entry: <c>examples.json</c> (ExampleInput[]) in, <c>roundtrip.json</c> (ExampleOutput[]) out.</summary>
    public static void RunFiles(Assembly assembly, string inputPath, string outputPath)
    {
        var inputs = JsonSerializer.Deserialize<List<ExampleInput>>(File.ReadAllText(inputPath)) ?? new List<ExampleInput>();
        File.WriteAllText(outputPath, JsonSerializer.Serialize(RoundTrip(assembly, inputs)));
    }

    /// <summary>Reads each example and writes it back; <paramref name="around"/> (when given) opens a scope around each read, on the reading thread.</summary>
    public static List<ExampleOutput> RoundTrip(Assembly assembly, IEnumerable<ExampleInput> inputs, Func<ExampleInput, IDisposable>? around = null)
    {
        var options = Options(assembly);
        var outputs = new List<ExampleOutput>();
        foreach (var input in inputs)
        {
            try
            {
                var type = ResolveType(assembly, input.Type);
                object? value;
                using (around?.Invoke(input))
                {
                    value = JsonSerializer.Deserialize(input.Json, type, options);
                }

                outputs.Add(new ExampleOutput(input.Id, JsonSerializer.Serialize(value, type, options), null));
            }
            catch (Exception ex) when (ex is JsonException || ex is InvalidOperationException || ex is FormatException || ex is ArgumentException || ex is NotSupportedException)
            {
                outputs.Add(new ExampleOutput(input.Id, null, ex.GetType().Name + ": " + ex.Message));
            }
        }

        return outputs;
    }

    /// <summary><c>list:list:Ns.Type</c> → <c>List&lt;List&lt;Ns.Type&gt;&gt;</c>; <c>map:</c> is a <c>Dictionary&lt;string, …&gt;</c>.</summary>
    public static Type ResolveType(Assembly assembly, string name)
    {
        if (name.StartsWith("list:", StringComparison.Ordinal))
        {
            return typeof(List<>).MakeGenericType(ResolveType(assembly, name.Substring(5)));
        }

        if (name.StartsWith("map:", StringComparison.Ordinal))
        {
            return typeof(Dictionary<,>).MakeGenericType(typeof(string), ResolveType(assembly, name.Substring(4)));
        }

        return assembly.GetType(name, throwOnError: true)!;
    }

    /// <summary>Every generated converter, handed to the serializer (so nothing depends on how converters are constructed).</summary>
    private static JsonSerializerOptions Options(Assembly assembly)
    {
        var options = new JsonSerializerOptions { MaxDepth = 256 };
        foreach (var type in assembly.GetTypes())
        {
            var converterType = type.GetCustomAttribute<JsonConverterAttribute>()?.ConverterType;
            if (converterType is null || converterType.ContainsGenericParameters)
            {
                continue;
            }

            var instance = converterType.GetProperty("Instance", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null)
                ?? Activator.CreateInstance(converterType, nonPublic: true);
            options.Converters.Add((JsonConverter)instance!);
        }

        return options;
    }
}
