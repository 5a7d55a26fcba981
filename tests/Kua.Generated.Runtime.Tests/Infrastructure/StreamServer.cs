using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Requests.Streams;

namespace Kua.Generated.Runtime.Tests.Infrastructure;

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel, a port the OS picks) for the stream tests: each test maps the paths of
/// Specs/streams.yaml it calls to a handler that writes its reply in chunks (split where the test says, with a flush and
/// a pause after each, so the client reads them apart). Records each request's Accept header and whether the client
/// closed the connection before the handler finished.
/// </summary>
internal sealed class StreamServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, RequestDelegate> _routes = new(StringComparer.Ordinal);
    private readonly HttpClient _httpClient;

    private StreamServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        _httpClient = new HttpClient { BaseAddress = baseAddress };
    }

    /// <summary>http://127.0.0.1:{port}/v1/, the spec's base path on this server.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The Accept header of each request, in order of arrival.</summary>
    public ConcurrentQueue<string> AcceptHeaders { get; } = new();

    /// <summary>Completes when a handler sees its client close the connection (the request aborted) while it still writes.</summary>
    public TaskCompletionSource ClientClosed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A client of this server (generated from Specs/streams.yaml).</summary>
    public StreamsClient Client => new(_httpClient);

    public static async Task<StreamServer> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        StreamServer? server = null;
        app.Run(context => server!.HandleAsync(context));
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        server = new StreamServer(app, new Uri("http://127.0.0.1:" + address.Port.ToString(CultureInfo.InvariantCulture) + "/v1/"));
        return server;
    }

    /// <summary>Serves <paramref name="path"/> (as "/v1/items") with <paramref name="handler"/>.</summary>
    public void Map(string path, RequestDelegate handler) => _routes[path] = handler;

    /// <summary>Serves <paramref name="path"/> with <paramref name="body"/> in <paramref name="mediaType"/>, cut into chunks at <paramref name="splits"/>.</summary>
    public void Map(string path, string mediaType, byte[] body, params int[] splits) =>
        Map(path, context => WriteAsync(context, mediaType, body, Pause, splits));

    /// <summary>Serves <paramref name="path"/> with <paramref name="body"/> one byte per chunk (each flushed, no pause).</summary>
    public void MapBytewise(string path, string mediaType, byte[] body) =>
        Map(path, context => WriteAsync(context, mediaType, body, TimeSpan.Zero, Enumerable.Range(1, Math.Max(0, body.Length - 1)).ToArray()));

    /// <summary>How long a handler waits after each chunk, so the client reads the chunks apart.</summary>
    public static TimeSpan Pause { get; } = TimeSpan.FromMilliseconds(15);

    /// <summary>Writes a 200 reply in chunks: the bytes up to each split point, each flushed and followed by <paramref name="pause"/>.</summary>
    public static async Task WriteAsync(HttpContext context, string mediaType, byte[] body, TimeSpan pause, params int[] splits)
    {
        context.Response.ContentType = mediaType;
        var start = 0;
        foreach (var split in splits.Append(body.Length))
        {
            await WriteChunkAsync(context, body.AsMemory(start, split - start), pause);
            start = split;
        }
    }

    /// <summary>Writes one chunk, flushes it and pauses, so the client reads it on its own.</summary>
    public static async Task WriteChunkAsync(HttpContext context, ReadOnlyMemory<byte> chunk, TimeSpan pause)
    {
        await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        if (pause > TimeSpan.Zero)
        {
            await Task.Delay(pause, context.RequestAborted);
        }
    }

    /// <summary>Split points inside each occurrence of each marker, just after its first byte: between CR and LF, inside a UTF-8 sequence, inside a word.</summary>
    public static int[] SplitsAt(byte[] body, params string[] markers)
    {
        var splits = new SortedSet<int>();
        foreach (var marker in markers)
        {
            var bytes = Encoding.UTF8.GetBytes(marker);
            for (var i = body.AsSpan().IndexOf(bytes); i >= 0; i = NextIndex(body, bytes, i))
            {
                splits.Add(i + 1);
            }
        }

        return splits.Where(s => s > 0 && s < body.Length).ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        _httpClient.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static int NextIndex(byte[] body, byte[] bytes, int previous)
    {
        var next = body.AsSpan(previous + 1).IndexOf(bytes);
        return next < 0 ? -1 : previous + 1 + next;
    }

    private async Task HandleAsync(HttpContext context)
    {
        AcceptHeaders.Enqueue(context.Request.Headers.Accept.ToString());
        if (!_routes.TryGetValue(context.Request.Path.Value ?? string.Empty, out var handler))
        {
            context.Response.StatusCode = 404;
            return;
        }

        try
        {
            await handler(context);
        }
        catch (Exception ex) when (ex is OperationCanceledException || ex is IOException)
        {
            // The handlers write until they are done; only the client closing the connection stops them early.
            ClientClosed.TrySetResult();
        }
    }
}
