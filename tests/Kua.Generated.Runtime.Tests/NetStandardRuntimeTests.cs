using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Kua.Generated.Runtime.Tests.Infrastructure;
using Kua.Testing;
using Xunit;

namespace Kua.Generated.Runtime.Tests
{
    /// <summary>
    /// The netstandard2.0 build of the runtime (what .NET Framework consumers get) has its own code paths: the
    /// cancellation wait, delays and timeouts through Microsoft.Bcl.TimeProvider, HttpClientHandler, request
    /// properties. It is loaded here in its own context and driven through reflection against the fake server.
    /// </summary>
    public sealed class NetStandardRuntimeTests
    {
        private static readonly Lazy<Assembly> Runtime = new Lazy<Assembly>(LoadNetStandardRuntime);

        [Fact]
        public void TheLoadedRuntimeIsTheNetStandardBuild()
        {
            var framework = Runtime.Value.GetCustomAttribute<System.Runtime.Versioning.TargetFrameworkAttribute>()!.FrameworkName;
            Assert.Equal(".NETStandard,Version=v2.0", framework);
            Assert.NotSame(typeof(KuaClientOptions).Assembly, Runtime.Value);
        }

        [Fact]
        public async Task ConcurrentFirstCallsShareOneLoginAndACancelledWaiterLeavesAtOnce()
        {
            var clock = new TestClock();
            await using var server = await KuaFakeServer.StartAsync(new KuaFakeServerOptions { TimeProvider = clock });
            using var client = CreateClient(server, clock);

            var gate = server.HoldLogins();
            using var cancellation = new CancellationTokenSource();
            var cancelled = client.GetAsync("accounts", cancellation.Token);
            var calls = Enumerable.Range(0, 50).Select(_ => client.GetAsync("accounts")).ToArray();
            await server.WaitForLoginsAsync(1).WaitAsync(TestTimeouts.Hang);
            cancellation.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled).WaitAsync(TestTimeouts.Hang);
            gate.Release();
            var responses = await Task.WhenAll(calls).WaitAsync(TestTimeouts.Hang);

            Assert.All(responses, r => Assert.Equal(200, (int)r.StatusCode));
            Assert.Single(responses.Select(TokenHarness.TokenNumberOf).Distinct());
            Assert.Equal(1, server.LoginCount);
        }

        [Fact]
        public async Task RetryDelaysAndTheLoginTimeoutRunOnTheTimeProvider()
        {
            var clock = new TestClock();
            await using var server = await KuaFakeServer.StartAsync(new KuaFakeServerOptions { TimeProvider = clock });
            using var client = CreateClient(server, clock, loginTimeout: TimeSpan.FromSeconds(20));
            server.FailNextLogins(1, 503, TimeSpan.FromSeconds(4));

            var call = client.GetAsync("accounts");
            await clock.WaitForTimersAsync(due => due == TimeSpan.FromSeconds(4));
            Assert.Equal(1, server.LoginCount);
            clock.Advance(TimeSpan.FromSeconds(4));
            Assert.Equal(200, (int)(await call.WaitAsync(TestTimeouts.Hang)).StatusCode);
            Assert.Equal(2, server.LoginCount);

            // A login that hangs fails after the (fake) 20 s timeout with a KuaAuthenticationException.
            using var second = CreateClient(server, clock, loginTimeout: TimeSpan.FromSeconds(20));
            using var gate = server.HoldLogins();
            var hanging = second.GetAsync("accounts");
            await server.WaitForLoginsAsync(3).WaitAsync(TestTimeouts.Hang);
            await clock.WaitForTimersAsync(due => due == TimeSpan.FromSeconds(20), 2);
            clock.Advance(TimeSpan.FromSeconds(20));
            var error = await Record.ExceptionAsync(() => hanging).WaitAsync(TestTimeouts.Hang);
            Assert.Equal("KuaAuthenticationException", error?.GetType().Name);
            Assert.Equal("Timeout", error!.GetType().GetProperty("Failure")!.GetValue(error)!.ToString());
        }

        [Fact]
        public async Task A401IsRetriedOnceWithBytesButNotWithANonSeekableStream()
        {
            var clock = new TestClock();
            await using var server = await KuaFakeServer.StartAsync(new KuaFakeServerOptions { TimeProvider = clock });
            using var client = CreateClient(server, clock);
            await client.GetAsync("accounts");
            clock.Advance(TimeSpan.FromSeconds(2));
            server.RevokeAllTokens();

            using var retried = await client.PostAsync("_fake/echo", new StringContent("payload", Encoding.UTF8, "text/plain"));
            Assert.Equal(200, (int)retried.StatusCode);
            Assert.Equal("payload", await retried.Content.ReadAsStringAsync());
            Assert.Equal(2, server.LoginCount);

            clock.Advance(TimeSpan.FromSeconds(2));
            server.RevokeAllTokens();
            var stream = new CountingStream(new byte[1000], seekable: false);
            using var notRetried = await client.PostAsync("_fake/echo", new StreamContent(stream));
            Assert.Equal(401, (int)notRetried.StatusCode);
            Assert.Equal(1000, stream.BytesRead);
        }

        [Fact]
        public async Task RedirectsToAnotherHostGoWithoutTheTokenAndDisposalFaultsWaiters()
        {
            var clock = new TestClock();
            await using var server = await KuaFakeServer.StartAsync(new KuaFakeServerOptions { TimeProvider = clock });
            await using var other = await KuaFakeServer.StartAsync();
            server.RedirectAccountRequests(new Uri("http://localhost:" + other.RootAddress.Port + "/core/api/v2/accounts"));
            using (var client = CreateClient(server, clock))
            {
                Assert.Equal(401, (int)(await client.GetAsync("accounts")).StatusCode);
                Assert.False(Assert.Single(other.Requests).HadAuthorization);
            }

            var disposed = CreateClient(server, clock);
            var gate = server.HoldLogins();
            var waiting = disposed.GetAsync("accounts");
            await server.WaitForLoginsAsync(2).WaitAsync(TestTimeouts.Hang);
            disposed.Dispose();
            var error = await Record.ExceptionAsync(() => waiting).WaitAsync(TestTimeouts.Hang);
            Assert.True(error is OperationCanceledException || error is ObjectDisposedException, "Unexpected " + error);
            gate.Release();
        }

        private static HttpClient CreateClient(KuaFakeServer server, TimeProvider clock, TimeSpan? loginTimeout = null)
        {
            var runtime = Runtime.Value;
            var optionsType = runtime.GetType("Kua.Generated.KuaClientOptions", throwOnError: true)!;
            var options = Activator.CreateInstance(optionsType)!;
            Set(options, "BaseAddress", server.BaseAddress);
            Set(options, "Email", KuaFakeServer.DefaultEmail);
            Set(options, "Password", KuaFakeServer.DefaultPassword);
            Set(options, "AllowInsecureLoopback", true);
            Set(options, "TimeProvider", clock);
            if (loginTimeout is TimeSpan timeout)
            {
                Set(options, "LoginTimeout", timeout);
            }

            var endpoint = Activator.CreateInstance(
                runtime.GetType("Kua.Generated.KuaTokenEndpoint", throwOnError: true)!,
                "createEmailSession", "accounts/sessions/email", "email", "password", "accessToken", "expiresIn", "tokenType")!;
            var create = runtime.GetType("Kua.Generated.KuaHttpClientFactory", throwOnError: true)!.GetMethod("Create", new[] { optionsType, endpoint.GetType(), typeof(Uri) })!;
            return (HttpClient)create.Invoke(null, new[] { options, endpoint, TokenHarness.SpecBaseAddress })!;
        }

        private static void Set(object target, string property, object value) => target.GetType().GetProperty(property)!.SetValue(target, value);

        private static Assembly LoadNetStandardRuntime()
        {
            var path = Path.Combine(AppContext.BaseDirectory, "netstandard2.0", "Kua.Generated.Runtime.dll");
            return new NetStandardRuntimeContext(path).LoadFromAssemblyPath(path);
        }

        /// <summary>Loads the netstandard2.0 runtime beside the net8.0 one; everything else comes from the default context.</summary>
        private sealed class NetStandardRuntimeContext : AssemblyLoadContext
        {
            private readonly string _path;

            public NetStandardRuntimeContext(string path)
                : base("Kua.Generated.Runtime (netstandard2.0)")
            {
                _path = path;
            }

            protected override Assembly? Load(AssemblyName assemblyName) =>
                assemblyName.Name == "Kua.Generated.Runtime" ? LoadFromAssemblyPath(_path) : null;
        }
    }
}
