using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Kua.Generated.Runtime.Tests.Infrastructure;
using Kua.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Kua.Generated.Runtime.Tests
{
    /// <summary><c>AddKuaGeneratedClient</c>: a typed client on IHttpClientFactory whose token cache is a singleton.</summary>
    public sealed class DependencyInjectionTests
    {
        [Fact]
        public async Task ClientsResolvedAnywhereShareOneTokenCache()
        {
            await using var server = await KuaFakeServer.StartAsync();
            var services = new ServiceCollection();
            var builder = services.AddKuaGeneratedClient(TokenHarness.Endpoint, TokenHarness.SpecBaseAddress, o => Configure(o, server), http => new TestClient(http));
            await using var provider = services.BuildServiceProvider();

            var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
            {
                using var scope = provider.CreateScope();
                return await scope.ServiceProvider.GetRequiredService<TestClient>().GetAccountAsync();
            }));

            Assert.Equal(typeof(TestClient).FullName, builder.Name);
            Assert.All(results, r => Assert.Equal((200, (int?)1), r));
            Assert.Equal(1, server.LoginCount);
            Assert.Equal(server.BaseAddress, provider.GetRequiredService<TestClient>().HttpClient.BaseAddress);
        }

        [Fact]
        public async Task TheCacheOutlivesTheHandlersTheFactoryBuilds()
        {
            await using var server = await KuaFakeServer.StartAsync();
            var services = new ServiceCollection();
            var handlersBuilt = 0;
            services.AddKuaGeneratedClient(TokenHarness.Endpoint, TokenHarness.SpecBaseAddress, o => Configure(o, server), http => new TestClient(http))
                .AddHttpMessageHandler(() => { Interlocked.Increment(ref handlersBuilt); return new PassThroughHandler(); });
            await using var provider = services.BuildServiceProvider();
            var handlers = provider.GetRequiredService<IHttpMessageHandlerFactory>();

            // Build several independent handler chains, as the factory does when it recycles handlers.
            var name = typeof(TestClient).FullName!;
            for (var i = 0; i < 3; i++)
            {
                var chain = handlers.CreateHandler(name);
                using var client = new TestClient(new HttpClient(chain, disposeHandler: false) { BaseAddress = server.BaseAddress });
                Assert.Equal(200, (await client.GetAccountAsync()).Status);
            }

            Assert.Equal(1, server.LoginCount);
        }

        [Fact]
        public async Task HandlersAddedToTheReturnedBuilderSitBelowTheTokenHandlerAndNeverSeeTheLogin()
        {
            await using var server = await KuaFakeServer.StartAsync();
            var services = new ServiceCollection();
            var seen = new System.Collections.Concurrent.ConcurrentQueue<string>();
            services.AddKuaGeneratedClient(TokenHarness.Endpoint, TokenHarness.SpecBaseAddress, o => Configure(o, server), http => new TestClient(http))
                .AddHttpMessageHandler(() => new PassThroughHandler(request => seen.Enqueue(request.RequestUri!.AbsolutePath + " " + (request.Headers.Authorization?.Scheme ?? "none"))));
            await using var provider = services.BuildServiceProvider();

            await provider.GetRequiredService<TestClient>().GetAccountAsync();

            // The login goes from the token handler straight to the primary handler (so nothing on the builder retries it).
            Assert.Equal(new[] { "/core/api/v2/accounts Bearer" }, seen.ToArray());
            Assert.Equal(1, server.LoginCount);
        }

        [Fact]
        public async Task AStandardResilienceHandlerNeverRetriesALoginSoMaxLoginRetriesIsItsOnlyRetry()
        {
            await using var server = await KuaFakeServer.StartAsync();
            var services = new ServiceCollection();
            services.AddKuaGeneratedClient(TokenHarness.Endpoint, TokenHarness.SpecBaseAddress, o => { Configure(o, server); o.MaxLoginRetries = 0; }, http => new TestClient(http))
                .AddStandardResilienceHandler();
            await using var provider = services.BuildServiceProvider();
            server.FailNextLogins(1, 503);

            // The resilience handler would retry a 503 (after about 2 s); the login never reaches it.
            var error = await Assert.ThrowsAsync<KuaAuthenticationException>(() => provider.GetRequiredService<TestClient>().GetAccountAsync());

            Assert.Equal(KuaAuthenticationFailure.ServiceUnavailable, error.Failure);
            Assert.Equal(1, server.LoginCount);
            Assert.Equal(0, server.ApiCallCount);
        }

        [Fact]
        public async Task TheDefaultPrimaryHandlerLeavesRedirectsToTheRedirectHandler()
        {
            await using var server = await KuaFakeServer.StartAsync();
            await using var other = await KuaFakeServer.StartAsync();
            server.RedirectAccountRequests(new Uri("http://localhost:" + other.RootAddress.Port + "/core/api/v2/accounts"));
            var logs = new CapturingLoggerProvider();
            var services = new ServiceCollection();
            services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
            services.AddKuaGeneratedClient(TokenHarness.Endpoint, TokenHarness.SpecBaseAddress, o => Configure(o, server), http => new TestClient(http));
            await using var provider = services.BuildServiceProvider();

            var (status, _) = await provider.GetRequiredService<TestClient>().GetAccountAsync();

            Assert.Equal(401, status);

            Assert.False(Assert.Single(other.Requests).HadAuthorization);
            Assert.Contains(logs.Logs, l => l.EventName == "Redirect");
        }

        [Fact]
        public async Task OptionsAreValidatedWhenTheClientIsFirstResolvedAndTheSpecAddressIsTheDefault()
        {
            var services = new ServiceCollection();
            services.AddKuaGeneratedClient(TokenHarness.Endpoint, TokenHarness.SpecBaseAddress, o => o.Email = "demo@kua.test", http => new TestClient(http));
            await using var provider = services.BuildServiceProvider();
            Assert.Contains("Password", Assert.Throws<ArgumentException>(() => provider.GetRequiredService<TestClient>()).Message);

            var valid = new ServiceCollection();
            valid.AddKuaGeneratedClient(TokenHarness.Endpoint, TokenHarness.SpecBaseAddress, o => { o.Email = "demo@kua.test"; o.Password = "secret-password"; }, http => new TestClient(http));
            await using var validProvider = valid.BuildServiceProvider();
            Assert.Equal(TokenHarness.SpecBaseAddress, validProvider.GetRequiredService<TestClient>().HttpClient.BaseAddress);
        }

        [Fact]
        public async Task DisposingTheContainerFailsALoginInFlightCleanly()
        {
            await using var server = await KuaFakeServer.StartAsync();
            var services = new ServiceCollection();
            services.AddKuaGeneratedClient(TokenHarness.Endpoint, TokenHarness.SpecBaseAddress, o => Configure(o, server), http => new TestClient(http));
            var provider = services.BuildServiceProvider();
            using var gate = server.HoldLogins();
            var call = provider.GetRequiredService<TestClient>().GetAccountAsync();
            await server.WaitForLoginsAsync(1).WaitAsync(TestTimeouts.Hang);

            await provider.DisposeAsync();

            await Assert.ThrowsAsync<ObjectDisposedException>(() => call).WaitAsync(TestTimeouts.Hang);
        }

        private static void Configure(KuaClientOptions options, KuaFakeServer server)
        {
            var fromServer = server.CreateClientOptions();
            options.BaseAddress = fromServer.BaseAddress;
            options.Email = fromServer.Email;
            options.Password = fromServer.Password;
            options.AllowInsecureLoopback = true;
        }

        private sealed class PassThroughHandler : DelegatingHandler
        {
            private readonly Action<HttpRequestMessage>? _observe;

            public PassThroughHandler(Action<HttpRequestMessage>? observe = null) => _observe = observe;

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                _observe?.Invoke(request);
                return base.SendAsync(request, cancellationToken);
            }
        }
    }
}
