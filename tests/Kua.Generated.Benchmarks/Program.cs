using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using Kua.Generated.Benchmarks;

// Full run (BenchmarkDotNet):  dotnet run -c Release --project tests/Kua.Generated.Benchmarks -- --filter '*'
// Headline ratios in < 2 min:  dotnet run -c Release --project tests/Kua.Generated.Benchmarks -- --quick
if (args.Contains("--quick", StringComparer.Ordinal))
{
    return QuickRun.Run(Console.Out);
}

var config = DefaultConfig.Instance.WithOptions(ConfigOptions.JoinSummary | ConfigOptions.DisableLogFile);
BenchmarkSwitcher.FromAssembly(typeof(QuickRun).Assembly).Run(args, config);
return 0;
