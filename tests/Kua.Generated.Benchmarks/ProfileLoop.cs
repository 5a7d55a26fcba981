using System.Diagnostics;
using Kua.Generated.Benchmarks.Client;
using Kua.Generated.Benchmarks.Generator;

namespace Kua.Generated.Benchmarks;

/// <summary>
/// Runs one benchmark body in a loop for a while, for a profiler to attach to, e.g.
/// <c>dotnet-trace collect --format Speedscope -- dotnet Kua.Generated.Benchmarks.dll --loop kua-e2e:asana 20</c>.
/// </summary>
internal static class ProfileLoop
{
    public static int Run(string target, double seconds, TextWriter output)
    {
        var (name, spec) = target.IndexOf(':') is var colon and > 0 ? (target[..colon], target[(colon + 1)..]) : (target, SpecCase.Asana);
        Action body;
        switch (name)
        {
            case "token-warm" or "token-warm-shared" or "token-bare":
            {
                var bench = new TokenHandlerBenchmarks();
                bench.Setup();
                body = name switch
                {
                    "token-warm" => () => bench.WarmToken().GetAwaiter().GetResult(),
                    "token-warm-shared" => () => bench.WarmTokenSharedStore().GetAwaiter().GetResult(),
                    _ => () => bench.NoHandler().GetAwaiter().GetResult(),
                };
                break;
            }

            case "client-get" or "client-list":
            {
                var bench = new ClientBenchmarks();
                bench.Setup();
                body = name == "client-get" ? () => bench.GeneratedGetAccount().GetAwaiter().GetResult() : () => bench.GeneratedListTransactions().GetAwaiter().GetResult();
                break;
            }

            case "unrelated-edit" or "spec-edit":
            {
                var bench = new IncrementalGeneratorBenchmarks { Spec = spec };
                bench.Setup();
                body = name == "unrelated-edit" ? () => bench.UnrelatedEdit() : () => bench.SpecEdit();
                break;
            }

            default:
            {
                var bench = new ColdGeneratorBenchmarks { Spec = spec };
                bench.Setup();
                body = name switch
                {
                    "kua-e2e" => () => bench.KuaEndToEnd(),
                    "kua-stages" => () => bench.KuaStagesEndToEnd(),
                    "kua-load" => () => bench.KuaLoad(),
                    "kua-model" => () => bench.KuaModel(),
                    "kua-emit" => () => bench.KuaEmit(),
                    "nswag-e2e" => () => bench.NSwagEndToEnd(),
                    "nswag-generate" => () => bench.NSwagGenerateFile(),
                    _ => throw new ArgumentException("Unknown loop target '" + name + "'."),
                };
                break;
            }
        }

        var watch = Stopwatch.StartNew();
        long count = 0;
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            body();
            count++;
        }

        output.WriteLine(target + ": " + count + " runs, " + (watch.Elapsed.TotalMilliseconds * 1000 / count).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " us/run");
        return 0;
    }
}
