using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kua.Generated.Benchmarks.Client;

/// <summary>
/// What a careful developer writes by hand for the same two calls: HttpClient, a status check, and System.Text.Json
/// with a source-generated <see cref="JsonSerializerContext"/> (no reflection). Same request (GET, Accept: application/json,
/// headers-read completion), same checks (required properties, success status), same result types in shape.
/// </summary>
public sealed class HandWrittenClient(HttpClient httpClient)
{
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");

    public async Task<HandWrittenAccount> GetAccountAsync(CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "accounts");
        request.Headers.Accept.Add(AcceptJson);
        using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        EnsureSuccess(response, "getAccount");
        using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await JsonSerializer.DeserializeAsync(stream, HandWrittenJsonContext.Default.HandWrittenAccount, cancellationToken).ConfigureAwait(false)
            ?? throw new JsonException("getAccount returned null.");
    }

    public async Task<List<HandWrittenTransaction>> ListTransactionsAsync(CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "transactions");
        request.Headers.Accept.Add(AcceptJson);
        using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        EnsureSuccess(response, "listTransactions");
        using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await JsonSerializer.DeserializeAsync(stream, HandWrittenJsonContext.Default.ListHandWrittenTransaction, cancellationToken).ConfigureAwait(false)
            ?? throw new JsonException("listTransactions returned null.");
    }

    private static void EnsureSuccess(HttpResponseMessage response, string operation)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(operation + " returned HTTP " + (int)response.StatusCode + ".", null, response.StatusCode);
        }
    }
}

/// <summary>The account; the status is kept as text, as the generated forward-compatible enum keeps it.</summary>
public sealed class HandWrittenAccount
{
    public required string Id { get; init; }

    public required string Email { get; init; }

    public string? DisplayName { get; init; }

    public string? Status { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>One transaction.</summary>
public sealed class HandWrittenTransaction
{
    public required string Id { get; init; }

    public required string AccountId { get; init; }

    public required double Amount { get; init; }

    public required string Currency { get; init; }

    public string? Description { get; init; }

    public string? Status { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(HandWrittenAccount))]
[JsonSerializable(typeof(List<HandWrittenTransaction>))]
internal sealed partial class HandWrittenJsonContext : JsonSerializerContext;
