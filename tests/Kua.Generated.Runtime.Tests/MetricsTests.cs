using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading.Tasks;
using Kua.Generated.Runtime.Tests.Infrastructure;
using Xunit;

namespace Kua.Generated.Runtime.Tests
{
    /// <summary>The token code's metrics on the meter "Kua.Generated", read back with a <see cref="MeterListener"/>.</summary>
    public sealed class MetricsTests
    {
        [Fact]
        public async Task LoginsAreCountedByOutcomeWithTheirDuration()
        {
            await using var harness = await TokenHarness.StartAsync(o => o.MaxLoginRetries = 0);
            using var metrics = new MetricsRecorder(harness.Server.BaseAddress.Port);

            await harness.GetAccountsConcurrentlyAsync(20);
            harness.Clock.Advance(TimeSpan.FromSeconds(2));
            harness.Server.RevokeAllTokens();
            harness.Server.FailNextLogins(1, 503);
            await Assert.ThrowsAsync<KuaAuthenticationException>(() => harness.GetAccountAsync());

            var logins = metrics.Get("kua.client.logins");
            Assert.Equal(2, logins.Sum(m => m.Value));
            Assert.Single(logins, m => m.Tags["kua.login.outcome"] as string == "success" && !m.Tags.ContainsKey("error.type"));
            var failed = Assert.Single(logins, m => m.Tags["kua.login.outcome"] as string == "service_unavailable");
            Assert.Equal("service_unavailable", failed.Tags["error.type"]);
            Assert.Equal("127.0.0.1", failed.Tags["server.address"]);
            Assert.Equal("createEmailSession", failed.Tags["kua.operation_id"]);
            Assert.Equal(2, metrics.Get("kua.client.login.duration").Count);
            Assert.All(metrics.Get("kua.client.login.duration"), m => Assert.True(m.Value >= 0));
        }

        [Fact]
        public async Task RefreshesUnauthorizedRetriesAndCooldownHitsAreCounted()
        {
            await using var harness = await TokenHarness.StartAsync(o => o.MaxLoginRetries = 0, s => s.TokenLifetime = TimeSpan.FromHours(1));
            using var metrics = new MetricsRecorder(harness.Server.BaseAddress.Port);
            await harness.GetAccountAsync();

            // A background refresh.
            harness.Clock.Advance(TimeSpan.FromMinutes(56));
            await harness.GetAccountAsync();
            await harness.WaitForLoginSucceededAsync(2);

            // A request rejected with 401: one re-login, one retry.
            harness.Clock.Advance(TimeSpan.FromSeconds(2));
            harness.Server.RevokeAllTokens();
            Assert.Equal(200, (await harness.GetAccountAsync()).Status);

            // A failed login, then two calls during its cooldown.
            harness.Clock.Advance(TimeSpan.FromSeconds(2));
            harness.Server.RevokeAllTokens();
            harness.Server.FailNextLogins(1, 500);
            await Assert.ThrowsAsync<KuaAuthenticationException>(() => harness.GetAccountAsync());
            await Assert.ThrowsAsync<KuaAuthenticationException>(() => harness.GetAccountAsync());
            await Assert.ThrowsAsync<KuaAuthenticationException>(() => harness.GetAccountAsync());

            Assert.Equal(1, metrics.Get("kua.client.token.refreshes").Sum(m => m.Value));
            Assert.Equal(1, metrics.Get("kua.client.unauthorized_retries").Sum(m => m.Value));
            Assert.Equal(2, metrics.Get("kua.client.login.cooldown_hits").Sum(m => m.Value));
            Assert.Equal(harness.Server.LoginCount, metrics.Get("kua.client.logins").Sum(m => m.Value));
        }

        /// <summary>Records the meter's measurements for one fake server (tests run in parallel, and the meter is shared).</summary>
        private sealed class MetricsRecorder : IDisposable
        {
            private readonly MeterListener _listener = new MeterListener();
            private readonly List<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = new();
            private readonly int _port;

            public MetricsRecorder(int port)
            {
                _port = port;
                _listener.InstrumentPublished = (instrument, listener) =>
                {
                    if (instrument.Meter.Name == "Kua.Generated")
                    {
                        listener.EnableMeasurementEvents(instrument);
                    }
                };
                _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
                _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
                _listener.Start();
            }

            public IReadOnlyList<(double Value, Dictionary<string, object?> Tags)> Get(string instrument)
            {
                lock (_measurements)
                {
                    return _measurements.Where(m => m.Instrument == instrument).Select(m => (m.Value, m.Tags)).ToArray();
                }
            }

            public void Dispose() => _listener.Dispose();

            private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
            {
                var copy = new Dictionary<string, object?>();
                foreach (var tag in tags)
                {
                    copy[tag.Key] = tag.Value;
                }

                if (copy.TryGetValue("server.port", out var port) && port is int p && p == _port)
                {
                    lock (_measurements)
                    {
                        _measurements.Add((instrument.Name, value, copy));
                    }
                }
            }
        }
    }
}
