using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Kua.Generated.Runtime.Json;
using Kua.Generated.Runtime.Reading;
using Kua.Generated.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tolerant;
using Tolerant.Serialization;
using Xunit;

namespace Kua.Generated.Runtime.Tests;

/// <summary>
/// A real loopback server (Kestrel) that breaks its own spec (Specs/tolerant.yaml), read by the generated client:
/// strict mode (the default) fails naming the operation, status and JSON path; tolerant mode reads the deviations it
/// documents, reports each one (a Warning log entry without values, rate-limited, and the kua.client.spec_deviations
/// counter tagged with operation and kind), and still fails on anything else.
/// </summary>
[Collection(nameof(TolerantReadingTests))]
public sealed class TolerantReadingTests
{
    // Every deviation tolerant mode reads, in one reply: an id sent as a number, an amount and a count as numeric
    // strings, a required status sent as null, one line object where the spec says array (its sku missing), and
    // the required customer name missing.
    private const string Deviating =
        "{\"id\":4711,\"amount\":\"12.5\",\"count\":\"3\",\"total\":\"-0.25\",\"status\":null," +
        "\"lines\":{\"quantity\":\"2\"},\"customer\":{}}";

    private const string Valid =
        "{\"id\":\"inv-1\",\"amount\":12.5,\"count\":3,\"total\":-0.25,\"status\":\"paid\",\"issued\":\"2024-05-06T07:08:09+00:00\"," +
        "\"lines\":[{\"sku\":\"A-1\",\"quantity\":2}],\"customer\":{\"name\":\"Ann\"}}";

    [Fact]
    public async Task StrictModeFailsNamingTheOperationStatusAndPath()
    {
        await using var server = await ServeAsync(Deviating);
        using var client = new InvoicesClient(new HttpClient { BaseAddress = server.BaseAddress });

        var error = await Assert.ThrowsAsync<KuaApiException>(() => client.GetInvoiceAsync("inv-1"));

        Assert.Equal("getInvoice", error.OperationId);
        Assert.Equal(200, error.StatusCode);
        Assert.Contains("id", error.Message, StringComparison.Ordinal);
        Assert.Contains("Expected a string but found a number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TolerantModeReadsEachDocumentedDeviationAndReportsIt()
    {
        await using var server = await ServeAsync(Deviating);
        var logs = new LogCollector();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        using var metrics = new DeviationCounter();
        using var client = new InvoicesClient(new HttpClient { BaseAddress = server.BaseAddress }, new KuaReadOptions { Mode = KuaReadMode.Tolerant, LoggerFactory = loggerFactory });

        var invoice = await client.GetInvoiceAsync("inv-1");

        Assert.Equal("4711", invoice.Id);
        Assert.Equal(12.5, invoice.Amount);
        Assert.Equal(3, invoice.Count);
        Assert.Equal(-0.25m, invoice.Total);
        var line = Assert.Single(invoice.Lines);
        Assert.Equal(2, line.Quantity);
        Assert.Equal(default, line.Sku);
        Assert.Equal(default, invoice.Customer!.Name);

        var expected = new[]
        {
            "getInvoice number_for_string $.id Invoice",
            "getInvoice string_for_number $.amount Invoice",
            "getInvoice string_for_number $.count Invoice",
            "getInvoice string_for_number $.total Invoice",
            "getInvoice null_for_non_nullable $.status Invoice",
            "getInvoice object_for_array $.lines Invoice",
            "getInvoice string_for_number $.lines[*].quantity Line",
            "getInvoice missing_required $.lines[*].sku Line",
            "getInvoice missing_required $.customer.name Customer",
        };
        Assert.Equal(expected.Order(StringComparer.Ordinal), logs.Warnings.Select(w => w.Key).Order(StringComparer.Ordinal));
        Assert.Equal(expected.Select(e => string.Join(' ', e.Split(' ').Take(2))).Order(StringComparer.Ordinal), metrics.Recorded.Order(StringComparer.Ordinal));

        // Names and paths only: no value of the reply reaches the log.
        foreach (var warning in logs.Warnings)
        {
            Assert.DoesNotContain("4711", warning.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("12.5", warning.Message, StringComparison.Ordinal);
            Assert.Equal("Kua.Generated.Reading", warning.Category);
        }
    }

    [Fact]
    public async Task RepeatedDeviationsAreCountedEachTimeAndLoggedOnce()
    {
        await using var server = await ServeAsync("[" + Deviating + "," + Deviating + "]");
        var logs = new LogCollector();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs));
        using var metrics = new DeviationCounter();
        using var client = new InvoicesClient(new HttpClient { BaseAddress = server.BaseAddress }, new KuaReadOptions { Mode = KuaReadMode.Tolerant, LoggerFactory = loggerFactory });

        for (var call = 0; call < 3; call++)
        {
            Assert.Equal(2, (await client.ListInvoicesAsync()).Count);
        }

        // Two items × three calls of the same nine deviations: counted 54 times, logged once each (items share [*]).
        Assert.Equal(54, metrics.Recorded.Count);
        Assert.Equal(9, logs.Warnings.Count);
        Assert.Contains(logs.Warnings, w => w.Key == "listInvoices number_for_string $[*].id Invoice");
    }

    [Fact]
    public async Task ValidRepliesReadTheSameInBothModesWithoutDeviations()
    {
        await using var server = await ServeAsync(Valid);
        using var metrics = new DeviationCounter();
        using var strict = new InvoicesClient(new HttpClient { BaseAddress = server.BaseAddress });
        using var tolerant = new InvoicesClient(new HttpClient { BaseAddress = server.BaseAddress }, new KuaReadOptions { Mode = KuaReadMode.Tolerant });

        var a = await strict.GetInvoiceAsync("inv-1");
        var b = await tolerant.GetInvoiceAsync("inv-1");

        Assert.Equal(KuaJson.Serialize(a, InvoicesClientJson.InvoiceJson), KuaJson.Serialize(b, InvoicesClientJson.InvoiceJson));
        Assert.Equal(Valid, KuaJson.Serialize(b, InvoicesClientJson.InvoiceJson));
        Assert.Empty(metrics.Recorded);
    }

    [Theory]
    [InlineData("{\"id\":\"x\",\"amount\":{},\"status\":\"open\",\"lines\":[]}", "amount")]
    [InlineData("{\"id\":\"x\",\"amount\":\"12,5\",\"status\":\"open\",\"lines\":[]}", "amount")]
    [InlineData("{\"id\":\"x\",\"amount\":1,\"count\":\"3.5\",\"status\":\"open\",\"lines\":[]}", "count")]
    [InlineData("{\"id\":\"x\",\"amount\":1,\"status\":\"open\",\"lines\":\"none\"}", "lines")]
    [InlineData("{\"id\":[],\"amount\":1,\"status\":\"open\",\"lines\":[]}", "id")]
    public async Task AnythingElseStillFailsInTolerantMode(string body, string member)
    {
        await using var server = await ServeAsync(body);
        using var client = new InvoicesClient(new HttpClient { BaseAddress = server.BaseAddress }, new KuaReadOptions { Mode = KuaReadMode.Tolerant });

        var error = await Assert.ThrowsAsync<KuaApiException>(() => client.GetInvoiceAsync("x"));

        Assert.Equal("getInvoice", error.OperationId);
        Assert.Contains(member, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DependencyInjectionTakesTheReadModeAndLogsThroughTheContainer()
    {
        await using var server = await ServeAsync(Deviating);
        var logs = new LogCollector();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs));
        services.AddInvoicesClient(http => http.BaseAddress = server.BaseAddress, KuaReadMode.Tolerant);
        await using var provider = services.BuildServiceProvider();

        var invoice = await provider.GetRequiredService<InvoicesClient>().GetInvoiceAsync("inv-1");

        Assert.Equal("4711", invoice.Id);
        Assert.Equal(9, logs.Warnings.Count);
    }

    [Fact]
    public void ASessionMakesAnyReadOfGeneratedTypesTolerantOnItsThreadOnly()
    {
        using (var session = KuaReadSession.Begin())
        {
            var invoice = KuaJson.Deserialize(Deviating, InvoicesClientJson.InvoiceJson);
            Assert.Equal("4711", invoice.Id);
            Assert.Equal(9, session.Deviations.Count);
            Assert.Equal("$.lines[0].sku", session.Deviations.Single(d => d.Kind == KuaSpecDeviationKind.MissingRequired && d.Schema == "Line").Path);

            // Another thread reads strictly: the session is this thread's.
            Exception? elsewhere = null;
            var other = new Thread(() => elsewhere = Record.Exception(() => KuaJson.Deserialize(Deviating, InvoicesClientJson.InvoiceJson)));
            other.Start();
            other.Join();
            Assert.IsAssignableFrom<System.Text.Json.JsonException>(elsewhere);
        }

        Assert.ThrowsAny<System.Text.Json.JsonException>(() => KuaJson.Deserialize(Deviating, InvoicesClientJson.InvoiceJson));
    }

    /// <summary>A Kestrel server on 127.0.0.1 (the stream tests' server) answering the spec's paths with one JSON body.</summary>
    private static async Task<StreamServer> ServeAsync(string body)
    {
        var server = await StreamServer.StartAsync();
        foreach (var path in new[] { "/v1/invoices", "/v1/invoices/inv-1", "/v1/invoices/x" })
        {
            server.Map(path, "application/json", Encoding.UTF8.GetBytes(body));
        }

        return server;
    }

    /// <summary>Warning entries of the reading category, keyed "operation kind path schema" from their structured state.</summary>
    private sealed class LogCollector : ILoggerProvider
    {
        private readonly List<(string Key, string Message, string Category)> _warnings = new();

        public IReadOnlyList<(string Key, string Message, string Category)> Warnings
        {
            get
            {
                lock (_warnings)
                {
                    return _warnings.ToList();
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(LogCollector owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (logLevel != LogLevel.Warning || state is not IReadOnlyList<KeyValuePair<string, object?>> values)
                {
                    return;
                }

                string Value(string name) => values.First(v => v.Key == name).Value?.ToString() ?? string.Empty;
                lock (owner._warnings)
                {
                    owner._warnings.Add((Value("OperationId") + " " + Value("Kind") + " " + Value("Path") + " " + Value("Schema"), formatter(state, exception), category));
                }
            }
        }
    }

    /// <summary>kua.client.spec_deviations measurements as "operation kind" (tests in this class run one at a time).</summary>
    private sealed class DeviationCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<string> _recorded = new();

        public DeviationCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Kua.Generated" && instrument.Name == "kua.client.spec_deviations")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, state) =>
            {
                var copied = tags.ToArray();
                string Tag(string name) => copied.FirstOrDefault(t => t.Key == name).Value?.ToString() ?? string.Empty;

                lock (_recorded)
                {
                    for (var i = 0; i < value; i++)
                    {
                        _recorded.Add(Tag("kua.operation_id") + " " + Tag("kua.deviation.kind"));
                    }
                }
            });
            _listener.Start();
        }

        public IReadOnlyList<string> Recorded
        {
            get
            {
                lock (_recorded)
                {
                    return _recorded.ToList();
                }
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
