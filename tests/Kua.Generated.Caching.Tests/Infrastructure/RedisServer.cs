using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Kua.Generated.Caching.Tests.Infrastructure
{
    /// <summary>
    /// A real redis-server on 127.0.0.1 and a free port, without persistence, stopped (killed) on disposal. A machine
    /// without redis-server fails the test that needs it: fleet mode is not proven by skipping.
    /// </summary>
    public sealed class RedisServer : IAsyncDisposable
    {
        private readonly Process _process;

        private RedisServer(Process process, int port)
        {
            _process = process;
            Port = port;
        }

        public int Port { get; }

        /// <summary><c>127.0.0.1:port</c>, as StackExchange.Redis takes it.</summary>
        public string EndPoint => "127.0.0.1:" + Port;

        public bool IsRunning => !_process.HasExited;

        public static async Task<RedisServer> StartAsync()
        {
            var executable = FindOnPath("redis-server")
                ?? throw new InvalidOperationException("redis-server is not on PATH. The fleet tests need a real Redis: install it (apt-get install -y redis-server; .ci/run does this when it is missing).");
            var port = FreePort();
            var start = new ProcessStartInfo(executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no", "--daemonize", "no", "--dir", Path.GetTempPath() })
            {
                start.ArgumentList.Add(argument);
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
            var output = new StringBuilder();
            process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
            process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var server = new RedisServer(process, port);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
            while (!await server.PingAsync())
            {
                if (process.HasExited || DateTime.UtcNow > deadline)
                {
                    await server.DisposeAsync();
                    string said;
                    lock (output)
                    {
                        said = output.ToString();
                    }

                    throw new InvalidOperationException("redis-server on port " + port + " did not answer PING: " + said);
                }

                await Task.Delay(50);
            }

            return server;
        }

        /// <summary>Kills the server (as a crash would) and waits until it is gone.</summary>
        public async Task KillAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token);
        }

        public async ValueTask DisposeAsync()
        {
            await KillAsync();
            _process.Dispose();
        }

        private async Task<bool> PingAsync()
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                var stream = client.GetStream();
                await stream.WriteAsync(Encoding.ASCII.GetBytes("PING\r\n"));
                var buffer = new byte[16];
                var read = await stream.ReadAsync(buffer);
                return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
            }
            catch (SocketException)
            {
                return false;
            }
            catch (IOException)
            {
                return false;
            }
        }

        /// <summary>A loopback port nothing listens on (as the OS hands out free ones).</summary>
        public static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        private static string? FindOnPath(string name)
        {
            foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = Path.Combine(directory, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }
    }
}
