using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Kua.Generated.Caching;
using Kua.Generated.Runtime.Http;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

namespace Kua.Generated.Benchmarks.Client;

/// <summary>
/// The bearer-token handler's cost per request with a warm (cached, fresh) token: the same request sent through an
/// HttpClient built by <see cref="KuaHttpClientFactory"/> (token handler over the in-memory handler) and through a
/// bare HttpClient over the same in-memory handler. The difference is the handler's overhead. With the distributed
/// token cache on (fleet mode: a <see cref="KuaHybridTokenStore"/>, here over an in-memory IDistributedCache so the
/// benchmark needs no Redis) a warm token never reaches the store, so the cost must be the same.
/// </summary>
[MemoryDiagnoser]
[MediumRunJob]
[MedianColumn]
public class TokenHandlerBenchmarks
{
    public static readonly KuaTokenEndpoint Endpoint = new("createEmailSession", "accounts/sessions/email", "email", "password", "accessToken", "expiresIn", "tokenType");

    private readonly Uri _uri = new(ClientBenchmarks.BaseAddress, "accounts");
    private HttpClient _bare = null!;
    private HttpClient _withToken = null!;
    private HttpClient _withSharedStore = null!;
    private ServiceProvider _cacheServices = null!;
    private InMemoryHandler _handler = null!;

    /// <summary>Logins the fake server saw (one: every benchmarked request must reuse the warm token).</summary>
    public int Logins => _handler.Logins;

    [GlobalSetup]
    public void Setup()
    {
        var handler = _handler = new InMemoryHandler();
        _bare = new HttpClient(handler, disposeHandler: false) { BaseAddress = ClientBenchmarks.BaseAddress };
        _withToken = KuaHttpClientFactory.Create(
            new KuaClientOptions { BaseAddress = ClientBenchmarks.BaseAddress, Email = "demo@kua.test", Password = "bench-password", PrimaryHandler = handler },
            Endpoint,
            ClientBenchmarks.BaseAddress);

        _cacheServices = new ServiceCollection().AddDistributedMemoryCache().AddHybridCache().Services.BuildServiceProvider();
        var store = new KuaHybridTokenStore(_cacheServices.GetRequiredService<HybridCache>(), new KuaDistributedTokenCacheOptions { EncryptionKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });
        _withSharedStore = KuaHttpClientFactory.Create(
            new KuaClientOptions { BaseAddress = ClientBenchmarks.BaseAddress, Email = "demo@kua.test", Password = "bench-password", PrimaryHandler = handler, TokenStore = store },
            Endpoint,
            ClientBenchmarks.BaseAddress);

        // Warm the tokens: one login each, then every benchmarked request takes the cached token.
        Send(_withToken).GetAwaiter().GetResult();
        Send(_withSharedStore).GetAwaiter().GetResult();
        if (handler.Logins != 2)
        {
            throw new InvalidOperationException("Expected one login per client, saw " + handler.Logins + ".");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _withToken.Dispose();
        _withSharedStore.Dispose();
        _cacheServices.Dispose();
        _bare.Dispose();
    }

    [Benchmark(Baseline = true, Description = "no handler")]
    public Task<int> NoHandler() => Send(_bare);

    [Benchmark(Description = "token handler, warm token")]
    public Task<int> WarmToken() => Send(_withToken);

    [Benchmark(Description = "token handler, warm token, distributed token cache")]
    public Task<int> WarmTokenSharedStore() => Send(_withSharedStore);

    /// <summary>What generated code does around a send: a request marked with its operation and an Accept header, then the reply disposed.</summary>
    private async Task<int> Send(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _uri);
        KuaRequestMarkers.SetOperationId(request, "getAccount");
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        return (int)response.StatusCode;
    }
}
