using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using Kua.Generated.Benchmarks;

// Full run (BenchmarkDotNet):  dotnet run -c Release --project tests/Kua.Generated.Benchmarks -- --filter '*'
// For a profiler:             dotnet run -c Release --project tests/Kua.Generated.Benchmarks -- --loop kua-e2e:asana 20
// Headline ratios in < 2 min:  dotnet run -c Release --project tests/Kua.Generated.Benchmarks -- --quick [client|generator]
// Build cost (issue 10):       bash tests/Kua.Generated.Benchmarks/BuildCost/build-cost.sh (its helpers: --nswag-code, --il-size, ...)
if (args.Length > 0 && Kua.Generated.Benchmarks.BuildCost.BuildCostTools.IsMode(args[0]))
{
    return Kua.Generated.Benchmarks.BuildCost.BuildCostTools.Run(args, Console.Out);
}

if (args.Contains("--quick", StringComparer.Ordinal))
{
    return QuickRun.Run(Console.Out, args.Where(a => a != "--quick").ToArray());
}

if (args.Length >= 2 && args[0] == "--loop")
{
    return ProfileLoop.Run(args[1], args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10, Console.Out);
}

var config = DefaultConfig.Instance.WithOptions(ConfigOptions.JoinSummary | ConfigOptions.DisableLogFile);
BenchmarkSwitcher.FromAssembly(typeof(QuickRun).Assembly).Run(args, config);
return 0;
