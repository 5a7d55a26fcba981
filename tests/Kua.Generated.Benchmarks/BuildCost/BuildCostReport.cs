using System.Globalization;
using System.Text;

namespace Kua.Generated.Benchmarks.BuildCost;

/// <summary>
/// Turns a run folder's raw data (builds.csv, projects.csv, run.txt; written by build-cost.sh) into results.md:
/// medians per spec, tool and scenario, the ratios the issue's targets are judged by, sizes, memory and where the
/// compile time went. A tool whose project did not build is shown as failed, never with a time.
/// </summary>
internal static class BuildCostReport
{
    private static readonly string[] Scenarios = ["cold", "noop", "cs-edit-first", "cs-edit-second", "cs-edit", "cs-edit-warm", "spec-edit"];

    private static readonly Dictionary<string, string> ScenarioNames = new()
    {
        ["cold"] = "cold build (server shut down, bin/obj removed)",
        ["noop"] = "no-op build",
        ["cs-edit-first"] = "first rebuild after a Program.cs edit (the server's second compile: a warm-up)",
        ["cs-edit-second"] = "second rebuild after a Program.cs edit (the server's third compile: a warm-up)",
        ["cs-edit"] = "rebuild after a one-line Program.cs edit (the server's fourth compile, for every tool)",
        ["cs-edit-warm"] = "rebuild after a one-line Program.cs edit, later (the server's fifth compile on, all runs' builds pooled)",
        ["spec-edit"] = "rebuild after a one-line spec edit (ours' last compile)",
    };

    private static readonly string[] Baselines = ["nswag", "nswag-fixups", "kiota", "kiota-regenerated"];

    /// <summary>Baselines measured with a change to what the tool wrote, and where the script says what it changed.</summary>
    private static readonly (string Tool, string Title)[] ChangedBaselines =
    [
        ("nswag-fixups", "NSwag + fix-ups: what was changed in NSwag's output (BuildCost/nswag-fixups.sh)"),
        ("kiota-regenerated", "Kiota, regenerated: Kiota's output was not the same from one generation to the next"),
    ];

    /// <summary>Writes results.md into the run folder and returns its path.</summary>
    public static string Write(string runFolder)
    {
        var builds = ReadCsv(Path.Combine(runFolder, "builds.csv"));
        var projects = ReadCsv(Path.Combine(runFolder, "projects.csv"));
        var runInfo = File.ReadAllText(Path.Combine(runFolder, "run.txt")).TrimEnd();
        var specs = projects.Select(p => p["spec"]).Distinct().ToList();
        var tools = projects.Select(p => p["tool"]).Distinct().OrderBy(ToolOrder).ThenBy(t => t, StringComparer.Ordinal).ToList();
        var ours = tools.Where(IsOurs).ToList();
        var baselines = tools.Where(t => !IsOurs(t)).ToList();
        var project = projects.ToDictionary(p => (p["spec"], p["tool"]));
        var runs = builds.Select(b => b["run"]).Distinct().Count();

        var (medians, spreads) = Summarize(builds, b => Number(b["seconds"]));
        var scenarios = Scenarios.Where(name => builds.Any(b => b["scenario"] == name)).ToList();

        var text = new StringBuilder();
        text.AppendLine("# Build cost (issue 10)").AppendLine().AppendLine(runInfo).AppendLine();
        var loads = builds.Select(b => Number(b["load1"])).ToList();
        text.AppendLine(Invariant($"{builds.Count} timed builds; one-minute load average at their start: median {Median(loads):0.0}, {loads.Min():0.0} to {loads.Max():0.0} (2 cores)."));
        text.AppendLine();

        var ratioColumns = ours.SelectMany(o => baselines.Select(b => (Ours: o, Baseline: b)).Concat(ours.Where(other => other != o && ours.IndexOf(other) < ours.IndexOf(o)).Select(other => (Ours: o, Baseline: other)))).ToList();
        AppendTimeTable(text, Invariant($"## Wall time of `dotnet build` (s): median of {runs} interleaved runs (min–max)"), project, specs, scenarios, tools, ratioColumns, medians, spreads);
        if (builds[0].ContainsKey("server_cpu_seconds"))
        {
            // Older run folders have no CPU columns.
            var (cpuMedians, cpuSpreads) = Summarize(builds, b => Number(b["build_cpu_seconds"]) + Number(b["server_cpu_seconds"]));
            AppendTimeTable(text, "## CPU time of the same builds (s): the `dotnet build` process and the compiler server's CPU during the build, median (min–max)", project, specs, scenarios, tools, ratioColumns, cpuMedians, cpuSpreads);
        }

        text.AppendLine("## Against the targets (ratios of medians; ✅ met, ❌ not met, — no baseline)").AppendLine();
        // The later C# edits are a column only when the run timed them; the spec edit follows them then, so it is
        // compared with them.
        var later = scenarios.Contains("cs-edit-warm");
        var specEditBase = later ? "cs-edit-warm" : "cs-edit";
        var nswags = baselines.Where(b => b.StartsWith("nswag", StringComparison.Ordinal)).ToList();
        foreach (var mine in ours)
        {
            var header = new List<string> { Display(mine) + ": spec", "C# edit (fourth compile) vs each baseline (≤ 1.0)" };
            if (later)
            {
                header.Add("C# edit, later compiles, vs each baseline (≤ 1.0)");
            }

            header.AddRange(["cold vs each baseline (≤ 1.5)", "spec edit / C# edit (≤ 1.2)", "generated chars vs NSwag (≤ 1.0)", "server peak memory vs NSwag (≤ 1.0)"]);
            text.AppendLine("| " + string.Join(" | ", header) + " |");
            text.AppendLine("|---|---|" + (later ? "---|" : "") + "---|---:|---|---|");
            foreach (var spec in specs)
            {
                string AgainstEach(IEnumerable<string> others, Func<string, string> ratio) => string.Join("; ", others.Select(b => Display(b) + " " + ratio(b)));

                var cells = new List<string> { SpecLabel(project, spec, tools), AgainstEach(baselines, b => Target(medians, spec, mine, b, "cs-edit", 1.0)) };
                if (later)
                {
                    cells.Add(AgainstEach(baselines, b => Target(medians, spec, mine, b, "cs-edit-warm", 1.0)));
                }

                cells.Add(AgainstEach(baselines, b => Target(medians, spec, mine, b, "cold", 1.5)));
                cells.Add(medians.TryGetValue((spec, mine, "spec-edit"), out var se) && medians.TryGetValue((spec, mine, specEditBase), out var ce) ? Mark(se / ce, 1.2) : "—");
                cells.Add(AgainstEach(nswags, b => SizeTarget(project, spec, mine, b, "generated_chars")));
                cells.Add(AgainstEach(nswags, b => MemoryTarget(builds, project, spec, mine, b)));
                text.AppendLine("| " + string.Join(" | ", cells) + " |");
            }

            text.AppendLine();
        }

        text.AppendLine("## Size and memory").AppendLine();
        text.AppendLine("Generated characters: ours from `EmitCompilerGeneratedFiles` (our generator's files only), the others' checked-in C#. IL bytes: the method bodies of the output assembly minus an empty console app's. Server peak: VmHWM of the compiler server after one tool's build sequence (it starts fresh with that sequence), median of runs.").AppendLine();
        text.AppendLine("| spec | tool | generated chars | per schema | per operation | IL bytes | per schema | per operation | server peak (MiB) |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var spec in specs)
        {
            foreach (var tool in tools.Where(t => project.ContainsKey((spec, t))))
            {
                var p = project[(spec, tool)];
                if (p["status"] != "ok")
                {
                    text.AppendLine("| " + spec + " | " + Display(tool) + " | " + p["status"] + " | | | | | | |");
                    continue;
                }

                double schemas = Number(p["schemas"]), operations = Number(p["operations"]), chars = Number(p["generated_chars"]);
                var il = Number(p["il_bytes"]) - Number(p["empty_il_bytes"]);
                var peak = PeakMemoryKib(builds, spec, tool);
                text.AppendLine(Invariant($"| {spec} | {Display(tool)} | {chars:N0} | {Per(chars, schemas)} | {Per(chars, operations)} | {il:N0} | {Per(il, schemas)} | {Per(il, operations)} | {(peak is { } kib ? (kib / 1024).ToString("N0", CultureInfo.InvariantCulture) : "—")} |"));
            }
        }

        text.AppendLine().AppendLine("## Where the compile time goes (one untimed C#-edit build with `-p:ReportAnalyzer=true`, server warm)").AppendLine();
        text.AppendLine("Generator and analyzer times are the compiler's own report (summed over threads); Csc is MSBuild's task time. With KuaSeparateAssembly the project's compile runs the Kua generator without a spec (it only looks for partial declarations of the client's types, KUA0040); the client's own compile, which a C# edit skips, runs it in full.").AppendLine();
        text.AppendLine("| spec | tool | Csc (s) | all generators (s) | Kua generator (s) | Kua generator share of Csc | all analyzers (s) |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var spec in specs)
        {
            foreach (var tool in tools.Where(t => project.TryGetValue((spec, t), out var p) && p["status"] == "ok"))
            {
                var p = project[(spec, tool)];
                double csc = Number(p["csc_seconds"]), kua = Number(p["kua_generator_seconds"]);
                var share = IsOurs(tool) && csc > 0 && kua >= 0 ? (kua / csc).ToString("P0", CultureInfo.InvariantCulture) : "—";
                text.AppendLine(Invariant($"| {spec} | {Display(tool)} | {csc:0.00} | {Number(p["generators_seconds"]):0.00} | {(IsOurs(tool) && kua >= 0 ? kua.ToString("0.00", CultureInfo.InvariantCulture) : "—")} | {share} | {Number(p["analyzers_seconds"]):0.00} |"));
            }
        }

        var failed = projects.Where(p => p["status"] != "ok").ToList();
        if (failed.Count > 0)
        {
            text.AppendLine().AppendLine("## Failed (no time is reported for these)").AppendLine();
            foreach (var p in failed)
            {
                var detail = Path.Combine(runFolder, "failures", p["spec"] + "." + p["tool"] + ".txt");
                text.AppendLine("- **" + p["spec"] + ", " + Display(p["tool"]) + "**: " + p["status"] + (File.Exists(detail) ? ":" : ""));
                if (File.Exists(detail))
                {
                    text.AppendLine("  ```").AppendLine(string.Join('\n', File.ReadLines(detail).Take(6).Select(l => "  " + l))).AppendLine("  ```");
                }
            }
        }

        foreach (var (tool, title) in ChangedBaselines)
        {
            var changes = specs.Select(spec => (spec, Path.Combine(runFolder, "logs", spec + "." + tool + ".applied.txt"))).Where(f => File.Exists(f.Item2)).ToList();
            if (changes.Count > 0)
            {
                text.AppendLine().AppendLine("## " + title).AppendLine();
                foreach (var (spec, file) in changes)
                {
                    text.AppendLine("- " + spec + ": " + string.Join("; ", File.ReadLines(file).Select(l => l.TrimStart('-', ' '))));
                }
            }
        }

        var restarts = builds.GroupBy(b => (b["run"], b["spec"], b["tool"]))
            .Where(g => g.Select(b => b["server_pid"]).Where(pid => pid != "-").Distinct().Count() > 1)
            .Select(g => g.Key.Item2 + "/" + g.Key.Item3 + " run " + g.Key.Item1).ToList();
        if (restarts.Count > 0)
        {
            text.AppendLine().AppendLine("Compiler server restarted within a sequence (its peak memory there covers only part of it): " + string.Join(", ", restarts) + ".");
        }

        var path = Path.Combine(runFolder, "results.md");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static (Dictionary<(string Spec, string Tool, string Scenario), double> Medians, Dictionary<(string, string, string), (double Min, double Max, int Count)> Spreads) Summarize(
        List<Dictionary<string, string>> builds,
        Func<Dictionary<string, string>, double> value)
    {
        var medians = new Dictionary<(string Spec, string Tool, string Scenario), double>();
        var spreads = new Dictionary<(string, string, string), (double Min, double Max, int Count)>();
        foreach (var group in builds.Where(b => b["exit_code"] == "0").GroupBy(b => (b["spec"], b["tool"], b["scenario"])))
        {
            var values = group.Select(value).ToList();
            medians[group.Key] = Median(values);
            spreads[group.Key] = (values.Min(), values.Max(), values.Count);
        }

        return (medians, spreads);
    }

    private static void AppendTimeTable(
        StringBuilder text,
        string title,
        Dictionary<(string, string), Dictionary<string, string>> project,
        List<string> specs,
        List<string> scenarios,
        List<string> tools,
        List<(string Ours, string Baseline)> ratioColumns,
        Dictionary<(string, string, string), double> medians,
        Dictionary<(string, string, string), (double Min, double Max, int Count)> spreads)
    {
        text.AppendLine(title).AppendLine();
        text.AppendLine("| spec (operations, schemas) | build | " + string.Join(" | ", tools.Select(Display)) + " | " + string.Join(" | ", ratioColumns.Select(c => Display(c.Ours) + " / " + Display(c.Baseline))) + " |");
        text.AppendLine("|---|---|" + string.Concat(Enumerable.Repeat("---:|", tools.Count + ratioColumns.Count)));
        foreach (var spec in specs)
        {
            foreach (var scenario in scenarios)
            {
                var cells = tools.Select(t => TimeCell(project, medians, spreads, spec, t, scenario));
                var ratios = ratioColumns.Select(c => RatioCell(medians, spec, c.Ours, c.Baseline, scenario));
                text.AppendLine("| " + SpecLabel(project, spec, tools) + " | " + ScenarioNames[scenario] + " | " + string.Join(" | ", cells) + " | " + string.Join(" | ", ratios) + " |");
            }
        }

        text.AppendLine();
    }

    private static bool IsOurs(string tool) => tool.StartsWith("ours", StringComparison.Ordinal);

    private static int ToolOrder(string tool) => IsOurs(tool) ? 0 : 1 + Array.IndexOf(Baselines, tool);

    private static string Display(string tool) => tool switch
    {
        "nswag" => "NSwag",
        "nswag-fixups" => "NSwag + fix-ups",
        "kiota" => "Kiota",
        "kiota-regenerated" => "Kiota, regenerated",
        _ => tool,
    };

    private static string SpecLabel(Dictionary<(string, string), Dictionary<string, string>> project, string spec, List<string> tools)
    {
        var any = tools.Select(t => project.GetValueOrDefault((spec, t))).First(p => p is not null)!;
        return spec + " (" + any["operations"] + ", " + any["schemas"] + ")";
    }

    private static string TimeCell(
        Dictionary<(string, string), Dictionary<string, string>> project,
        Dictionary<(string, string, string), double> medians,
        Dictionary<(string, string, string), (double Min, double Max, int Count)> spreads,
        string spec,
        string tool,
        string scenario)
    {
        if (!project.TryGetValue((spec, tool), out var p) || (scenario == "spec-edit" && !IsOurs(tool)))
        {
            return "";
        }

        if (p["status"] != "ok")
        {
            return "failed";
        }

        if (!medians.TryGetValue((spec, tool, scenario), out var median))
        {
            return "failed";
        }

        var (min, max, count) = spreads[(spec, tool, scenario)];
        return Invariant($"{median:0.00} ({min:0.00}–{max:0.00}{(count < 3 || scenario == "cs-edit-warm" ? ", n=" + count : "")})");
    }

    private static string RatioCell(Dictionary<(string, string, string), double> medians, string spec, string mine, string baseline, string scenario) =>
        medians.TryGetValue((spec, mine, scenario), out var a) && medians.TryGetValue((spec, baseline, scenario), out var b) && b > 0
            ? Invariant($"{a / b:0.00}")
            : "—";

    private static string Target(Dictionary<(string, string, string), double> medians, string spec, string mine, string baseline, string scenario, double limit) =>
        medians.TryGetValue((spec, mine, scenario), out var a) && medians.TryGetValue((spec, baseline, scenario), out var b) && b > 0 ? Mark(a / b, limit) : "—";

    private static string SizeTarget(Dictionary<(string, string), Dictionary<string, string>> project, string spec, string mine, string baseline, string column) =>
        project.TryGetValue((spec, mine), out var a) && project.TryGetValue((spec, baseline), out var b) && a["status"] == "ok" && b["status"] == "ok"
            ? Mark(Number(a[column]) / Number(b[column]), 1.0)
            : "—";

    private static string MemoryTarget(List<Dictionary<string, string>> builds, Dictionary<(string, string), Dictionary<string, string>> project, string spec, string mine, string baseline) =>
        project.TryGetValue((spec, baseline), out var b) && b["status"] == "ok" && PeakMemoryKib(builds, spec, mine) is { } a && PeakMemoryKib(builds, spec, baseline) is { } c
            ? Mark(a / c, 1.0)
            : "—";

    private static string Mark(double ratio, double limit) => Invariant($"{ratio:0.00} {(ratio <= limit ? "✅" : "❌")}");

    /// <summary>Median over runs of the server's high-water mark at the end of the tool's sequence.</summary>
    private static double? PeakMemoryKib(List<Dictionary<string, string>> builds, string spec, string tool)
    {
        var peaks = builds.Where(b => b["spec"] == spec && b["tool"] == tool && b["server_vmhwm_kib"] != "-")
            .GroupBy(b => b["run"])
            .Select(g => g.Max(b => Number(b["server_vmhwm_kib"])))
            .ToList();
        return peaks.Count == 0 ? null : Median(peaks);
    }

    private static string Per(double total, double count) => count > 0 ? (total / count).ToString("N0", CultureInfo.InvariantCulture) : "—";

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>A CSV written by the script: a header line, then plain fields (no quoting, no commas inside).</summary>
    private static List<Dictionary<string, string>> ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    private static string Invariant(FormattableString text) => BuildCostTools.Invariant(text);
}
