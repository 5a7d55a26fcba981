using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Kua.Generated.Runtime.Authentication;
using Kua.Generated.Runtime.Http;
using Kua.Generated.Runtime.Tests.Infrastructure;
using Xunit;

namespace Kua.Generated.Runtime.Tests
{
    /// <summary>
    /// The handler's warm path (a fresh cached token, no async method of its own unless the reply needs one) against an
    /// in-process inner handler that answers synchronously, which the socket-based tests never do: 401s, redirects,
    /// failures and cancellation must come out as they do on the async path, and a plain reply must cost nothing.
    /// </summary>
    public sealed class WarmPathTests
    {
        private static readonly Uri BaseAddress = new Uri("https://api.kua.example/v2/");

        [Fact]
        public async Task ASynchronous401LogsInAgainAndRetriesOnceWithTheFreshToken()
        {
            var inner = new SyncHandler();
            using var invoker = CreateInvoker(inner);
            await WarmUpAsync(invoker);
            inner.Respond = request => request.Headers.Authorization?.Parameter == "token-1" ? new HttpResponseMessage(HttpStatusCode.Unauthorized) : null;

            using var response = await invoker.SendAsync(TokenHarness.AccountRequest(BaseAddress), CancellationToken.None);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(2, inner.Logins);
            Assert.Equal(new[] { "Bearer token-1", "Bearer token-1", "Bearer token-2" }, inner.ApiCalls.Select(c => c.Authorization));
        }

        [Fact]
        public async Task ASynchronousRedirectIsFollowedAndTheTokenGoesOnlyToItsOrigin()
        {
            var inner = new SyncHandler();
            using var invoker = CreateInvoker(inner);
            await WarmUpAsync(invoker);
            inner.Respond = request => request.RequestUri!.AbsolutePath switch
            {
                "/v2/accounts" => Redirect(HttpStatusCode.TemporaryRedirect, "https://api.kua.example/v2/moved"),
                "/v2/moved" => Redirect(HttpStatusCode.Found, "https://elsewhere.kua.example/x"),
                _ => null,
            };

            using var response = await invoker.SendAsync(TokenHarness.AccountRequest(BaseAddress), CancellationToken.None);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(
                new[] { ("/v2/accounts", "Bearer token-1"), ("/v2/accounts", "Bearer token-1"), ("/v2/moved", "Bearer token-1"), ("/x", (string?)null) },
                inner.ApiCalls.Select(c => (c.Uri.AbsolutePath, c.Authorization)));
            Assert.Equal(1, inner.Logins);
        }

        [Fact]
        public async Task AnInnerHandlerThrowingFailsTheTaskAsTheAsyncPathDoesAndNeverThrowsToTheCaller()
        {
            var inner = new SyncHandler();
            using var invoker = CreateInvoker(inner);
            await WarmUpAsync(invoker);

            inner.Respond = _ => throw new InvalidOperationException("inner failure");
            var failed = invoker.SendAsync(TokenHarness.AccountRequest(BaseAddress), CancellationToken.None);
            Assert.Equal("inner failure", (await Assert.ThrowsAsync<InvalidOperationException>(() => failed)).Message);
            Assert.True(failed.IsFaulted);

            inner.Respond = _ => throw new OperationCanceledException("inner cancelled");
            var cancelled = invoker.SendAsync(TokenHarness.AccountRequest(BaseAddress), CancellationToken.None);
            Assert.Equal("inner cancelled", (await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled)).Message);
            Assert.True(cancelled.IsCanceled);
        }

        [Fact]
        public async Task ACallerAlreadyCancelledGetsACancelledTaskAndNothingIsSent()
        {
            var inner = new SyncHandler();
            using var invoker = CreateInvoker(inner);
            await WarmUpAsync(invoker);
            using var cancellation = new CancellationTokenSource();
            cancellation.Cancel();

            var call = invoker.SendAsync(TokenHarness.AccountRequest(BaseAddress), cancellation.Token);

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
            Assert.True(call.IsCanceled);
            Assert.Single(inner.ApiCalls);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task AWarmRequestWithAPlainReplyAllocatesNothingInTheHandler(bool sharedStore)
        {
            // With fleet mode on, a fresh token never goes near the store: same path, same cost.
            var store = sharedStore ? new CountingStore() : null;
            var inner = new SyncHandler { RecordCalls = false };
            using var invoker = CreateInvoker(inner, store);
            await WarmUpAsync(invoker);
            var storeCallsAfterLogin = store?.Calls;
            Assert.True(store is null || storeCallsAfterLogin > 0, "The login did not use the store.");

            // One message sent again and again (the header from the previous pass is ours to replace), and one reply
            // task, so that anything allocated comes from the handler. The tasks are completed ones, read without
            // awaiting so that no state machine of the test's own is counted.
#pragma warning disable xUnit1031
            using var request = TokenHarness.AccountRequest(BaseAddress);
            const int count = 2000;
            for (var i = 0; i < count; i++)
            {
                invoker.SendAsync(request, CancellationToken.None).GetAwaiter().GetResult();
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < count; i++)
            {
                invoker.SendAsync(request, CancellationToken.None).GetAwaiter().GetResult();
            }

#pragma warning restore xUnit1031
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated < count, "The warm path allocated " + allocated + " bytes for " + count + " requests.");
            Assert.Equal("Bearer token-1", request.Headers.Authorization?.ToString());
            Assert.Equal(1, inner.Logins);
            Assert.Equal(storeCallsAfterLogin, store?.Calls);
        }

        private static HttpMessageInvoker CreateInvoker(SyncHandler inner, KuaTokenStore? store = null)
        {
            var options = new KuaClientOptions { BaseAddress = BaseAddress, Email = "demo@kua.test", Password = "secret-password", MinimumLoginInterval = TimeSpan.Zero, TokenStore = store };
            var cache = Kua.Generated.Runtime.Authentication.ClientAuthentication.Create(options, KuaSecurity.ForKuaLogin(TokenHarness.Endpoint), TokenHarness.SpecBaseAddress, null);
            return new HttpMessageInvoker(KuaHttpClientFactory.CreateHandler(cache, inner, ownsAuthentication: true));
        }

        /// <summary>The first call logs in (on the async path); every later one finds the token warm.</summary>
        private static async Task WarmUpAsync(HttpMessageInvoker invoker)
        {
            using var response = await invoker.SendAsync(TokenHarness.AccountRequest(BaseAddress), CancellationToken.None);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        private static HttpResponseMessage Redirect(HttpStatusCode status, string location)
        {
            var response = new HttpResponseMessage(status);
            response.Headers.Location = new Uri(location);
            return response;
        }

        /// <summary>A fleet's store held in memory, counting every call made to it.</summary>
        private sealed class CountingStore : KuaTokenStore
        {
            private readonly Dictionary<string, KuaSharedToken> _tokens = new Dictionary<string, KuaSharedToken>();
            private int _calls;

            public int Calls => Volatile.Read(ref _calls);

            public override ValueTask<KuaSharedToken?> GetAsync(string key, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref _calls);
                lock (_tokens)
                {
                    return new ValueTask<KuaSharedToken?>(_tokens.TryGetValue(key, out var token) ? token : null);
                }
            }

            public override ValueTask SetAsync(string key, KuaSharedToken token, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref _calls);
                lock (_tokens)
                {
                    _tokens[key] = token;
                }

                return default;
            }

            public override ValueTask RemoveAsync(string key, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref _calls);
                lock (_tokens)
                {
                    _tokens.Remove(key);
                }

                return default;
            }

            public override ValueTask<IAsyncDisposable?> TryLockAsync(string key, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref _calls);
                return new ValueTask<IAsyncDisposable?>(new Released());
            }

            private sealed class Released : IAsyncDisposable
            {
                public ValueTask DisposeAsync() => default;
            }
        }

        /// <summary>Answers every request synchronously: logins with token-1, token-2 …; the API with <see cref="Respond"/> or one shared 200.</summary>
        private sealed class SyncHandler : HttpMessageHandler
        {
            private readonly Task<HttpResponseMessage> _ok = Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
            private readonly List<(Uri Uri, string? Authorization)> _apiCalls = new List<(Uri, string?)>();
            private int _logins;

            /// <summary>The API's reply; null for the shared 200.</summary>
            public Func<HttpRequestMessage, HttpResponseMessage?> Respond { get; set; } = _ => null;

            public bool RecordCalls { get; set; } = true;

            public int Logins => Volatile.Read(ref _logins);

            public IReadOnlyList<(Uri Uri, string? Authorization)> ApiCalls
            {
                get
                {
                    lock (_apiCalls)
                    {
                        return _apiCalls.ToArray();
                    }
                }
            }

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                if (request.RequestUri!.AbsolutePath.EndsWith("/sessions/email", StringComparison.Ordinal))
                {
                    var json = "{\"accessToken\":\"token-" + Interlocked.Increment(ref _logins) + "\",\"tokenType\":\"Bearer\",\"expiresIn\":3600}";
                    return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
                }

                if (RecordCalls)
                {
                    lock (_apiCalls)
                    {
                        _apiCalls.Add((request.RequestUri, request.Headers.Authorization?.ToString()));
                    }
                }

                return Respond(request) is HttpResponseMessage reply ? Task.FromResult(reply) : _ok;
            }
        }
    }
}
