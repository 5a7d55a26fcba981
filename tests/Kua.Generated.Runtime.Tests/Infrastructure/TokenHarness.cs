using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Kua.Generated.Runtime.Http;
using Kua.Testing;

namespace Kua.Generated.Runtime.Tests.Infrastructure
{
    /// <summary>A fake server and a client built by <see cref="KuaHttpClientFactory"/>, sharing one fake clock and one log.</summary>
    internal sealed class TokenHarness : IAsyncDisposable
    {
        public static readonly KuaTokenEndpoint Endpoint = new KuaTokenEndpoint(
            "createEmailSession", "accounts/sessions/email", "email", "password", "accessToken", "expiresIn", "tokenType");

        public static readonly Uri SpecBaseAddress = new Uri("https://api.kua.ai/core/api/v2/");

        private TokenHarness(TestClock clock, KuaFakeServer server, CapturingLoggerProvider logs, KuaClientOptions options, HttpClient client)
        {
            Clock = clock;
            Server = server;
            Logs = logs;
            Options = options;
            Client = client;
        }

        public TestClock Clock { get; }

        public KuaFakeServer Server { get; }

        public CapturingLoggerProvider Logs { get; }

        public KuaClientOptions Options { get; }

        public HttpClient Client { get; private set; }

        public static async Task<TokenHarness> StartAsync(Action<KuaClientOptions>? configure = null, Action<KuaFakeServerOptions>? configureServer = null)
        {
            var clock = new TestClock();
            var serverOptions = new KuaFakeServerOptions { TimeProvider = clock };
            configureServer?.Invoke(serverOptions);
            var server = await KuaFakeServer.StartAsync(serverOptions);
            var logs = new CapturingLoggerProvider();
            var options = server.CreateClientOptions();
            options.TimeProvider = clock;
            options.LoggerFactory = logs.CreateFactory();
            configure?.Invoke(options);
            return new TokenHarness(clock, server, logs, options, KuaHttpClientFactory.Create(options, Endpoint, SpecBaseAddress));
        }

        /// <summary>Replaces the client (and its token cache) with a fresh one on the same server and clock.</summary>
        public void NewClient(Action<KuaClientOptions>? configure = null)
        {
            Client.Dispose();
            configure?.Invoke(Options);
            Client = KuaHttpClientFactory.Create(Options, Endpoint, SpecBaseAddress);
        }

        public Uri Api(string relative) => new Uri(Server.BaseAddress, relative);

        public static HttpRequestMessage AccountRequest(Uri baseAddress)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseAddress, "accounts"));
            KuaRequestMarkers.SetOperationId(request, "getAccount");
            return request;
        }

        /// <summary>GET accounts, as generated code sends it.</summary>
        public Task<ApiResult> GetAccountAsync(CancellationToken cancellationToken = default) => SendAsync(AccountRequest(Server.BaseAddress), cancellationToken);

        public async Task<ApiResult> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
        {
            using (request)
            using (var response = await Client.SendAsync(request, cancellationToken))
            {
                var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                return new ApiResult((int)response.StatusCode, TokenNumberOf(response), body);
            }
        }

        /// <summary>Starts <paramref name="count"/> GETs at once (each on its own thread-pool task, released together).</summary>
        public async Task<ApiResult[]> GetAccountsConcurrentlyAsync(int count)
        {
            var start = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var calls = Enumerable.Range(0, count).Select(_ => Task.Run(async () =>
            {
                await start.Task;
                return await GetAccountAsync();
            })).ToArray();
            start.SetResult(true);
            return await Task.WhenAll(calls).WaitAsync(TestTimeouts.Hang);
        }

        public Task WaitForLoginSucceededAsync(int count) => Logs.WaitForAsync("LoginSucceeded", count);

        public Task WaitForLoginFailedAsync(int count) => Logs.WaitForAsync("LoginFailed", count);

        public static int? TokenNumberOf(HttpResponseMessage response) =>
            response.Headers.TryGetValues(KuaFakeServer.TokenNumberHeader, out var values)
                ? int.Parse(values.First(), CultureInfo.InvariantCulture)
                : null;

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Server.DisposeAsync();
        }
    }

    internal sealed record ApiResult(int Status, int? TokenNumber, string Body);
}
