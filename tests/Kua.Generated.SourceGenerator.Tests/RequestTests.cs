using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Requests.Bodies;
using Requests.Parameters;
using Requests.Swagger2;

namespace Kua.Generated.SourceGenerator.Tests;

/// <summary>
/// What generated clients put on the wire: URL paths and queries by OpenAPI style/explode, headers, cookies,
/// form, multipart, text and binary bodies, and how replies per status become results or typed exceptions.
/// The clients come from Specs/parameters.yaml, Specs/bodies.yaml and Specs/swagger2.yaml, generated into this assembly.
/// </summary>
public sealed class RequestTests
{
    [Fact]
    public async Task PathQueryHeaderAndCookieParametersFollowTheirStyles()
    {
        var handler = new CapturingHandler(Reply(HttpStatusCode.OK, "\"ok\"", "application/json"));
        using var client = new ParametersClient(new HttpClient(handler));

        var result = await client.GetItemAsync(
            itemId: 42,
            labels: new[] { "a", "b c" },
            point: new Requests.Parameters.Point { X = 1, Y = 2 },
            day: new DateOnly(2024, 2, 29),
            xFlags: new[] { "f1", "f2" },
            consent: true,
            tags: new[] { "t1", "t2" },
            ids: new[] { 1, 2, 3 },
            words: new[] { "x", "y" },
            codes: new[] { "p", "q" },
            filter: new Requests.Parameters.Point { X = 5 },
            since: new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(1)),
            limit: 7,
            path: "a/b?c",
            xRequestID: Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301"),
            xOrigin: new Requests.Parameters.Point { X = 8, Y = 9 },
            session: "s 1",
            retries: 2,
            prefs: new Dictionary<string, string> { ["theme"] = "dark" });

        Assert.Equal("ok", result);
        var request = handler.Requests.Single();
        Assert.Equal(HttpMethod.Get, request.Method);
        // Required parameters come first (as in the method's signature); '|' and '[ ]' are percent-encoded on the wire.
        Assert.Equal(
            "https://example.test/v1/items/42/.a,b%20c/;x=1;y=2" +
            "?day=2024-02-29&tags=t1&tags=t2&ids=1,2,3&words=x%20y&codes=p%7Cq&filter%5Bx%5D=5" +
            "&since=2024-01-02T03%3A04%3A05%2B01%3A00&limit=7&path=a/b?c",
            request.RequestUri!.AbsoluteUri);
        Assert.Equal("3f2504e0-4f89-11d3-9a0c-0305e82c3301", request.Headers["X-Request-ID"]);
        Assert.Equal("f1,f2", request.Headers["X-Flags"]);
        Assert.Equal("x,8,y,9", request.Headers["X-Origin"]);
        Assert.Equal("application/json", request.Headers["Accept"]);
        // A map cookie is form-style and exploded by default: one cookie per entry.
        Assert.Equal("consent=true; session=s%201; retries=2; theme=dark", request.Headers["Cookie"]);
    }

    [Fact]
    public async Task OptionalParametersLeftNullAreLeftOut()
    {
        var handler = new CapturingHandler(Reply(HttpStatusCode.NoContent));
        using var client = new ParametersClient(new HttpClient(handler));

        await client.GetReportAsync(2024, flag: false);

        Assert.Equal("https://example.test/v1/reports/2024?flag=false", handler.Requests.Single().RequestUri!.AbsoluteUri);
        Assert.False(handler.Requests.Single().Headers.ContainsKey("Cookie"));
    }

    [Fact]
    public async Task FormBodyIsUrlEncodedWithRepeatedArrays()
    {
        var handler = new CapturingHandler(Reply(HttpStatusCode.NoContent));
        using var client = Bodies(handler);

        await client.LoginAsync("ann lee", "p&ss=1", scopes: new[] { "read", "write" }, remember: true);

        var request = handler.Requests.Single();
        Assert.Equal("application/x-www-form-urlencoded", request.ContentType);
        Assert.Equal("username=ann+lee&password=p%26ss%3D1&scopes=read&scopes=write&remember=true", request.Body);
    }

    [Fact]
    public async Task FormBodyFromANamedSchemaUsesItsProperties()
    {
        var handler = new CapturingHandler(Reply(HttpStatusCode.NoContent));
        using var client = Bodies(handler);

        await client.UpdateProfileAsync(new ProfileForm { DisplayName = "Ann", Birthday = new DateOnly(1990, 5, 6) });

        Assert.Equal("displayName=Ann&birthday=1990-05-06", handler.Requests.Single().Body);
    }

    [Fact]
    public async Task MultipartCarriesFilesFieldsAndJsonParts()
    {
        var handler = new CapturingHandler(Reply(HttpStatusCode.Created, "stored", "text/plain"));
        using var client = Bodies(handler);
        using var file = new MemoryStream(Encoding.UTF8.GetBytes("file bytes"));
        using var second = new MemoryStream(new byte[] { 1, 2, 3 });

        var stored = await client.UploadAsync(
            new KuaFile(file, "report.txt", "text/plain"),
            attachments: new[] { new KuaFile(second, "a.bin") },
            description: "two files",
            metadata: new ProfileForm { DisplayName = "Ann" },
            labels: new[] { "x", "y" });

        Assert.Equal("stored", stored);
        var request = handler.Requests.Single();
        Assert.StartsWith("multipart/form-data", request.ContentType, StringComparison.Ordinal);
        Assert.Contains("name=\"file\"; filename=\"report.txt\"", request.Body, StringComparison.Ordinal);
        Assert.Contains("file bytes", request.Body, StringComparison.Ordinal);
        Assert.Contains("name=\"attachments\"; filename=\"a.bin\"", request.Body, StringComparison.Ordinal);
        Assert.Contains("name=\"description\"", request.Body, StringComparison.Ordinal);
        Assert.Contains("{\"displayName\":\"Ann\"}", request.Body, StringComparison.Ordinal);
        Assert.Equal(2, CountOccurrences(request.Body, "name=\"labels\""));
    }

    [Fact]
    public async Task BinaryUploadAndDownloadAreStreams()
    {
        var handler = new CapturingHandler(Reply(HttpStatusCode.NoContent), new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(new byte[] { 9, 8, 7 }) });
        using var client = Bodies(handler);

        await client.PutBlobAsync("b 1", new MemoryStream(new byte[] { 1, 2 }));
        await using var download = await client.GetBlobAsync("b1");
        using var copy = new MemoryStream();
        await download.CopyToAsync(copy);

        Assert.Equal("https://bodies.test/blobs/b%201", handler.Requests[0].RequestUri!.AbsoluteUri);
        Assert.Equal("application/octet-stream", handler.Requests[0].ContentType);
        Assert.Equal(new byte[] { 9, 8, 7 }, copy.ToArray());
    }

    [Fact]
    public async Task ErrorRepliesBecomeTypedExceptionsByExactCodeRangeAndDefault()
    {
        var handler = new CapturingHandler(
            Reply(HttpStatusCode.NotFound, """{"title":"missing","status":404}""", "application/json"),
            Reply(HttpStatusCode.Conflict, """{"title":"range"}""", "application/problem+json"),
            Reply(HttpStatusCode.InternalServerError, """{"title":"default"}""", "application/json"),
            Reply(HttpStatusCode.OK, "note text", "text/plain"));
        using var client = Bodies(handler);

        var notFound = await Assert.ThrowsAsync<KuaApiException<Problem>>(() => client.GetBlobAsync("x"));
        var conflict = await Assert.ThrowsAsync<KuaApiException<Problem>>(() => client.PostNoteAsync("n"));
        var failure = await Assert.ThrowsAsync<KuaApiException<Problem>>(() => client.PostNoteAsync("n"));
        var text = await client.PostNoteAsync("hello");

        Assert.Equal(("getBlob", 404, "missing"), (notFound.OperationId, notFound.StatusCode, notFound.TypedError.Title));
        Assert.Equal((409, "range"), (conflict.StatusCode, conflict.TypedError.Title));
        Assert.Equal((500, "default"), (failure.StatusCode, failure.TypedError.Title));
        Assert.Equal("note text", text);
        Assert.Equal("text/plain", handler.Requests[3].ContentType);
        Assert.Equal("hello", handler.Requests[3].Body);
    }

    [Fact]
    public async Task SuccessRangeReadsTheBodyOfAnyTwoHundredStatus()
    {
        var handler = new CapturingHandler(Reply(HttpStatusCode.NonAuthoritativeInformation, """{"id":"r1"}""", "application/json"));
        using var client = Bodies(handler);

        var receipt = await client.GetReceiptAsync("r1");

        Assert.Equal("r1", receipt.Id);
    }

    [Fact]
    public async Task SuccessStatusesWithDifferentSchemasGiveATypedResultByStatus()
    {
        var handler = new CapturingHandler(
            Reply(HttpStatusCode.Accepted, """{"etaSeconds":5}""", "application/json"),
            Reply(HttpStatusCode.OK, """{"id":"j1"}""", "application/json"),
            Reply(HttpStatusCode.Created, """{"id":"j2"}""", "application/json"));
        using var client = Bodies(handler);

        var pending = await client.GetJobAsync("j1");
        var done = await client.GetJobAsync("j1");
        var undeclared = await client.GetJobAsync("j2");

        // The status says which schema the body has; nothing is guessed from the content.
        Assert.Equal(202, pending.Status);
        Assert.True(pending.TryGetPending(out var waiting));
        Assert.Equal(5, waiting!.EtaSeconds);
        Assert.False(pending.TryGetReceipt(out _));
        Assert.True(done.TryGetReceipt(out var receipt));
        Assert.Equal("j1", receipt!.Id);
        Assert.Equal("receipt j1", done.Match(r => "receipt " + r.Id, p => "pending", other => "other " + other.Status));
        Assert.Equal("pending 5", pending.Match(r => "receipt", p => "pending " + p.EtaSeconds, other => "other"));
        Assert.Equal("other 201", undeclared.Match(r => "receipt", p => "pending", other => "other " + other.Status));
        Assert.Equal("j2", undeclared.Json.GetProperty("id").GetString());
    }

    [Fact]
    public async Task WithResponseReturnsTheStatusTheHeadersAndTheDeclaredHeadersTyped()
    {
        var created = Reply(HttpStatusCode.Created, """{"id":"t1"}""", "application/json");
        created.Headers.Location = new Uri("/things/t1", UriKind.Relative);
        created.Headers.TryAddWithoutValidation("ETag", "\"v1\"");
        created.Headers.TryAddWithoutValidation("X-RateLimit-Remaining", "41");
        created.Headers.TryAddWithoutValidation("X-Tags", "a, b");
        var deleted = Reply(HttpStatusCode.NoContent);
        deleted.Headers.TryAddWithoutValidation("ETag", "\"v2\"");
        var plain = Reply(HttpStatusCode.Created, """{"id":"t2"}""", "application/json");
        using var client = Bodies(new CapturingHandler(created, deleted, plain));

        var response = await client.CreateThingWithResponseAsync(new Pending { EtaSeconds = 1 });
        var gone = await client.DeleteThingWithResponseAsync("t1");
        var receipt = await client.CreateThingAsync(new Pending());

        Assert.Equal(201, response.StatusCode);
        Assert.Equal("t1", response.Value.Id);
        Assert.Equal("41", response.Headers["X-RateLimit-Remaining"].Single());
        Assert.Equal(new Uri("/things/t1", UriKind.Relative), response.TypedHeaders.Location);
        Assert.Equal("\"v1\"", response.TypedHeaders.ETag);
        Assert.Equal(41, response.TypedHeaders.XRateLimitRemaining);
        Assert.Equal(new[] { "a", "b" }, response.TypedHeaders.XTags);
        Assert.Equal(204, gone.StatusCode);
        Assert.Equal("\"v2\"", gone.TypedHeaders.ETag);
        Assert.Equal("t2", receipt.Id);
    }

    [Fact]
    public async Task AHeaderThatIsAbsentOrNotOfItsTypeReadsAsNull()
    {
        var reply = Reply(HttpStatusCode.Created, """{"id":"t1"}""", "application/json");
        reply.Headers.TryAddWithoutValidation("X-RateLimit-Remaining", "many");
        using var client = Bodies(new CapturingHandler(reply));

        var response = await client.CreateThingWithResponseAsync(new Pending());

        Assert.Null(response.TypedHeaders.XRateLimitRemaining);
        Assert.Null(response.TypedHeaders.Location);
        Assert.Equal("many", response.Headers["X-RateLimit-Remaining"].Single());
    }

    [Fact]
    public async Task Swagger2CollectionFormatsAndFormDataFiles()
    {
        var handler = new CapturingHandler(
            Reply(HttpStatusCode.OK, "[]", "application/json"),
            Reply(HttpStatusCode.Created, """{"owner":null,"name":"n.txt","size":3}""", "application/json"));
        using var client = new Swagger2Client(new HttpClient(handler));
        using var file = new MemoryStream(Encoding.UTF8.GetBytes("abc"));

        await client.FindFilesAsync(names: new[] { "a", "b" }, sizes: new long[] { 1, 2 }, words: new[] { "x", "y" }, tags: new[] { "t", "u" }, columns: new[] { "c d", "e" });
        var stored = await client.UploadFileAsync(new KuaFile(file, "n.txt"), comment: "hi");

        // host + basePath + schemes give the base address; multi repeats, pipes/ssv/csv/tsv join with their delimiter.
        Assert.Equal("https://example.test/api/files?names=a&names=b&sizes=1%7C2&words=x%20y&tags=t,u&columns=c%20d%09e", handler.Requests[0].RequestUri!.AbsoluteUri);
        Assert.StartsWith("multipart/form-data", handler.Requests[1].ContentType, StringComparison.Ordinal);
        Assert.Contains("name=\"file\"; filename=\"n.txt\"", handler.Requests[1].Body, StringComparison.Ordinal);
        Assert.Equal((null, "n.txt", 3L), (stored.Owner, stored.Name, stored.Size));
    }

    private static BodiesClient Bodies(CapturingHandler handler) =>
        new(new HttpClient(handler) { BaseAddress = new Uri("https://bodies.test/") });

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var index = text.IndexOf(value, StringComparison.Ordinal); index >= 0; index = text.IndexOf(value, index + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static HttpResponseMessage Reply(HttpStatusCode status, string? body = null, string? mediaType = null)
    {
        var reply = new HttpResponseMessage(status);
        if (body != null)
        {
            reply.Content = new StringContent(body, Encoding.UTF8);
            reply.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType!);
        }

        return reply;
    }

    /// <summary>A request as it was sent: method, URI, headers (joined) and the body as text.</summary>
    private sealed record CapturedRequest(HttpMethod Method, Uri? RequestUri, Dictionary<string, string> Headers, string? ContentType, string Body);

    /// <summary>Records each request (reading its body) and answers with the queued replies in order.</summary>
    private sealed class CapturingHandler(params HttpResponseMessage[] replies) : HttpMessageHandler
    {
        private readonly Queue<HttpResponseMessage> _replies = new(replies);

        public List<CapturedRequest> Requests { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
            var body = request.Content is null ? string.Empty : Encoding.UTF8.GetString(await request.Content.ReadAsByteArrayAsync(cancellationToken));
            Requests.Add(new CapturedRequest(request.Method, request.RequestUri, headers, request.Content?.Headers.ContentType?.MediaType, body));
            return _replies.Dequeue();
        }
    }
}
