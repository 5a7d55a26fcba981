using Kua.Generated.Benchmarks.Infrastructure;

namespace Kua.Generated.Benchmarks.Generator;

/// <summary>
/// The specs the generator benchmarks run on: the Kua spec (small), a ~1 MB corpus spec and the largest corpus spec.
/// "slack" (slack-web-openapi-v2.json, 1.04 MB) is the ~1 MB one: the closest to 1 MB, and JSON + Swagger 2.0, so
/// the three cover both formats and both major versions; NSwag.Core loads it as it is (adyen-CheckoutService is
/// OpenAPI 3.1, which NSwag cannot read without our normalizer, so NSwag's side would not be the same work).
/// </summary>
internal static class SpecCase
{
    public const string Kua = "kua";
    public const string Slack = "slack";
    public const string Asana = "asana";

    public static IEnumerable<string> All => [Kua, Slack, Asana];

    public static string PathOf(string name) => name switch
    {
        Kua => BenchPaths.KuaSpec,
        Slack => Path.Combine(BenchPaths.Corpus, "slack-web-openapi-v2.json"),
        Asana => Path.Combine(BenchPaths.Corpus, "refitter-asana.yaml"),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown spec."),
    };

    public static string Read(string name)
    {
        var path = PathOf(name);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("The benchmark spec '" + name + "' is missing; the corpus is expected at " + BenchPaths.Corpus + ".", path);
        }

        return File.ReadAllText(path);
    }

    /// <summary>Client names as a user would choose them (both generators get the same).</summary>
    public static string ClientName(string name) => char.ToUpperInvariant(name[0]) + name.Substring(1) + "Client";
}
