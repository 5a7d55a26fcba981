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

        public TestClient(HttpClient httpClient) => _pipeline = new KuaClientPipeline(httpClient, TokenHarness.SpecBaseAddress, ownsHttpClient: false);

        public HttpClient HttpClient => _pipeline.HttpClient;

        public async Task<(int Status, int? TokenNumber)> GetAccountAsync(CancellationToken cancellationToken = default)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, _pipeline.CreateUri("accounts"));
            KuaRequestMarkers.SetOperationId(request, "getAccount");
            using var response = await _pipeline.SendAsync(request, "getAccount", HttpCompletionOption.ResponseContentRead, cancellationToken);
            return ((int)response.StatusCode, TokenHarness.TokenNumberOf(response));
        }

        public void Dispose() => _pipeline.Dispose();
    }
}
