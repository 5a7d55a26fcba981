using System.Globalization;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kua.Generated.Benchmarks.Generator;
using YamlDotNet.RepresentationModel;

namespace Kua.Generated.Benchmarks.BuildCost;

/// <summary>
/// The measuring helpers of the build-cost benchmark (issue 10, BuildCost/build-cost.sh), one command-line mode each.
/// The script does the builds and timing; these do what is awkward in bash: NSwag's code, counting, the report.
/// </summary>
internal static partial class BuildCostTools
{
    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    public static bool IsMode(string argument) => argument is "--nswag-code" or "--spec-counts" or "--spec-edit" or "--chars" or "--il-size" or "--analyzer-times" or "--report";

    public static int Run(string[] args, TextWriter output)
    {
        switch (args[0])
        {
            case "--nswag-code" when args.Length == 4:
                // One client class per tag, as NSwag's default ClassName does.
                var code = NSwagRunner.Generate(NSwagRunner.Load(File.ReadAllText(args[1])), "{controller}Client", args[3]);
                File.WriteAllText(args[2], code);
                return 0;
            case "--spec-counts" when args.Length == 2:
                var (schemas, operations) = CountSpec(args[1]);
                output.WriteLine(Invariant($"{schemas} {operations}"));
                return 0;
            case "--spec-edit" when args.Length == 4:
                File.WriteAllText(args[2], EditFirstDescription(File.ReadAllText(args[1]), args[3]));
                return 0;
            case "--chars" when args.Length >= 2:
                output.WriteLine(Invariant($"{args.Skip(1).Sum(CountSourceChars)}"));
                return 0;
            case "--il-size" when args.Length == 2:
                output.WriteLine(Invariant($"{MethodBodyBytes(args[1])}"));
                return 0;
            case "--analyzer-times" when args.Length == 2:
                output.WriteLine(AnalyzerTimes.Read(File.ReadAllText(args[1])).ToCsv());
                return 0;
            case "--report" when args.Length == 2:
                var report = BuildCostReport.Write(args[1]);
                output.WriteLine(report);
                return 0;
            default:
                Console.Error.WriteLine("usage: --nswag-code <spec> <out.cs> <namespace> | --spec-counts <spec> | --spec-edit <spec> <out> <marker> | --chars <file or folder>... | --il-size <dll> | --analyzer-times <build log> | --report <run folder>");
                return 2;
        }
    }

    /// <summary>Schemas (components/schemas, or Swagger 2.0 definitions) and operations (path × HTTP method) the document declares.</summary>
    public static (int Schemas, int Operations) CountSpec(string path)
    {
        var text = File.ReadAllText(path);
        if (text.AsSpan().TrimStart().StartsWith("{"))
        {
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            var schemaMap = root.TryGetProperty("components", out var components) && components.TryGetProperty("schemas", out var s) ? s
                : root.TryGetProperty("definitions", out var d) ? d : default;
            var schemaCount = schemaMap.ValueKind == JsonValueKind.Object ? schemaMap.EnumerateObject().Count() : 0;
            var operationCount = root.TryGetProperty("paths", out var paths)
                ? paths.EnumerateObject().Sum(p => p.Value.ValueKind == JsonValueKind.Object ? p.Value.EnumerateObject().Count(m => HttpMethods.Contains(m.Name)) : 0)
                : 0;
            return (schemaCount, operationCount);
        }

        var yaml = new YamlStream();
        yaml.Load(new StringReader(text));
        var document = (YamlMappingNode)yaml.Documents[0].RootNode;
        var schemaNode = Child(Child(document, "components"), "schemas") ?? Child(document, "definitions");
        var operations = Child(document, "paths") is YamlMappingNode pathMap
            ? pathMap.Children.Values.OfType<YamlMappingNode>().Sum(item => item.Children.Keys.Count(k => HttpMethods.Contains(((YamlScalarNode)k).Value)))
            : 0;
        return ((schemaNode as YamlMappingNode)?.Children.Count ?? 0, operations);
    }

    private static YamlNode? Child(YamlNode? node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    /// <summary>
    /// A one-line edit a user might make: the marker put at the start of the first single-line description
    /// (YAML <c>description: text</c> or JSON <c>"description": "text"</c>). Block scalars are skipped.
    /// </summary>
    public static string EditFirstDescription(string text, string marker)
    {
        var match = DescriptionLine().Match(text);
        if (!match.Success)
        {
            throw new InvalidOperationException("The spec has no single-line description to edit.");
        }

        var insertAt = match.Groups["value"].Index + (match.Groups["value"].Value is ['"' or '\'', ..] ? 1 : 0);
        return text.Insert(insertAt, marker + " ");
    }

    // A description whose value starts on the same line with a letter or a quote (not a block scalar |, >, nor a $ref'd map).
    [GeneratedRegex("""^[ \t]*"?description"?[ \t]*:[ \t]*(?<value>["'A-Za-z].*)$""", RegexOptions.Multiline)]
    private static partial Regex DescriptionLine();

    /// <summary>UTF-16 characters of a C# file, or of every .cs file below a folder.</summary>
    public static long CountSourceChars(string path) =>
        Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*.cs", SearchOption.AllDirectories).Sum(f => (long)File.ReadAllText(f).Length)
            : File.ReadAllText(path).Length;

    /// <summary>The summed IL size of every method body in the assembly (what the JIT and the compiler's emit deal with).</summary>
    public static long MethodBodyBytes(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        long total = 0;
        foreach (var handle in metadata.MethodDefinitions)
        {
            var rva = metadata.GetMethodDefinition(handle).RelativeVirtualAddress;
            if (rva != 0)
            {
                total += pe.GetMethodBody(rva).Size;
            }
        }

        return total;
    }

    internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
