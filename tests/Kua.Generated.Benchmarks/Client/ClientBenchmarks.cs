using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Kua.Generated.Benchmarks.Generated;
using Account = Kua.Generated.Benchmarks.Generated.Account;
using Transaction = Kua.Generated.Benchmarks.Generated.Transaction;
using Kua.Generated.Benchmarks.NSwagClient;

namespace Kua.Generated.Benchmarks.Client;

/// <summary>
/// The hot path of one call through an in-memory handler: the Kua-generated client against a hand-written
/// HttpClient + System.Text.Json source-generated client (the baseline) and an NSwag-generated client
/// (System.Text.Json flavour), all from bench.openapi.yaml and all over the same HttpClient.
/// </summary>
[MemoryDiagnoser]
[MediumRunJob]
[MedianColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ClientBenchmarks
{
    public static readonly Uri BaseAddress = new("https://bench.kua.test/api/");

    private HttpClient _httpClient = null!;
    private BenchClient _generated = null!;
    private HandWrittenClient _handWritten = null!;
    private BenchNSwagClient _nswag = null!;

    [GlobalSetup]
    public void Setup()
    {
        _httpClient = new HttpClient(new InMemoryHandler()) { BaseAddress = BaseAddress };
        _generated = new BenchClient(_httpClient);
        _handWritten = new HandWrittenClient(_httpClient);
        _nswag = new BenchNSwagClient(_httpClient);
    }

    [GlobalCleanup]
    public void Cleanup() => _httpClient.Dispose();

    [Benchmark(Description = "Kua generated"), BenchmarkCategory("GET /accounts")]
    public Task<Account> GeneratedGetAccount() => _generated.Accounts.GetAccountAsync();

    [Benchmark(Baseline = true, Description = "hand-written STJ source-gen"), BenchmarkCategory("GET /accounts")]
    public Task<HandWrittenAccount> HandWrittenGetAccount() => _handWritten.GetAccountAsync();

    [Benchmark(Description = "NSwag (STJ)"), BenchmarkCategory("GET /accounts")]
    public Task<NSwagClient.Account> NSwagGetAccount() => _nswag.GetAccountAsync();

    [Benchmark(Description = "Kua generated"), BenchmarkCategory("GET /transactions (1,000)")]
    public Task<List<Transaction>> GeneratedListTransactions() => _generated.Transactions.ListTransactionsAsync();

    [Benchmark(Baseline = true, Description = "hand-written STJ source-gen"), BenchmarkCategory("GET /transactions (1,000)")]
    public Task<List<HandWrittenTransaction>> HandWrittenListTransactions() => _handWritten.ListTransactionsAsync();

    [Benchmark(Description = "NSwag (STJ)"), BenchmarkCategory("GET /transactions (1,000)")]
    public Task<List<NSwagClient.Transaction>> NSwagListTransactions() => _nswag.ListTransactionsAsync();
}
