using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Kua.Generated.PackageTests.Infrastructure;

/// <summary>What a child process did: its exit code, its interleaved stdout and stderr, how long it ran.</summary>
internal sealed record CommandResult(string CommandLine, string WorkingDirectory, int ExitCode, bool TimedOut, TimeSpan Elapsed, string Output)
{
    public bool Succeeded => !TimedOut && ExitCode == 0;

    /// <summary>The command, its outcome and its whole output: the message of any assertion about it.</summary>
    public string Describe() =>
        "`" + CommandLine + "` in " + WorkingDirectory + " " +
        (TimedOut ? "timed out (killed)" : "exited with " + ExitCode.ToString(CultureInfo.InvariantCulture)) +
        " after " + Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s" + Environment.NewLine +
        "----- output -----" + Environment.NewLine + Output + "------------------";

    /// <summary>Fails the test with the whole output unless the command exited with 0.</summary>
    public CommandResult AssertSuccess()
    {
        Assert.True(Succeeded, Describe());
        return this;
    }

    /// <summary>Fails the test with the whole output unless the command failed (non-zero exit code, no timeout).</summary>
    public CommandResult AssertFailure()
    {
        Assert.False(TimedOut, Describe());
        Assert.True(ExitCode != 0, "The command was expected to fail. " + Describe());
        return this;
    }

    public IEnumerable<string> Lines => Output.Split('\n').Select(l => l.TrimEnd('\r'));
}

/// <summary>Runs child processes with a timeout, capturing stdout and stderr together.</summary>
internal static class ProcessRunner
{
    /// <summary>How long to keep reading output after the process exited: build servers it started may hold the pipes open.</summary>
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(5);

    public static async Task<CommandResult> RunAsync(
        string fileName,
        IReadOnlyList<string> arguments,
        string workingDirectory,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        PrepareEnvironment(startInfo.Environment);
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                startInfo.Environment[key] = value;
            }
        }

        var output = new StringBuilder();
        var gate = new object();
        using var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.Exited += (_, _) => exited.TrySetResult();
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);

        var commandLine = fileName + " " + string.Join(" ", arguments.Select(Quote));
        var stopwatch = Stopwatch.StartNew();
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var timedOut = false;
        if (await Task.WhenAny(exited.Task, Task.Delay(timeout)).ConfigureAwait(false) != exited.Task)
        {
            timedOut = true;
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited meanwhile.
            }

            await Task.WhenAny(exited.Task, Task.Delay(TimeSpan.FromSeconds(30))).ConfigureAwait(false);
        }

        stopwatch.Stop();
        using (var drain = new CancellationTokenSource(DrainGrace))
        {
            try
            {
                // Returns once stdout and stderr reached their end (the process itself has exited by now).
                await process.WaitForExitAsync(drain.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // A grandchild (a build server) keeps a pipe open: take what was read.
            }
        }

        string text;
        lock (gate)
        {
            text = output.ToString();
        }

        return new CommandResult(commandLine, workingDirectory, process.HasExited ? process.ExitCode : -1, timedOut, stopwatch.Elapsed, text);

        void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (gate)
            {
                output.AppendLine(line);
            }
        }
    }

    /// <summary>
    /// A user's default environment for the dotnet CLI, plus no telemetry and no banners. Removed: the MSBuild
    /// variables that 'dotnet test' sets for its own build (they would steer the consumer's build), NUGET_PACKAGES
    /// (it would override the consumer's own packages folder), and the switches a CI machine may set to turn off the
    /// build servers (UseSharedCompilation, MSBUILDDISABLENODEREUSE, DOTNET_CLI_USE_MSBUILD_SERVER): consumers must
    /// build with the compiler server a user has, the one that keeps a loaded generator between builds.
    /// </summary>
    private static void PrepareEnvironment(IDictionary<string, string?> environment)
    {
        foreach (var key in environment.Keys.ToList())
        {
            if (key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) ||
                key.Equals("NUGET_PACKAGES", StringComparison.OrdinalIgnoreCase) ||
                key.Equals("UseSharedCompilation", StringComparison.OrdinalIgnoreCase) ||
                key.Equals("DOTNET_CLI_USE_MSBUILD_SERVER", StringComparison.OrdinalIgnoreCase) ||
                key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
            {
                environment.Remove(key);
            }
        }

        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        environment["DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE"] = "1";
        environment["DOTNET_GENERATE_ASPNET_CERTIFICATE"] = "false";
        environment["MSBUILDTERMINALLOGGER"] = "off";
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => !char.IsWhiteSpace(c) && c != '"' && c != '\'') ? argument : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}

/// <summary>The dotnet CLI that runs these tests.</summary>
internal static class DotNet
{
    /// <summary>The dotnet host: the one 'dotnet test' runs under (DOTNET_HOST_PATH), else the one on PATH.</summary>
    public static string Host { get; } = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public static Task<CommandResult> RunAsync(string workingDirectory, TimeSpan timeout, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        ProcessRunner.RunAsync(Host, arguments, workingDirectory, timeout, environment);
}
