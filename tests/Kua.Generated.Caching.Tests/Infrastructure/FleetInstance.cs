using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Kua.Generated.Caching.Tests.Infrastructure
{
    /// <summary>
    /// One process of tests/Kua.Generated.FleetApp: the generated KuaClient with the distributed token cache. It is told
    /// "call N" on its input and answers "done succeeded failed first-error"; closing its input stops it.
    /// </summary>
    public sealed class FleetInstance : IAsyncDisposable
    {
        private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(90);
        private readonly Process _process;
        private readonly List<string> _errors = new List<string>();

        private FleetInstance(Process process) => _process = process;

        public static FleetInstance Start(Uri baseAddress, string redisEndPoint, string encryptionKey, string email, string password)
        {
            var pathFile = Path.Combine(AppContext.BaseDirectory, "fleetapp.path");
            var app = File.Exists(pathFile) ? File.ReadAllText(pathFile).Trim() : null;
            if (app is null || !File.Exists(app))
            {
                throw new InvalidOperationException("The fleet app was not built beside the tests (" + pathFile + " names " + (app ?? "nothing") + ").");
            }

            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { app, baseAddress.ToString(), redisEndPoint, encryptionKey, email, password })
            {
                start.ArgumentList.Add(argument);
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException("The fleet app did not start.");
            var instance = new FleetInstance(process);
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data != null)
                {
                    lock (instance._errors)
                    {
                        instance._errors.Add(e.Data);
                    }
                }
            };
            process.BeginErrorReadLine();
            return instance;
        }

        /// <summary>Waits for the instance to say it is ready.</summary>
        public async Task ReadyAsync()
        {
            var line = await ReadLineAsync();
            if (line != "ready")
            {
                throw new InvalidOperationException("The fleet app said '" + line + "' instead of 'ready'. " + Errors());
            }
        }

        /// <summary>Makes <paramref name="count"/> concurrent calls in the instance.</summary>
        public async Task SendCallsAsync(int count)
        {
            await _process.StandardInput.WriteLineAsync("call " + count);
            await _process.StandardInput.FlushAsync();
        }

        /// <summary>The instance's answer to <see cref="SendCallsAsync"/>: how many calls succeeded and failed, and the first error.</summary>
        public async Task<(int Succeeded, int Failed, string FirstError)> ResultAsync()
        {
            var line = await ReadLineAsync();
            var parts = line?.Split(' ', 4);
            if (parts is null || parts.Length != 4 || parts[0] != "done")
            {
                throw new InvalidOperationException("The fleet app said '" + line + "' instead of 'done …'. " + Errors());
            }

            return (int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture), parts[3]);
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                _process.StandardInput.Close();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException || ex is IOException)
            {
                _process.Kill(entireProcessTree: true);
            }
            finally
            {
                _process.Dispose();
            }
        }

        private async Task<string?> ReadLineAsync()
        {
            using var timeout = new CancellationTokenSource(ReplyTimeout);
            try
            {
                return await _process.StandardOutput.ReadLineAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("The fleet app did not answer within " + ReplyTimeout.TotalSeconds + " s. " + Errors());
            }
        }

        private string Errors()
        {
            lock (_errors)
            {
                return _errors.Count == 0 ? "(nothing on stderr)" : "stderr: " + string.Join(" | ", _errors);
            }
        }
    }
}
