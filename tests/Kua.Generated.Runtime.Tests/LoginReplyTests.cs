using System;
using System.Linq;
using System.Threading.Tasks;
using Kua.Generated.Runtime.Tests.Infrastructure;
using Kua.Testing;
using Xunit;

namespace Kua.Generated.Runtime.Tests
{
    /// <summary>Odd <c>expiresIn</c> values are tolerated; hostile tokens fail clearly; the login count stays exact.</summary>
    public sealed class LoginReplyTests
    {
        [Fact]
        public async Task AMissingExpiresInUsesTheConfiguredDefaultLifetime()
        {
            await using var harness = await TokenHarness.StartAsync(o => o.DefaultTokenLifetime = TimeSpan.FromMinutes(10));
            harness.Server.LoginReply = KuaFakeLoginReply.MissingExpiresIn;

            var results = await harness.GetAccountsConcurrentlyAsync(10);
            Assert.All(results, r => Assert.Equal(1, r.TokenNumber));

            harness.Clock.Advance(TimeSpan.FromMinutes(4));
            Assert.Equal(1, (await harness.GetAccountAsync()).TokenNumber);
            Assert.Equal(1, harness.Server.LoginCount);

            harness.Clock.Advance(TimeSpan.FromMinutes(7));
            Assert.Equal(2, (await harness.GetAccountAsync()).TokenNumber);
            Assert.Equal(2, harness.Server.LoginCount);
            Assert.Contains(harness.Logs.Logs, l => l.EventName == "OddExpiry" && l.Message.Contains("missing", StringComparison.Ordinal));
        }

        [Theory]
        [InlineData(KuaFakeLoginReply.ZeroExpiresIn)]
        [InlineData(KuaFakeLoginReply.NegativeExpiresIn)]
        public async Task AZeroOrNegativeExpiresInIsNotCachedButStillSingleFlightWithAMinimumGap(KuaFakeLoginReply reply)
        {
            await using var harness = await TokenHarness.StartAsync();
            harness.Server.LoginReply = reply;
            var gate = harness.Server.HoldLogins();
            var calls = Enumerable.Range(0, 10).Select(_ => harness.GetAccountAsync()).ToArray();
            await harness.Server.WaitForLoginsAsync(1).WaitAsync(TestTimeouts.Hang);
            gate.Release();
            var results = await Task.WhenAll(calls).WaitAsync(TestTimeouts.Hang);

            Assert.All(results, r => Assert.Equal(1, r.TokenNumber));
            Assert.Equal(1, harness.Server.LoginCount);

            // Not cached: the next call needs a new login, which waits for the 1 s minimum gap on the clock.
            var next = Enumerable.Range(0, 5).Select(_ => harness.GetAccountAsync()).ToArray();
            await harness.Clock.WaitForTimersAsync(due => due > TimeSpan.Zero && due <= TimeSpan.FromSeconds(1));
            Assert.Equal(1, harness.Server.LoginCount);
            harness.Clock.Advance(TimeSpan.FromSeconds(1));
            var nextResults = await Task.WhenAll(next).WaitAsync(TestTimeouts.Hang);

            Assert.All(nextResults, r => Assert.Equal(2, r.TokenNumber));
            Assert.Equal(2, harness.Server.LoginCount);
        }

        [Fact]
        public async Task AHugeExpiresInIsCappedWithoutOverflow()
        {
            await using var harness = await TokenHarness.StartAsync(o => o.MaxTokenLifetime = TimeSpan.FromHours(24));
            harness.Server.LoginReply = KuaFakeLoginReply.HugeExpiresIn;

            Assert.Equal(1, (await harness.GetAccountAsync()).TokenNumber);
            harness.Clock.Advance(TimeSpan.FromHours(23));
            Assert.Equal(1, (await harness.GetAccountAsync()).TokenNumber);
            Assert.Equal(1, harness.Server.LoginCount);

            harness.Clock.Advance(TimeSpan.FromHours(1.1));
            Assert.Equal(2, (await harness.GetAccountAsync()).TokenNumber);
            Assert.Equal(2, harness.Server.LoginCount);
        }

        [Theory]
        [InlineData(KuaFakeLoginReply.DecimalExpiresIn)]
        [InlineData(KuaFakeLoginReply.StringExpiresIn)]
        [InlineData(KuaFakeLoginReply.LowercaseTokenType)]
        [InlineData(KuaFakeLoginReply.Normal)]
        public async Task ADecimalOrNumericStringExpiresInAndALowercaseTokenTypeAreTolerated(KuaFakeLoginReply reply)
        {
            await using var harness = await TokenHarness.StartAsync(configureServer: s => s.TokenLifetime = TimeSpan.FromHours(1));
            harness.Server.LoginReply = reply;

            var results = await harness.GetAccountsConcurrentlyAsync(20);
            harness.Clock.Advance(TimeSpan.FromMinutes(50));
            var later = await harness.GetAccountAsync();

            Assert.All(results.Append(later), r => Assert.Equal(1, r.TokenNumber));
            Assert.Equal(1, harness.Server.LoginCount);

            harness.Clock.Advance(TimeSpan.FromMinutes(10));
            Assert.Equal(2, (await harness.GetAccountAsync()).TokenNumber);
        }

        [Theory]
        [InlineData(KuaFakeLoginReply.EmptyToken, "is empty")]
        [InlineData(KuaFakeLoginReply.TokenWithLineBreak, "line break")]
        [InlineData(KuaFakeLoginReply.OversizedToken, "longer than 16384 characters")]
        [InlineData(KuaFakeLoginReply.NonBearerTokenType, "'MAC', not 'Bearer'")]
        [InlineData(KuaFakeLoginReply.InvalidJson, "not valid JSON")]
        [InlineData(KuaFakeLoginReply.HtmlErrorPage, "not valid JSON (text/html")]
        public async Task AHostileOrBrokenReplyFailsClearlyOnceForAllCallers(KuaFakeLoginReply reply, string expected)
        {
            await using var harness = await TokenHarness.StartAsync();
            harness.Server.LoginReply = reply;

            var failures = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Assert.ThrowsAsync<KuaAuthenticationException>(() => harness.GetAccountAsync())));
            var later = await Assert.ThrowsAsync<KuaAuthenticationException>(() => harness.GetAccountAsync());

            Assert.All(failures.Append(later), f => Assert.Same(failures[0], f));
            var failure = failures[0];
            Assert.Equal(KuaAuthenticationFailure.InvalidReply, failure.Failure);
            Assert.Equal(200, failure.StatusCode);
            Assert.Contains(expected, failure.Message);
            Assert.Null(failure.ResponseBody);
            Assert.Equal(1, harness.Server.LoginCount);
            Assert.Equal(0, harness.Server.ApiCallCount);

            // Nothing of the reply leaks into the exception: no token-like text, no injected header.
            Assert.DoesNotContain("kua_", failure.ToString());
            Assert.DoesNotContain("X-Injected", failure.ToString());
            Assert.DoesNotContain("aaaaaaaa", failure.ToString());

            // After the cooldown, a server that behaves again is used.
            harness.Server.LoginReply = KuaFakeLoginReply.Normal;
            harness.Clock.Advance(TimeSpan.FromSeconds(5));
            Assert.Equal(200, (await harness.GetAccountAsync()).Status);
            Assert.Equal(2, harness.Server.LoginCount);
        }
    }
}
