using System;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Tasks;
using Kua.Generated.Runtime.Http;
using Kua.Generated.Runtime.Tests.Infrastructure;
using Kua.Testing;
using Xunit;

namespace Kua.Generated.Runtime.Tests
{
    /// <summary>401 from the API: one shared re-login, one retry per request when its body can be re-sent.</summary>
    public sealed class UnauthorizedRetryTests
    {
        [Fact]
        public async Task ConcurrentUnauthorizedRepliesWithTheSameTokenCauseOneReloginAndOneRetryEach()
        {
            await using var harness = await TokenHarness.StartAsync();
            for (var iteration = 0; iteration < 10; iteration++)
            {
                harness.NewClient();
                var first = await harness.GetAccountAsync();
                var logins = harness.Server.LoginCount;
                var apiCalls = harness.Server.ApiCallCount;
                var unauthorized = harness.Server.UnauthorizedCount;
                harness.Clock.Advance(TimeSpan.FromSeconds(2));

                // All 50 leave with token #1 and are held at the server; then the token is revoked under them.
                var apiGate = harness.Server.HoldApiCalls(50);
                var calls = Enumerable.Range(0, 50).Select(_ => harness.GetAccountAsync()).ToArray();
                await harness.Server.WaitForApiCallsAsync(apiCalls + 50).WaitAsync(TestTimeouts.Hang);
                harness.Server.RevokeAllTokens();
                apiGate.Release();
                var results = await Task.WhenAll(calls).WaitAsync(TestTimeouts.Hang);

                Assert.All(results, r => Assert.Equal(200, r.Status));
                Assert.All(results, r => Assert.Equal(first.TokenNumber + 1, r.TokenNumber));
                Assert.Equal(logins + 1, harness.Server.LoginCount);
                Assert.Equal(unauthorized + 50, harness.Server.UnauthorizedCount);
                Assert.Equal(apiCalls + 100, harness.Server.ApiCallCount);
            }
        }

        [Fact]
        public async Task ASecond401WithTheFreshTokenReachesTheCaller()
        {
            await using var harness = await TokenHarness.StartAsync();
            await harness.GetAccountAsync();
            harness.Clock.Advance(TimeSpan.FromSeconds(2));
            harness.Server.RejectAllTokens = true;

            var result = await harness.GetAccountAsync();

            Assert.Equal(401, result.Status);
            Assert.Equal(2, harness.Server.LoginCount);
            Assert.Equal(3, harness.Server.ApiCallCount);
            Assert.Contains(harness.Logs.Logs, l => l.EventName == "RejectedAgain");

            // The rejected fresh token was dropped: the next call logs in again, but only after the minimum gap.
            var next = harness.GetAccountAsync();
            await harness.Clock.WaitForTimersAsync(due => due > TimeSpan.Zero && due <= TimeSpan.FromSeconds(1));
            Assert.Equal(2, harness.Server.LoginCount);
            harness.Server.RejectAllTokens = false;
            harness.Clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(200, (await next.WaitAsync(TestTimeouts.Hang)).Status);
            Assert.Equal(3, harness.Server.LoginCount);
        }

        [Fact]
        public async Task A401WhenTheCacheAlreadyHoldsANewerTokenCausesNoLogin()
        {
            await using var harness = await TokenHarness.StartAsync();
            await harness.GetAccountAsync();

            // Request B leaves with token #1 and is held at the server.
            var held = harness.Server.HoldApiCalls(1);
            var b = harness.GetAccountAsync();
            await harness.Server.WaitForApiCallsAsync(2).WaitAsync(TestTimeouts.Hang);

            // Meanwhile token #1 is revoked and request A replaces it with #2.
            harness.Clock.Advance(TimeSpan.FromSeconds(2));
            harness.Server.RevokeAllTokens();
            var a = await harness.GetAccountAsync();
            Assert.Equal(2, a.TokenNumber);
            Assert.Equal(2, harness.Server.LoginCount);

            // B now gets 401 for #1: the cache holds #2, so B retries with it and nobody logs in.
            held.Release();
            var bResult = await b.WaitAsync(TestTimeouts.Hang);
            Assert.Equal(200, bResult.Status);
            Assert.Equal(2, bResult.TokenNumber);
            Assert.Equal(2, harness.Server.LoginCount);
        }

        [Fact]
        public async Task A401OnAPostWithANonSeekableStreamIsReturnedWithoutRetryAndTheBodyIsReadOnce()
        {
            await using var harness = await TokenHarness.StartAsync();
            await harness.GetAccountAsync();
            harness.Clock.Advance(TimeSpan.FromSeconds(2));
            harness.Server.RevokeAllTokens();
            var payload = Encoding.UTF8.GetBytes(new string('x', 10_000));
            var stream = new CountingStream(payload, seekable: false);

            var result = await harness.SendAsync(EchoRequest(harness, new StreamContent(stream)));

            Assert.Equal(401, result.Status);
            Assert.Equal(payload.Length, stream.BytesRead);
            Assert.Single(harness.Server.Requests, r => r.Kind == KuaFakeRequestKind.Echo);
            Assert.Equal(1, harness.Server.LoginCount);
            Assert.Contains(harness.Logs.Logs, l => l.EventName == "RetryImpossible");

            // The rejected token was dropped, so the next call logs in.
            Assert.Equal(2, (await harness.GetAccountAsync()).TokenNumber);
        }

        [Fact]
        public async Task A401OnAPostWithStringContentIsRetriedWithTheSameBytes()
        {
            await using var harness = await TokenHarness.StartAsync();
            await harness.GetAccountAsync();
            harness.Clock.Advance(TimeSpan.FromSeconds(2));
            harness.Server.RevokeAllTokens();
            const string text = "{\"name\":\"Zoë\",\"n\":1}";

            var result = await harness.SendAsync(EchoRequest(harness, new StringContent(text, Encoding.UTF8, "application/json")));

            Assert.Equal(200, result.Status);
            Assert.Equal(text, result.Body);
            var echoes = harness.Server.Requests.Where(r => r.Kind == KuaFakeRequestKind.Echo).ToArray();
            Assert.Equal(new[] { 401, 200 }, echoes.Select(r => r.StatusCode));
            Assert.Equal(Encoding.UTF8.GetBytes(text), echoes[1].Body);
            Assert.Equal(2, harness.Server.LoginCount);
        }

        [Fact]
        public async Task ASmallSeekableStreamIsBufferedAndRetriedAndALargeOneIsNot()
        {
            await using var harness = await TokenHarness.StartAsync(o => o.MaxReplayBufferSize = 4096);
            await harness.GetAccountAsync();
            harness.Clock.Advance(TimeSpan.FromSeconds(2));
            harness.Server.RevokeAllTokens();
            var small = new byte[4096];
            new Random(1).NextBytes(small);

            var smallResult = await harness.SendAsync(EchoRequest(harness, new StreamContent(new CountingStream(small, seekable: true))));
            Assert.Equal(200, smallResult.Status);
            Assert.Equal(small, harness.Server.Requests.Last(r => r.Kind == KuaFakeRequestKind.Echo).Body);

            harness.Clock.Advance(TimeSpan.FromSeconds(2));
            harness.Server.RevokeAllTokens();
            var large = new CountingStream(new byte[4097], seekable: true);
            var largeResult = await harness.SendAsync(EchoRequest(harness, new StreamContent(large)));
            Assert.Equal(401, largeResult.Status);
            Assert.Equal(4097, large.BytesRead);
        }

        [Fact]
        public async Task A401OnAMultipartBodyOfBytesIsRetried()
        {
            await using var harness = await TokenHarness.StartAsync();
            await harness.GetAccountAsync();
            harness.Clock.Advance(TimeSpan.FromSeconds(2));
            harness.Server.RevokeAllTokens();
            var multipart = new MultipartFormDataContent("kua-boundary")
            {
                { new StringContent("value"), "field" },
                { new ByteArrayContent(new byte[] { 1, 2, 3 }), "file", "file.bin" },
            };

            var result = await harness.SendAsync(EchoRequest(harness, multipart));

            Assert.Equal(200, result.Status);
            Assert.Contains("kua-boundary", result.Body);
        }

        [Fact]
        public async Task ACallerSuppliedAuthorizationIsNeverOverwrittenNorRetried()
        {
            await using var harness = await TokenHarness.StartAsync();
            var request = TokenHarness.AccountRequest(harness.Server.BaseAddress);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "caller-supplied-token");

            var result = await harness.SendAsync(request);

            Assert.Equal(401, result.Status);
            Assert.Equal(0, harness.Server.LoginCount);
            Assert.Equal(1, harness.Server.ApiCallCount);

            // Also while the cache holds a valid token.
            await harness.GetAccountAsync();
            request = TokenHarness.AccountRequest(harness.Server.BaseAddress);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "caller-supplied-token");
            Assert.Equal(401, (await harness.SendAsync(request)).Status);
            Assert.Equal(1, harness.Server.LoginCount);
            Assert.Equal(3, harness.Server.ApiCallCount);
        }

        [Fact]
        public async Task AnonymousRequestsCarryNoTokenAndNeverLogIn()
        {
            await using var harness = await TokenHarness.StartAsync();
            await harness.GetAccountAsync();
            var request = TokenHarness.AccountRequest(harness.Server.BaseAddress);
            KuaRequestMarkers.MarkAnonymous(request);

            var result = await harness.SendAsync(request);

            Assert.Equal(401, result.Status);
            Assert.False(harness.Server.Requests.Last().HadAuthorization);
            Assert.Equal(1, harness.Server.LoginCount);
            Assert.Equal(2, harness.Server.ApiCallCount);
        }

        [Fact]
        public async Task AMessageSentAgainThroughTheHandlerGetsAFreshTokenInsteadOfKeepingTheOldOne()
        {
            await using var harness = await TokenHarness.StartAsync();
            var cache = Kua.Generated.Runtime.Authentication.ClientAuthentication.Create(harness.Options, KuaSecurity.ForKuaLogin(TokenHarness.Endpoint), TokenHarness.SpecBaseAddress, null);
            using var invoker = new HttpMessageInvoker(KuaHttpClientFactory.CreateHandler(cache, new SocketsHttpHandler(), ownsAuthentication: true));
            using var request = TokenHarness.AccountRequest(harness.Server.BaseAddress);
            using (var first = await invoker.SendAsync(request, default))
            {
                Assert.Equal(1, TokenHarness.TokenNumberOf(first));
            }

            // A retry handler above re-sends the same message: the header left from the first pass is the
            // handler's own, not the caller's, so it is replaced after the 401.
            harness.Clock.Advance(TimeSpan.FromSeconds(2));
            harness.Server.RevokeAllTokens();
            using var second = await invoker.SendAsync(request, default);

            Assert.Equal(200, (int)second.StatusCode);
            Assert.Equal(2, TokenHarness.TokenNumberOf(second));
        }

        private static HttpRequestMessage EchoRequest(TokenHarness harness, HttpContent content)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, harness.Api("_fake/echo")) { Content = content };
            KuaRequestMarkers.SetOperationId(request, "echo");
            return request;
        }
    }
}
