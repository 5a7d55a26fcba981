using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Kua.Generated.Runtime.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Kua.Generated.Runtime.Tests
{
    /// <summary>The numbers the issue asks for, measured against the fake server and asserted.</summary>
    public sealed class LoginCountMeasurementTests
    {
        private const int Callers = 1000;
        private readonly ITestOutputHelper _output;

        public LoginCountMeasurementTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public async Task AThousandConcurrentCallsCostOneLoginAtFirstCallAtExpiryAndOn401()
        {
            await using var harness = await TokenHarness.StartAsync(configureServer: s => s.TokenLifetime = TimeSpan.FromHours(1));
            var watch = Stopwatch.StartNew();

            // 1,000 concurrent first calls.
            var first = await harness.GetAccountsConcurrentlyAsync(Callers);
            var firstLogins = harness.Server.LoginCount;
            Assert.All(first, r => Assert.Equal(200, r.Status));

            // 1,000 concurrent calls at expiry (past the hard expiry, so all of them need the new token).
            harness.Clock.Advance(TimeSpan.FromMinutes(59.9));
            var atExpiry = await harness.GetAccountsConcurrentlyAsync(Callers);
            var expiryLogins = harness.Server.LoginCount - firstLogins;
            Assert.All(atExpiry, r => Assert.Equal(2, r.TokenNumber));

            // 1,000 concurrent 401s: all leave with the same token, which is revoked under them.
            harness.Clock.Advance(TimeSpan.FromSeconds(2));
            var apiCalls = harness.Server.ApiCallCount;
            var gate = harness.Server.HoldApiCalls(Callers);
            var calls = Enumerable.Range(0, Callers).Select(_ => Task.Run(() => harness.GetAccountAsync())).ToArray();
            await harness.Server.WaitForApiCallsAsync(apiCalls + Callers).WaitAsync(TestTimeouts.Hang);
            harness.Server.RevokeAllTokens();
            var loginsBefore401 = harness.Server.LoginCount;
            gate.Release();
            var after401 = await Task.WhenAll(calls).WaitAsync(TestTimeouts.Hang);
            var unauthorizedLogins = harness.Server.LoginCount - loginsBefore401;
            Assert.All(after401, r => Assert.Equal(3, r.TokenNumber));

            _output.WriteLine("Logins for " + Callers + " concurrent first calls: " + firstLogins);
            _output.WriteLine("Logins for " + Callers + " concurrent calls at expiry: " + expiryLogins);
            _output.WriteLine("Logins for " + Callers + " concurrent 401s: " + unauthorizedLogins);
            _output.WriteLine("API requests the server saw: " + harness.Server.ApiCallCount + " (" + Callers + " x 3 + " + Callers + " retries)");
            _output.WriteLine("Wall time: " + watch.Elapsed);

            Assert.Equal(1, firstLogins);
            Assert.Equal(1, expiryLogins);
            Assert.Equal(1, unauthorizedLogins);
            Assert.Equal(4 * Callers, harness.Server.ApiCallCount);
        }
    }
}
