using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Kua.Generated.Runtime.Tests.Infrastructure;
using Xunit;

namespace Kua.Generated.Runtime.Tests
{
    /// <summary>
    /// Every cancellation of a call from generated code (here <see cref="TestClient"/>, which sends as it does) is reported by
    /// its cause: the caller's token, the client's disposal, HttpClient.Timeout, the login timeout.
    /// </summary>
    public sealed class CancellationTests
    {
        [Fact]
        public async Task TheCallersTokenGivesOperationCanceledExceptionForThatToken()
        {
            await using var harness = await TokenHarness.StartAsync();
            using var client = TestClient.Create(harness.Options);
            using var gate = harness.Server.HoldLogins();
            using var cancellation = new CancellationTokenSource();
            var call = client.GetAccountOrThrowAsync(cancellation.Token);
            await harness.Server.WaitForLoginsAsync(1).WaitAsync(TestTimeouts.Hang);

            cancellation.Cancel();

            var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call).WaitAsync(TestTimeouts.Hang);
            Assert.Equal(cancellation.Token, error.CancellationToken);
        }

        [Fact]
        public async Task DisposingTheClientDuringALoginGivesEveryWaiterObjectDisposedException()
        {
            await using var harness = await TokenHarness.StartAsync();
            var client = TestClient.Create(harness.Options);
            using var gate = harness.Server.HoldLogins();
            var calls = Enumerable.Range(0, 10).Select(_ => client.GetAccountOrThrowAsync()).ToArray();
            await harness.Server.WaitForLoginsAsync(1).WaitAsync(TestTimeouts.Hang);

            client.Dispose();

            await AssertEachFailsWithObjectDisposedExceptionAsync(calls);
        }

        [Fact]
        public async Task DisposingTheClientDuringABackgroundRefreshGivesCallsInFlightObjectDisposedException()
        {
            await using var harness = await TokenHarness.StartAsync(configureServer: s => s.TokenLifetime = TimeSpan.FromHours(1));
            var client = TestClient.Create(harness.Options);
            Assert.Equal(1, await client.GetAccountOrThrowAsync());
            harness.Clock.Advance(TimeSpan.FromMinutes(56));

            // The calls leave with token #1 and are held at the server; the refresh they started is held too.
            using var logins = harness.Server.HoldLogins();
            using var apiCalls = harness.Server.HoldApiCalls();
            var calls = Enumerable.Range(0, 5).Select(_ => client.GetAccountOrThrowAsync()).ToArray();
            await harness.Server.WaitForApiCallsAsync(6).WaitAsync(TestTimeouts.Hang);
            await harness.Server.WaitForLoginsAsync(2).WaitAsync(TestTimeouts.Hang);

            client.Dispose();

            await AssertEachFailsWithObjectDisposedExceptionAsync(calls);
        }

        [Fact]
        public async Task HttpClientTimeoutGivesKuaApiExceptionWithATimeoutInside()
        {
            await using var harness = await TokenHarness.StartAsync();

            // The harness's own client warms the server and the process first: a loaded machine's first call can
            // outlast a short timeout, and the timed client's first call (its login) must not be the one that times out.
            Assert.Equal(200, (await harness.GetAccountAsync()).Status);
            var http = KuaHttpClientFactory.Create(harness.Options, TokenHarness.Endpoint, TokenHarness.SpecBaseAddress);
            http.Timeout = TimeSpan.FromSeconds(2);
            using var client = new TestClient(http, ownsHttpClient: true);
            Assert.Equal(2, await client.GetAccountOrThrowAsync());
            using var gate = harness.Server.HoldApiCalls();

            // HttpClient.Timeout runs on the real clock: the held call gives up after 2 s.
            var error = await Assert.ThrowsAsync<KuaApiException>(() => client.GetAccountOrThrowAsync()).WaitAsync(TestTimeouts.Hang);

            Assert.Equal(0, error.StatusCode);
            Assert.Equal("getAccount", error.OperationId);
            Assert.IsType<TimeoutException>(error.InnerException);
            Assert.Contains("HttpClient.Timeout", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task TheLoginTimeoutGivesKuaAuthenticationExceptionWithFailureTimeout()
        {
            await using var harness = await TokenHarness.StartAsync(o => o.LoginTimeout = TimeSpan.FromSeconds(10));
            using var client = TestClient.Create(harness.Options);
            using var gate = harness.Server.HoldLogins();
            var call = client.GetAccountOrThrowAsync();
            await harness.Server.WaitForLoginsAsync(1).WaitAsync(TestTimeouts.Hang);
            await harness.Clock.WaitForTimersAsync(due => due == TimeSpan.FromSeconds(10));

            harness.Clock.Advance(TimeSpan.FromSeconds(10));

            var error = await Assert.ThrowsAsync<KuaAuthenticationException>(() => call).WaitAsync(TestTimeouts.Hang);
            Assert.Equal(KuaAuthenticationFailure.Timeout, error.Failure);
        }

        private static async Task AssertEachFailsWithObjectDisposedExceptionAsync(Task<int?>[] calls)
        {
            foreach (var call in calls)
            {
                await Assert.ThrowsAsync<ObjectDisposedException>(() => call).WaitAsync(TestTimeouts.Hang);
            }
        }
    }
}
