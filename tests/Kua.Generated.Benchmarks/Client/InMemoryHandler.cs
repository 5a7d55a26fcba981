using System.Net;
using System.Net.Http.Headers;

namespace Kua.Generated.Benchmarks.Client;

/// <summary>
/// The fake server: answers by path with a fresh <see cref="HttpResponseMessage"/> over cached bytes
/// (<see cref="ByteArrayContent"/>), so the benchmarks measure the clients, not the fake.
/// </summary>
internal sealed class InMemoryHandler : HttpMessageHandler
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    public int Logins { get; private set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(Answer(request));

    private HttpResponseMessage Answer(HttpRequestMessage request)
    {
        var path = request.RequestUri!.AbsolutePath;
        byte[] body;
        if (path.EndsWith("/transactions", StringComparison.Ordinal))
        {
            body = Payloads.Transactions;
        }
        else if (path.EndsWith("/accounts", StringComparison.Ordinal))
        {
            body = Payloads.Account;
        }
        else if (path.EndsWith("/sessions/email", StringComparison.Ordinal))
        {
            Logins++;
            body = Payloads.Login;
        }
        else
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request };
        }

        var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
    }
}
