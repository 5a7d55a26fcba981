using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Kua.Generated.Runtime.Http;

namespace Kua.Generated.Runtime.Tests.Infrastructure
{
    /// <summary>Stands in for a generated client: wraps the HttpClient the way generated code does.</summary>
    public sealed class TestClient : IDisposable
    {
        private readonly KuaClientPipeline _pipeline;

        public TestClient(HttpClient httpClient, bool ownsHttpClient = false) => _pipeline = new KuaClientPipeline(httpClient, TokenHarness.SpecBaseAddress, ownsHttpClient);

        /// <summary>A client that owns its HttpClient and token cache, as <c>new KuaClient(options)</c> does.</summary>
        public static TestClient Create(KuaClientOptions options) => new TestClient(KuaHttpClientFactory.Create(options, TokenHarness.Endpoint, TokenHarness.SpecBaseAddress), ownsHttpClient: true);

        public HttpClient HttpClient => _pipeline.HttpClient;

        public async Task<(int Status, int? TokenNumber)> GetAccountAsync(CancellationToken cancellationToken = default)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, _pipeline.CreateUri("accounts"));
            KuaRequestMarkers.SetOperationId(request, "getAccount");
            using var response = await _pipeline.SendAsync(request, "getAccount", HttpCompletionOption.ResponseContentRead, cancellationToken);
            return ((int)response.StatusCode, TokenHarness.TokenNumberOf(response));
        }

        /// <summary>GET accounts exactly as generated code handles the reply: a non-success status throws <see cref="KuaApiException"/>.</summary>
        public async Task<int?> GetAccountOrThrowAsync(CancellationToken cancellationToken = default)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, _pipeline.CreateUri("accounts"));
            KuaRequestMarkers.SetOperationId(request, "getAccount");
            using var response = await _pipeline.SendAsync(request, "getAccount", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if ((int)response.StatusCode >= 300)
            {
                throw await KuaResponses.CreateExceptionAsync(response, "getAccount", keepBody: true, cancellationToken);
            }

            return TokenHarness.TokenNumberOf(response);
        }

        public void Dispose() => _pipeline.Dispose();
    }
}
