using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Kua.Generated.Runtime.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Requests.Streams;
using Xunit;

namespace Kua.Generated.Runtime.Tests;

/// <summary>
/// Replies read as items while they arrive, by the client generated from the generator tests' Specs/streams.yaml against a real server on
/// 127.0.0.1 that writes its replies in chunks split at awkward places (inside a line, between CR and LF, inside a UTF-8
/// sequence), pausing between them: server-sent events, JSON lines, JSON sequences, JSON arrays; errors, cut streams and
/// cancellation.
/// </summary>
public sealed class StreamTests
{
    private const string EventStream = "text/event-stream";

    /// <summary>How long a test waits for something that should happen at once (a hang fails the test instead of the run).</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>Two whole items and part of a third, per kind of stream.</summary>
    private static readonly Dictionary<string, string> TwoItemsAndAPart = new()
    {
        ["events"] = "data: one\n\ndata: two\n\ndata: thr",
        ["typed events"] = "data: {\"percent\":1}\n\ndata: {\"percent\":2}\n\ndata: {\"perc",
        ["lines"] = "{\"name\":\"a\",\"value\":1}\n{\"name\":\"b\",\"value\":2}\n{\"name\":\"c\",\"va",
        ["records"] = "\u001E{\"seq\":1}\n\u001E{\"seq\":2}\n\u001E{\"seq\":3,\"pa",
        ["items"] = "[{\"id\":1,\"name\":\"a\"},{\"id\":2,\"name\":\"b\"},{\"id\":3,\"na",
    };

    public static TheoryData<string> Chunkings() => new() { "one chunk", "awkward splits", "byte by byte" };

    [Theory]
    [MemberData(nameof(Chunkings))]
    public async Task ServerSentEventsFollowTheEventStreamRulesWhereverTheChunksSplit(string chunking)
    {
        // A byte order mark, a comment, CRLF, LF and CR line ends, data lines joined with LF, a field without a colon, an
        // id carried over to later events, retry, an event without data (not dispatched), an id with NUL and a retry that
        // is not a number (ignored), an unknown field, one space dropped after the colon, multi-byte UTF-8, and a last
        // event the body ends in without a blank line.
        var body = Encoding.UTF8.GetBytes(
            "\uFEFF: a comment first\r\n" +
            "retry: 2500\r\nid: 1\r\ndata: first\r\ndata: second\r\n\r\n" +
            "event: update\ndata: multi\ndata:line\ndata\n\n" +
            "id: 2\rdata: héllo 🌍\r\r" +
            "event: ignored\nid: 3\n\n" +
            "id: bad\u0000id\nretry: soon\nunknown: field\ndata:  two spaces\n\n" +
            "data: last without a blank line");
        await using var server = await StreamServer.StartAsync();
        Serve(server, "/v1/notifications", EventStream, body, chunking, "\r", "\n", "é", "🌍", "data", "\uFEFF");

        var events = await ReadAllAsync(server.Client.WatchNotificationsAsync());

        Assert.Equal(
            new (string, string?, string)[]
            {
                ("message", "1", "first\nsecond"),
                ("update", "1", "multi\nline\n"),
                ("message", "2", "héllo 🌍"),
                ("message", "3", " two spaces"),
                ("message", "3", "last without a blank line"),
            },
            events.Select(e => (e.Event, e.Id, e.Data)));
        Assert.All(events, e => Assert.Equal(TimeSpan.FromMilliseconds(2500), e.ReconnectionInterval));
        Assert.Equal(EventStream, server.AcceptHeaders.Single());
    }

    [Fact]
    public async Task EachEventArrivesWhileTheServerIsStillSendingAndTheSentinelEndsTheStream()
    {
        var firstSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await StreamServer.StartAsync();
        string? requestBody = null;
        server.Map("/v1/chat/completions", async context =>
        {
            requestBody = await new StreamReader(context.Request.Body).ReadToEndAsync();
            context.Response.ContentType = EventStream;
            await Write(context, "data: {\"id\":\"c1\",\"delta\":\"Hel\"}\n\n");

            // The second chunk is sent only once the client has the first: a client that waited for more would hang here.
            await firstSeen.Task.WaitAsync(context.RequestAborted);
            await Write(context, "data: {\"id\":\"c1\",\"delta\":\"lo\",\"finishReason\":\"stop\"}\n\ndata: [DONE]\n\n");

            // The server keeps the connection open after [DONE]: the client must stop reading by itself, and close it.
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });

        var chunks = new List<ChatChunk>();
        await foreach (var chunk in server.Client.StreamChatAsync(new ChatRequest { Prompt = "hi", Stream = true }).WithTimeout(Patience))
        {
            chunks.Add(chunk.Data);
            firstSeen.TrySetResult();
        }

        Assert.Equal(new[] { ("Hel", null), ("lo", "stop") }, chunks.Select(c => (c.Delta, c.FinishReason)));
        Assert.Equal("{\"prompt\":\"hi\",\"stream\":true}", requestBody);
        await server.ClientClosed.Task.WaitAsync(Patience);
    }

    [Fact]
    public async Task EventDataIsReadAsTheItemSchemasContentSchema()
    {
        // OpenAPI 3.2: itemSchema is an event whose data is a string of contentMediaType application/json with a
        // contentSchema; the JSON is spread over two data lines (joined with LF) and split across chunks.
        var body = Encoding.UTF8.GetBytes(
            "event: progress\nid: 7\nretry: 1000\ndata: {\"percent\": 10,\ndata:  \"stage\": \"cöpy\"}\n\n" +
            "event: progress\ndata: {\"percent\":100}\n\n");
        await using var server = await StreamServer.StartAsync();
        server.Map("/v1/jobs/j 1/progress", EventStream, body, StreamServer.SplitsAt(body, "ö", "10", "\n\n"));
        server.Map("/v1/jobs/done/progress", context =>
        {
            context.Response.StatusCode = 204;
            return Task.CompletedTask;
        });

        var events = await ReadAllAsync(server.Client.WatchJobAsync("j 1"));
        var finished = await ReadAllAsync(server.Client.WatchJobAsync("done"));

        Assert.Equal(new (string, string?, long, string?)[] { ("progress", "7", 10, "cöpy"), ("progress", "7", 100, null) }, events.Select(e => (e.Event, e.Id, e.Data.Percent, e.Data.Stage)));
        Assert.Equal(TimeSpan.FromSeconds(1), events[1].ReconnectionInterval);
        Assert.Empty(finished);
    }

    [Fact]
    public async Task TheEventWhoseDataTheSpecFixesEndsTheStream()
    {
        // tailLog's itemSchema is a oneOf of LogEvent and an event whose data is const END: END ends the stream.
        await using var server = await StreamServer.StartAsync();
        server.Map("/v1/logs/tail", async context =>
        {
            context.Response.ContentType = EventStream;
            await Write(context, "data: {\"level\":\"info\",\"message\":\"started\"}\n\ndata: {\"level\":\"warn\",\"message\":\"slow\"}\n\ndata: END\n\n");
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });

        var entries = await ReadAllAsync(server.Client.TailLogAsync());

        Assert.Equal(new[] { "started", "slow" }, entries.Select(e => e.Data.Message));
        Assert.Equal(LogEntryLevel.Warn, entries[1].Data.Level);
        await server.ClientClosed.Task.WaitAsync(Patience);
    }

    [Fact]
    public async Task AnOperationThatOffersJsonOrEventsKeepsJsonAndStreamsInItsVariant()
    {
        await using var server = await StreamServer.StartAsync();
        server.Map("/v1/answers", async context =>
        {
            if (context.Request.Headers.Accept.ToString() == EventStream)
            {
                // The spec declares no end for these events: [DONE], which JSON data can never be, ends them all the same
                // (the connection stays open after it).
                context.Response.ContentType = EventStream;
                await Write(context, "data: {\"id\":\"a\",\"delta\":\"par\"}\n\ndata: {\"id\":\"a\",\"delta\":\"tial\"}\n\ndata: [DONE]\n\n");
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            else
            {
                context.Response.ContentType = "application/json";
                await Write(context, "{\"text\":\"whole\"}");
            }
        });

        var whole = await server.Client.AnswerAsync(new ChatRequest { Prompt = "q" });
        var parts = await ReadAllAsync(server.Client.AnswerStreamAsync(new ChatRequest { Prompt = "q", Stream = true }));

        Assert.Equal("whole", whole.Text);
        Assert.Equal(new[] { "par", "tial" }, parts.Select(p => p.Data.Delta));
        Assert.Equal(new[] { "application/json", EventStream }, server.AcceptHeaders);
    }

    [Fact]
    public async Task TheWithResponseMethodSendsAtOnceAndHandsOverStatusHeadersAndTheItems()
    {
        await using var server = await StreamServer.StartAsync();
        server.Map("/v1/audit", async context =>
        {
            context.Response.Headers["X-RateLimit-Remaining"] = "41";
            context.Response.ContentType = "application/jsonl";
            await Write(context, "{\"name\":\"a\",\"value\":1}\n{\"name\":\"b\",\"va");
            await Write(context, "lue\":2}\n");
        });

        // The request goes out when the method is called (the plain method waits for the loop), so the status and headers are there before any item.
        var response = await server.Client.ExportAuditWithResponseAsync().WaitAsync(Patience);
        Assert.Single(server.AcceptHeaders);
        var items = await ReadAllAsync(response.Value);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("41", response.Headers["X-RateLimit-Remaining"].Single());
        Assert.Equal(new[] { "a", "b" }, items.Select(i => i.Name));
    }

    [Theory]
    [MemberData(nameof(Chunkings))]
    public async Task JsonLinesArriveOneValuePerLine(string chunking)
    {
        // CRLF and LF, blank and whitespace-only lines, multi-byte UTF-8, and a last line without a line end.
        var body = Encoding.UTF8.GetBytes("{\"name\":\"cpu\",\"value\":0.5,\"labels\":{\"host\":\"h1\"}}\r\n\n   \n{\"name\":\"mém\",\"value\":2}\n{\"name\":\"disk\",\"value\":3.25}");
        await using var server = await StreamServer.StartAsync();
        Serve(server, "/v1/metrics", "application/x-ndjson", body, chunking, "\r", "é", "value", "}");
        Serve(server, "/v1/audit", "application/jsonl", body, chunking, "\n");

        var metrics = await ReadAllAsync(server.Client.ExportMetricsAsync(since: new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero)));
        var audit = await ReadAllAsync(server.Client.ExportAuditAsync());

        var expected = new[] { ("cpu", 0.5), ("mém", 2), ("disk", 3.25) };
        Assert.Equal(expected, metrics.Select(m => (m.Name, m.Value)));
        Assert.Equal(expected, audit.Select(m => (m.Name, m.Value)));
        Assert.Equal("h1", metrics[0].Labels!["host"]);
        Assert.Equal(new[] { "application/x-ndjson", "application/jsonl" }, server.AcceptHeaders);
    }

    [Fact]
    public async Task JsonSequenceRecordsArriveAsSoonAsTheirTextIsComplete()
    {
        var firstSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await StreamServer.StartAsync();
        server.Map("/v1/changes", async context =>
        {
            context.Response.ContentType = "application/json-seq";
            await Write(context, "\u001E{\"seq\":1,\"path\":\"/a\"}\n");

            // The next record separator comes only after the client has the first record.
            await firstSeen.Task.WaitAsync(context.RequestAborted);
            var rest = Encoding.UTF8.GetBytes("\u001E{\n  \"seq\": 2,\n  \"path\": \"/bé\"\n}\n\u001E\n\u001E{\"seq\":3}\n");
            foreach (var chunk in Chunks(rest, StreamServer.SplitsAt(rest, "\n", "é", "\u001E")))
            {
                await StreamServer.WriteChunkAsync(context, chunk, StreamServer.Pause);
            }
        });

        var changes = new List<ListChangesItem>();
        await foreach (var change in server.Client.ListChangesAsync().WithTimeout(Patience))
        {
            changes.Add(change);
            firstSeen.TrySetResult();
        }

        Assert.Equal(new[] { (1L, "/a"), (2L, "/bé"), (3L, null) }, changes.Select(c => (c.Seq, c.Path)));
        Assert.Equal("application/json-seq", server.AcceptHeaders.Single());
    }

    [Fact]
    public async Task TheArrayVariantHandsOverEachItemAsItArrives()
    {
        var firstSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var rest = Encoding.UTF8.GetBytes(", {\"id\": 12345, \"name\": \"bé\", \"payload\": \"x\\\"y\"} ,\n{\"id\":3,\"name\":\"c\",\"payload\":null,\"extra\":[1,{\"a\":[]}]}\n]\n");
        await using var server = await StreamServer.StartAsync();
        server.Map("/v1/items", async context =>
        {
            context.Response.ContentType = "application/json";
            await Write(context, "[{\"id\":1,\"name\":\"a\"}");
            if (context.Request.Query["limit"] == "3")
            {
                // The rest comes only after the client has the first item (the plain method gets it all at once).
                await firstSeen.Task.WaitAsync(context.RequestAborted);
            }

            foreach (var chunk in Chunks(rest, StreamServer.SplitsAt(rest, "123", "é", "\\\"", "[1", "]")))
            {
                await StreamServer.WriteChunkAsync(context, chunk, StreamServer.Pause);
            }
        });

        var streamed = new List<Item>();
        await foreach (var item in server.Client.ListItemsStreamAsync(limit: 3).WithTimeout(Patience))
        {
            streamed.Add(item);
            firstSeen.TrySetResult();
        }

        var whole = await server.Client.ListItemsAsync();

        var expected = new[] { (1L, "a", (string?)null), (12345L, "bé", "x\"y"), (3L, "c", null) };
        Assert.Equal(expected, streamed.Select(i => (i.Id, i.Name, i.Payload)));
        Assert.Equal(expected, whole.Select(i => (i.Id, i.Name, i.Payload)));
        Assert.Equal(new[] { "application/json", "application/json" }, server.AcceptHeaders);
    }

    [Fact]
    public async Task AnArrayVariantReadsNullItemsAndNoItemsForNullOrNoBody()
    {
        await using var server = await StreamServer.StartAsync();
        var replies = new Queue<Func<HttpContext, Task>>(new Func<HttpContext, Task>[]
        {
            context => StreamServer.WriteAsync(context, "application/json", Encoding.UTF8.GetBytes("[\"a\", null ,\"c\"]"), StreamServer.Pause, 4, 9),
            context => StreamServer.WriteAsync(context, "application/json", Encoding.UTF8.GetBytes(" null "), StreamServer.Pause),
            context =>
            {
                context.Response.StatusCode = 204;
                return Task.CompletedTask;
            },
        });
        server.Map("/v1/tags", context => replies.Dequeue()(context));

        Assert.Equal(new[] { "a", null, "c" }, await ReadAllAsync(server.Client.ListTagsStreamAsync()));
        Assert.Empty(await ReadAllAsync(server.Client.ListTagsStreamAsync()));
        Assert.Empty(await ReadAllAsync(server.Client.ListTagsStreamAsync()));
    }

    [Fact]
    public async Task AnErrorStatusThrowsItsDeclaredExceptionWhenTheStreamIsRead()
    {
        await using var server = await StreamServer.StartAsync();
        server.Map("/v1/notifications", context =>
        {
            context.Response.StatusCode = 404;
            return StreamServer.WriteAsync(context, "application/json", Encoding.UTF8.GetBytes("{\"title\":\"no such feed\"}"), TimeSpan.Zero);
        });

        // Nothing is sent until the items are read.
        var events = server.Client.WatchNotificationsAsync();
        Assert.Empty(server.AcceptHeaders);
        var error = await Assert.ThrowsAsync<KuaApiException<Problem>>(() => ReadAllAsync(events));

        Assert.Equal(("watchNotifications", 404, "no such feed"), (error.OperationId, error.StatusCode, error.TypedError.Title));
    }

    public static TheoryData<string> CutStreams() => new() { "events", "lines", "records", "items" };

    [Theory]
    [MemberData(nameof(CutStreams))]
    public async Task AStreamCutInTheMiddleOfAnItemThrowsAndNeverHandsOverThePart(string kind)
    {
        var (items, error) = await ReadTwoItemsAndAPartAsync(kind, cut: true);

        Assert.Equal(2, items);
        var failure = Assert.IsType<KuaApiException>(error);
        Assert.Equal(200, failure.StatusCode);
        Assert.Contains("was cut after 2 " + kind + ", in the middle of the next one", failure.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<IOException>(failure.InnerException);
    }

    /// <summary>A body that ends cleanly inside an item (text events are not here: their last event needs no blank line).</summary>
    public static TheoryData<string> UnfinishedStreams() => new() { "lines", "records", "items", "typed events" };

    [Theory]
    [MemberData(nameof(UnfinishedStreams))]
    public async Task ABodyThatEndsInsideAnItemThrowsRatherThanHandOverAPart(string kind)
    {
        var (items, error) = await ReadTwoItemsAndAPartAsync(kind, cut: false);

        Assert.Equal(2, items);
        var failure = Assert.IsType<KuaApiException>(error);
        Assert.Contains("could not be read at", failure.Message, StringComparison.Ordinal);
        Assert.Contains(" 3: ", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LeavingTheLoopEarlyClosesTheConnectionAtOnce()
    {
        var written = 0;
        await using var server = await StreamServer.StartAsync();
        server.Map("/v1/notifications", async context =>
        {
            context.Response.ContentType = EventStream;
            while (true)
            {
                await Write(context, "data: " + written + "\n\n");
                Interlocked.Increment(ref written);
            }
        });

        var seen = 0;
        await foreach (var unused in server.Client.WatchNotificationsAsync().WithTimeout(Patience))
        {
            if (++seen == 3)
            {
                break;
            }
        }

        var writtenWhenLeft = Volatile.Read(ref written);
        await server.ClientClosed.Task.WaitAsync(Patience);

        // Disposing a reply before its end would let the handler drain it for up to 2 s (about 130 more events here) to
        // reuse the connection; the stream closes it instead, so the server stops within an event or two (the bound leaves
        // room for a loaded machine and stays far below a drain).
        Assert.InRange(Volatile.Read(ref written) - writtenWhenLeft, 0, 20);
    }

    public static TheoryData<string> TokenPlaces() => new() { "the method's token", "the enumerator's token" };

    [Theory]
    [MemberData(nameof(TokenPlaces))]
    public async Task CancellingStopsAReadThatWaitsForTheServerAndClosesTheConnection(string place)
    {
        await using var server = await StreamServer.StartAsync();
        server.Map("/v1/notifications", async context =>
        {
            context.Response.ContentType = EventStream;
            await Write(context, "data: only\n\n");
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        using var cancel = new CancellationTokenSource();

        var events = place == "the method's token"
            ? server.Client.WatchNotificationsAsync(cancellationToken: cancel.Token)
            : server.Client.WatchNotificationsAsync().WithCancellation(cancel.Token).AsEnumerable();
        var received = new List<string>();
        var error = await Record.ExceptionAsync(async () =>
        {
            await foreach (var e in events)
            {
                received.Add(e.Data);
                cancel.CancelAfter(50);
            }
        }).WaitAsync(Patience);

        Assert.Equal(new[] { "only" }, received);
        Assert.Equal(cancel.Token, Assert.IsAssignableFrom<OperationCanceledException>(error).CancellationToken);
        await server.ClientClosed.Task.WaitAsync(Patience);
    }

    [Fact]
    public async Task CancellingStopsTheItemsAlreadyReceivedToo()
    {
        await using var server = await StreamServer.StartAsync();
        server.Map("/v1/notifications", async context =>
        {
            context.Response.ContentType = EventStream;
            await Write(context, "data: 1\n\ndata: 2\n\ndata: 3\n\n");
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        using var cancel = new CancellationTokenSource();

        var received = new List<string>();
        var error = await Record.ExceptionAsync(async () =>
        {
            await foreach (var e in server.Client.WatchNotificationsAsync(cancellationToken: cancel.Token))
            {
                received.Add(e.Data);
                cancel.Cancel();
            }
        }).WaitAsync(Patience);

        Assert.Equal(new[] { "1" }, received);
        Assert.IsAssignableFrom<OperationCanceledException>(error);
        await server.ClientClosed.Task.WaitAsync(Patience);
    }

    [Fact]
    public async Task AStreamIsReadOnce()
    {
        await using var server = await StreamServer.StartAsync();
        server.Map("/v1/notifications", EventStream, Encoding.UTF8.GetBytes("data: a\n\n"));
        var events = server.Client.WatchNotificationsAsync();

        Assert.Single(await ReadAllAsync(events));
        var again = Assert.Throws<InvalidOperationException>(() => events.GetAsyncEnumerator());
        Assert.Contains("'watchNotifications' has been read already", again.Message, StringComparison.Ordinal);
    }

    private static void Serve(StreamServer server, string path, string mediaType, byte[] body, string chunking, params string[] splitMarkers)
    {
        switch (chunking)
        {
            case "one chunk":
                server.Map(path, mediaType, body);
                break;
            case "awkward splits":
                server.Map(path, mediaType, body, StreamServer.SplitsAt(body, splitMarkers));
                break;
            default:
                server.MapBytewise(path, mediaType, body);
                break;
        }
    }

    private static string PathOf(string kind) => kind switch
    {
        "events" => "/v1/notifications",
        "typed events" => "/v1/jobs/j/progress",
        "lines" => "/v1/metrics",
        "records" => "/v1/changes",
        _ => "/v1/items",
    };

    /// <summary>
    /// Serves two items and part of a third of <paramref name="kind"/>, then aborts the connection (<paramref name="cut"/>)
    /// or ends the body cleanly, and reads them until the client throws.
    /// </summary>
    private static async Task<(int Items, Exception? Error)> ReadTwoItemsAndAPartAsync(string kind, bool cut)
    {
        // The cut waits until the client has handed over both items: a reset that arrives before the client has read the
        // bytes makes the kernel drop them, and the test would see a cut before the first item instead.
        var twoItemsRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await StreamServer.StartAsync();
        server.Map(PathOf(kind), async context =>
        {
            context.Response.ContentType = "application/octet-stream";
            await Write(context, TwoItemsAndAPart[kind]);
            if (cut)
            {
                await twoItemsRead.Task.WaitAsync(Patience);
                context.Abort();
            }
        });

        return await ReadUntilErrorAsync(server.Client, kind, onItem: count =>
        {
            if (count == 2)
            {
                twoItemsRead.TrySetResult();
            }
        });
    }

    /// <summary>Reads the operation that serves <paramref name="kind"/> until it throws: how many items came first, and the exception.</summary>
    private static async Task<(int Items, Exception? Error)> ReadUntilErrorAsync(StreamsClient client, string kind, Action<int>? onItem = null)
    {
        var items = 0;
        async Task Count<T>(IAsyncEnumerable<T> stream)
        {
            await foreach (var unused in stream)
            {
                onItem?.Invoke(++items);
            }
        }

        var reading = kind switch
        {
            "events" => Count(client.WatchNotificationsAsync()),
            "typed events" => Count(client.WatchJobAsync("j")),
            "lines" => Count(client.ExportMetricsAsync()),
            "records" => Count(client.ListChangesAsync()),
            _ => Count(client.ListItemsStreamAsync()),
        };
        var error = await Record.ExceptionAsync(() => reading.WaitAsync(Patience));
        return (items, error);
    }

    private static async Task<List<T>> ReadAllAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items.WithTimeout(Patience))
        {
            list.Add(item);
        }

        return list;
    }

    private static Task Write(HttpContext context, string text) =>
        StreamServer.WriteChunkAsync(context, Encoding.UTF8.GetBytes(text), StreamServer.Pause);

    private static IEnumerable<ReadOnlyMemory<byte>> Chunks(byte[] bytes, int[] splits)
    {
        var start = 0;
        foreach (var split in splits.Append(bytes.Length))
        {
            yield return bytes.AsMemory(start, split - start);
            start = split;
        }
    }
}

/// <summary>Helpers that keep a stream test from hanging when the client waits for bytes that never come.</summary>
internal static class AsyncEnumerableTestExtensions
{
    /// <summary>The items, each of which must arrive within <paramref name="timeout"/>.</summary>
    public static async IAsyncEnumerable<T> WithTimeout<T>(this IAsyncEnumerable<T> items, TimeSpan timeout)
    {
        await using var enumerator = items.GetAsyncEnumerator();
        while (await enumerator.MoveNextAsync().AsTask().WaitAsync(timeout))
        {
            yield return enumerator.Current;
        }
    }

    /// <summary>A configured enumerable (<c>WithCancellation</c>) as a plain one.</summary>
    public static async IAsyncEnumerable<T> AsEnumerable<T>(this System.Runtime.CompilerServices.ConfiguredCancelableAsyncEnumerable<T> items)
    {
        await foreach (var item in items)
        {
            yield return item;
        }
    }
}
