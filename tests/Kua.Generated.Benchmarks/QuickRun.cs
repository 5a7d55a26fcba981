using System.Diagnostics;
using System.Globalization;
using Kua.Generated.Benchmarks.Client;
using Kua.Generated.Benchmarks.Generator;

namespace Kua.Generated.Benchmarks;

/// <summary>
/// The headline ratios in under two minutes, as <c>name: value</c> lines. Times are the process's CPU time
/// (<see cref="Environment.CpuUsage"/>, getrusage: GC and JIT threads included, time spent waiting for a core
/// excluded, so a busy machine does not skew them), medians of alternating runs (each pair side by side,
/// A B A B ...); allocations from the GC's counter. The full BenchmarkDotNet run gives the tables.
/// </summary>
internal static class QuickRun
{
    /// <param name="output">Where the lines go.</param>
    /// <param name="sections">"generator", "client" or both (the default); "multifile" for the DigitalOcean spec.</param>
    public static int Run(TextWriter output, IReadOnlyCollection<string> sections)
    {
        var all = sections.Count == 0;
        var total = Stopwatch.StartNew();
        var print = (string name, double value, string format) =>
            output.WriteLine(name + ": " + value.ToString(format, CultureInfo.InvariantCulture));

        // Client hot path and token handler first, while the heap is small.
        if (all || sections.Contains("client"))
        {
            RunClient(print);
        }

        if (all || sections.Contains("generator"))
        {
            RunGenerator(print);
        }

        // Not in the default run: it needs ../shared/openapi-multifile and takes a few minutes.
        if (sections.Contains("multifile"))
        {
            RunMultiFile(print);
        }

        print("quick.loadAverage", LoadAverage(), "0.0");
        print("quick.totalSeconds", total.Elapsed.TotalSeconds, "0");
        return 0;
    }

    /// <summary>The machine's one-minute load average (Linux), to judge how busy it was.</summary>
    private static double LoadAverage()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    private static void RunGenerator(Action<string, double, string> print)
    {
        // Generator, cold, end to end and by stage.
        foreach (var spec in new[] { SpecCase.Kua, SpecCase.Slack, SpecCase.Asana })
        {
            var bench = new ColdGeneratorBenchmarks { Spec = spec };
            bench.Setup();
            var runs = spec == SpecCase.Asana ? 5 : spec == SpecCase.Slack ? 7 : 30;
            var (kua, nswag) = Pair(() => bench.KuaEndToEnd(), () => bench.NSwagEndToEnd(), runs);
            print("generator." + spec + ".endToEnd.kuaMs", kua.Ms, "0.0");
            print("generator." + spec + ".endToEnd.nswagMs", nswag.Ms, "0.0");
            print("generator." + spec + ".endToEnd.speedupVsNSwag", nswag.Ms / kua.Ms, "0.00");
            print("generator." + spec + ".endToEnd.wallSpeedupVsNSwag", nswag.WallMs / kua.WallMs, "0.00");
            print("generator." + spec + ".endToEnd.allocRatioVsNSwag", kua.Bytes / nswag.Bytes, "0.00");
            print("generator." + spec + ".generatedFiles.kua", bench.KuaFileCount(), "0");
            print("generator." + spec + ".generatedChars.kua", bench.KuaEmit(), "0");
            print("generator." + spec + ".generatedChars.nswag", bench.NSwagGenerateFile(), "0");
            var (emit, generateFile) = Pair(() => bench.KuaEmit(), () => bench.NSwagGenerateFile(), runs);
            print("generator." + spec + ".emit.speedupVsNSwagGenerateFile", generateFile.Ms / emit.Ms, "0.0");
            print("generator." + spec + ".stages.nswagGenerateFileMs", generateFile.Ms, "0.0");
            var (readNormalize, nswagLoad) = Pair(() => bench.KuaReadNormalize(), () => bench.NSwagLoad(), runs);
            print("generator." + spec + ".stages.readNormalizeMs", readNormalize.Ms, "0.0");
            print("generator." + spec + ".stages.nswagLoadMs", nswagLoad.Ms, "0.0");
            var (load, model) = Pair(() => bench.KuaLoad(), () => bench.KuaModel(), runs);
            print("generator." + spec + ".loadShareOfKuaEndToEnd", load.Ms / kua.Ms, "0.00");
            print("generator." + spec + ".stages.loadMs", load.Ms, "0.0");
            print("generator." + spec + ".stages.modelMs", model.Ms, "0.0");
            print("generator." + spec + ".stages.emitMs", emit.Ms, "0.0");
        }

        // Generator, incremental, largest spec.
        {
            var bench = new IncrementalGeneratorBenchmarks();
            bench.Setup();
            var (cold, unrelated) = Pair(() => bench.Cold(), () => bench.UnrelatedEdit(), 3, batchB: 20);
            var (specEdit, _) = Pair(() => bench.SpecEdit(), () => bench.UnrelatedEdit(), 3, batchB: 20);
            print("generator.asana.unrelatedEdit.us", unrelated.Ms * 1000, "0");
            print("generator.asana.unrelatedEdit.percentOfCold", unrelated.Ms / cold.Ms * 100, "0.000");
            print("generator.asana.specEdit.percentOfCold", specEdit.Ms / cold.Ms * 100, "0.0");
        }
    }

    /// <summary>The DigitalOcean spec (2,906 fragments): cold generation, re-runs after a C# edit and a fragment edit, and stages.</summary>
    private static void RunMultiFile(Action<string, double, string> print)
    {
        var bench = new MultiFileGeneratorBenchmarks();
        bench.Setup();
        print("generator.digitalocean.reachedFragments", bench.ReachedFragments(), "0");
        print("generator.digitalocean.generatedFiles", bench.GeneratedFiles(), "0");
        var (cold, unrelated) = Pair(() => bench.Cold(), () => bench.UnrelatedEdit(), 7, batchB: 20);
        print("generator.digitalocean.cold.ms", cold.Ms, "0");
        print("generator.digitalocean.cold.wallMs", cold.WallMs, "0");
        print("generator.digitalocean.cold.allocMB", cold.Bytes / 1e6, "0");
        print("generator.digitalocean.unrelatedEdit.us", unrelated.Ms * 1000, "0");
        var (fragment, _) = Pair(() => bench.FragmentEdit(), () => bench.UnrelatedEdit(), 7, batchB: 20);
        print("generator.digitalocean.fragmentEdit.ms", fragment.Ms, "0");
        print("generator.digitalocean.fragmentEdit.percentOfCold", fragment.Ms / cold.Ms * 100, "0");
        var (scan, parse) = Pair(() => bench.ScanAll(), () => bench.Parse(), 7);
        print("generator.digitalocean.stages.scanMs", scan.Ms, "0");
        print("generator.digitalocean.stages.parseStepMs", parse.Ms, "0");
        var model = bench.Parse();
        var (emit, _) = Pair(() => bench.Emit(model), () => { }, 7);
        print("generator.digitalocean.stages.emitMs", emit.Ms, "0");
    }

    private static void RunClient(Action<string, double, string> print)
    {
        // Client hot path.
        {
            var bench = new ClientBenchmarks();
            bench.Setup();
            Client("getAccount", () => bench.GeneratedGetAccount(), () => bench.HandWrittenGetAccount(), () => bench.NSwagGetAccount(), 2000, print);
            Client("list1000", () => bench.GeneratedListTransactions(), () => bench.HandWrittenListTransactions(), () => bench.NSwagListTransactions(), 20, print);
            bench.Cleanup();
        }

        // Token handler.
        {
            var bench = new TokenHandlerBenchmarks();
            bench.Setup();
            var (bare, warm) = Pair(() => bench.NoHandler().GetAwaiter().GetResult(), () => bench.WarmToken().GetAwaiter().GetResult(), 15, batchA: 2000, batchB: 2000);
            print("tokenHandler.noHandler.ns", bare.Ms * 1e6, "0");
            print("tokenHandler.warm.ns", warm.Ms * 1e6, "0");
            print("tokenHandler.warm.overheadNs", (warm.Ms - bare.Ms) * 1e6, "0");
            print("tokenHandler.warm.extraAllocBytes", warm.Bytes - bare.Bytes, "0");
            var (bareAgain, warmShared) = Pair(() => bench.NoHandler().GetAwaiter().GetResult(), () => bench.WarmTokenSharedStore().GetAwaiter().GetResult(), 15, batchA: 2000, batchB: 2000);
            print("tokenHandler.warmShared.ns", warmShared.Ms * 1e6, "0");
            print("tokenHandler.warmShared.overheadNs", (warmShared.Ms - bareAgain.Ms) * 1e6, "0");
            print("tokenHandler.warmShared.extraAllocBytes", warmShared.Bytes - bareAgain.Bytes, "0");
            print("tokenHandler.logins", bench.Logins, "0");
            bench.Cleanup();
        }
    }

    private static void Client(string name, Func<Task> generated, Func<Task> handWritten, Func<Task> nswag, int batch, Action<string, double, string> print)
    {
        var (kua, hand) = Pair(() => generated().GetAwaiter().GetResult(), () => handWritten().GetAwaiter().GetResult(), 15, batch, batch);
        var (kua2, ns) = Pair(() => generated().GetAwaiter().GetResult(), () => nswag().GetAwaiter().GetResult(), 15, batch, batch);
        print("client." + name + ".kuaUs", kua.Ms * 1000, "0.00");
        print("client." + name + ".handWrittenUs", hand.Ms * 1000, "0.00");
        print("client." + name + ".kuaBytes", kua.Bytes, "0");
        print("client." + name + ".handWrittenBytes", hand.Bytes, "0");
        print("client." + name + ".nswagBytes", ns.Bytes, "0");
        print("client." + name + ".timeRatioVsHandWritten", kua.Ms / hand.Ms, "0.00");
        print("client." + name + ".allocRatioVsHandWritten", kua.Bytes / hand.Bytes, "0.00");
        print("client." + name + ".nswagTimeOverKua", ns.Ms / kua2.Ms, "0.00");
        print("client." + name + ".nswagAllocOverKua", ns.Bytes / kua2.Bytes, "0.00");
    }

    /// <summary>One measurement: <see cref="Ms"/> is process CPU time (what the run cost, whatever else the machine runs), then wall time and bytes.</summary>
    private readonly record struct Sample(double Ms, double WallMs, double Bytes);

    /// <summary>Medians of <paramref name="runs"/> alternating runs of a and b (after one warm-up each); batches divide out.</summary>
    private static (Sample A, Sample B) Pair(Action a, Action b, int runs, int batchA = 1, int batchB = 1)
    {
        Once(a, batchA);
        Once(b, batchB);
        var sa = new List<Sample>(runs);
        var sb = new List<Sample>(runs);
        for (var i = 0; i < runs; i++)
        {
            sa.Add(Once(a, batchA));
            sb.Add(Once(b, batchB));
        }

        return (Median(sa), Median(sb));
    }

    private static Sample Once(Action action, int batch)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Environment.CpuUsage.TotalTime;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < batch; i++)
        {
            action();
        }

        watch.Stop();
        var cpuMs = (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds;
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - before;
        return new Sample(cpuMs / batch, watch.Elapsed.TotalMilliseconds / batch, (double)bytes / batch);
    }

    private static Sample Median(List<Sample> samples)
    {
        var ms = samples.Select(s => s.Ms).Order().ToList();
        var wall = samples.Select(s => s.WallMs).Order().ToList();
        var bytes = samples.Select(s => s.Bytes).Order().ToList();
        return new Sample(ms[ms.Count / 2], wall[wall.Count / 2], bytes[bytes.Count / 2]);
    }

}
