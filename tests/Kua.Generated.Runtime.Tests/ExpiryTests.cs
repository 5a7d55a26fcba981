using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Kua.Generated.Runtime.Tests.Infrastructure;
using Xunit;

namespace Kua.Generated.Runtime.Tests
{
    /// <summary>Expiry on the monotonic clock, proactive refresh in the background, hard refresh near expiry.</summary>
    public sealed class ExpiryTests
    {
        // Server lifetime 1 h: refresh window 5 min (+ up to 10% jitter), hard expiry 30 s before the end.
        private static readonly TimeSpan InsideRefreshWindow = TimeSpan.FromMinutes(56);
        private static readonly TimeSpan BeforeRefreshWindow = TimeSpan.FromMinutes(54);
        private static readonly TimeSpan PastHardExpiry = TimeSpan.FromMinutes(59.6);

        [Fact]
        public async Task BeforeTheRefreshWindowTheCachedTokenIsUsedWithoutALogin()
        {
            await using var harness = await StartAsync();
            await harness.GetAccountAsync();

            harness.Clock.Advance(BeforeRefreshWindow);
            var results = await harness.GetAccountsConcurrentlyAsync(50);

            Assert.All(results, r => Assert.Equal(1, r.TokenNumber));
            Assert.Equal(1, harness.Server.LoginCount);
        }

        [Fact]
        public async Task InsideTheRefreshWindowOneBackgroundLoginRunsWhileTheOldTokenKeepsFlowing()
        {
            await using var harness = await StartAsync();
            for (var iteration = 0; iteration < 10; iteration++)
            {
                harness.NewClient();
                var loginsBefore = harness.Server.LoginCount;
                var first = await harness.GetAccountAsync();

                harness.Clock.Advance(InsideRefreshWindow);
                var gate = harness.Server.HoldLogins();
                var during = await harness.GetAccountsConcurrentlyAsync(100);
                await harness.Server.WaitForLoginsAsync(loginsBefore + 2).WaitAsync(TestTimeouts.Hang);
                var stillDuring = await harness.GetAccountsConcurrentlyAsync(20);

                Assert.All(during.Concat(stillDuring), r => Assert.Equal(first.TokenNumber, r.TokenNumber));
                Assert.Equal(loginsBefore + 2, harness.Server.LoginCount);

                gate.Release();
                await harness.WaitForLoginSucceededAsync(iteration * 2 + 2);
                var after = await harness.GetAccountsConcurrentlyAsync(20);

                Assert.All(after, r => Assert.Equal(first.TokenNumber + 1, r.TokenNumber));
                Assert.Equal(loginsBefore + 2, harness.Server.LoginCount);
            }
        }

        [Fact]
        public async Task PastTheHardExpiryCallersWaitForTheRefreshInFlight()
        {
            await using var harness = await StartAsync(o => o.LoginTimeout = TimeSpan.FromMinutes(10));
            await harness.GetAccountAsync();
            harness.Clock.Advance(InsideRefreshWindow);
            var gate = harness.Server.HoldLogins();
            Assert.Equal(1, (await harness.GetAccountAsync()).TokenNumber);
            await harness.Server.WaitForLoginsAsync(2).WaitAsync(TestTimeouts.Hang);

            harness.Clock.Advance(PastHardExpiry - InsideRefreshWindow);
            var waiting = Enumerable.Range(0, 10).Select(_ => harness.GetAccountAsync()).ToArray();
            Assert.All(waiting, w => Assert.False(w.IsCompleted));

            gate.Release();
            var results = await Task.WhenAll(waiting).WaitAsync(TestTimeouts.Hang);
            Assert.All(results, r => Assert.Equal(2, r.TokenNumber));
            Assert.Equal(2, harness.Server.LoginCount);
        }

        [Fact]
        public async Task AFailedBackgroundLoginKeepsTheOldTokenAndTheNextAttemptWaitsForTheBackoff()
        {
            await using var harness = await StartAsync(o => o.MaxLoginRetries = 0);
            await harness.GetAccountAsync();
            harness.Clock.Advance(InsideRefreshWindow);
            harness.Server.FailNextLogins(1, 503);

            Assert.Equal(1, (await harness.GetAccountAsync()).TokenNumber);
            await harness.WaitForLoginFailedAsync(1);

            // Within the 5 s cooldown: the old token, no new attempt.
            var during = await harness.GetAccountsConcurrentlyAsync(50);
            harness.Clock.Advance(TimeSpan.FromSeconds(4.9));
            during = during.Concat(await harness.GetAccountsConcurrentlyAsync(50)).ToArray();
            Assert.All(during, r => Assert.Equal(1, r.TokenNumber));
            Assert.Equal(2, harness.Server.LoginCount);

            // After it: one new background attempt, which succeeds.
            harness.Clock.Advance(TimeSpan.FromSeconds(0.1));
            Assert.Equal(1, (await harness.GetAccountAsync()).TokenNumber);
            await harness.WaitForLoginSucceededAsync(2);
            Assert.Equal(2, (await harness.GetAccountAsync()).TokenNumber);
            Assert.Equal(3, harness.Server.LoginCount);
        }

        [Fact]
        public async Task PastExpiryAfterAFailedBackgroundLoginCallersGetTheError()
        {
            await using var harness = await StartAsync(o => o.MaxLoginRetries = 0);
            await harness.GetAccountAsync();
            harness.Clock.Advance(InsideRefreshWindow);
            harness.Server.FailNextLogins(1, 429, TimeSpan.FromMinutes(5));
            Assert.Equal(1, (await harness.GetAccountAsync()).TokenNumber);
            await harness.WaitForLoginFailedAsync(1);

            harness.Clock.Advance(PastHardExpiry - InsideRefreshWindow);
            var failures = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Assert.ThrowsAsync<KuaAuthenticationException>(() => harness.GetAccountAsync())));

            Assert.All(failures, f => Assert.Same(failures[0], f));
            Assert.Equal(429, failures[0].StatusCode);
            Assert.Equal(2, harness.Server.LoginCount);

            // Retry-After (5 min) has passed: the next call logs in.
            harness.Clock.Advance(TimeSpan.FromMinutes(5));
            Assert.Equal(2, (await harness.GetAccountAsync()).TokenNumber);
            Assert.Equal(3, harness.Server.LoginCount);
        }

        [Theory]
        [InlineData(60)]
        [InlineData(1)]
        public async Task SteadyTrafficLogsInOncePerTokenLifetimeAndNeverUsesAnExpiredToken(int lifetimeSeconds)
        {
            var lifetime = TimeSpan.FromSeconds(lifetimeSeconds);
            await using var harness = await StartAsync(configureServer: s => s.TokenLifetime = lifetime);
            var step = TimeSpan.FromTicks(lifetime.Ticks / 20);
            var loginTimes = new List<TimeSpan>();
            var elapsed = TimeSpan.Zero;
            var lifetimes = 20;
            for (var i = 0; i < 20 * lifetimes; i++)
            {
                var result = await harness.GetAccountAsync();
                Assert.Equal(200, result.Status);

                // A background refresh is decided synchronously inside the call (and logged); wait for it to land.
                var started = Math.Max(harness.Server.LoginCount, 1 + harness.Logs.Count("RefreshStarting"));
                if (started > loginTimes.Count)
                {
                    loginTimes.Add(elapsed);
                    await harness.WaitForLoginSucceededAsync(started);
                }

                harness.Clock.Advance(step);
                elapsed += step;
            }

            // Each token is replaced once, inside its refresh window (from 45% of its lifetime on), never earlier.
            var gaps = loginTimes.Zip(loginTimes.Skip(1), (a, b) => b - a).ToArray();
            Assert.All(gaps, gap => Assert.True(gap >= TimeSpan.FromTicks(lifetime.Ticks * 45 / 100), "Logins " + gap + " apart with a lifetime of " + lifetime + "."));
            Assert.InRange(harness.Server.LoginCount, lifetimes, (2 * lifetimes) + 1);
            Assert.Equal(0, harness.Server.UnauthorizedCount);
        }

        [Fact]
        public async Task TheWallClockJumpingBackOrForwardDoesNotChangeExpiry()
        {
            await using var harness = await StartAsync();
            await harness.GetAccountAsync();

            harness.Clock.WallClockOffset = TimeSpan.FromDays(3);
            Assert.Equal(1, (await harness.GetAccountAsync()).TokenNumber);
            harness.Clock.WallClockOffset = -TimeSpan.FromDays(3);
            Assert.Equal(1, (await harness.GetAccountAsync()).TokenNumber);
            harness.Clock.Advance(TimeSpan.FromMinutes(30));
            Assert.Equal(1, (await harness.GetAccountAsync()).TokenNumber);
            Assert.Equal(1, harness.Server.LoginCount);

            harness.Clock.Advance(TimeSpan.FromMinutes(30));
            Assert.Equal(2, (await harness.GetAccountAsync()).TokenNumber);
        }

        [Fact]
        public async Task TheMonotonicClockJumpingForwardExpiresTheTokenAndJumpingBackKeepsItYoung()
        {
            await using var harness = await StartAsync();
            await harness.GetAccountAsync();

            // A clock that runs backwards (a broken VM clock) does not make the token look older or crash anything.
            harness.Clock.TimestampOffset = -TimeSpan.FromHours(5);
            Assert.Equal(1, (await harness.GetAccountAsync()).TokenNumber);
            harness.Clock.TimestampOffset = TimeSpan.Zero;

            // A forward jump (the machine slept for two days): the token is past expiry, callers get a fresh one.
            harness.Clock.Advance(TimeSpan.FromDays(2));
            var results = await harness.GetAccountsConcurrentlyAsync(20);
            Assert.All(results, r => Assert.Equal(2, r.TokenNumber));
            Assert.Equal(2, harness.Server.LoginCount);
        }

        [Fact]
        public async Task ExpiryIsCountedFromWhenTheLoginWasSentNotWhenItsReplyArrived()
        {
            await using var harness = await StartAsync(o => o.LoginTimeout = TimeSpan.FromHours(2));
            var gate = harness.Server.HoldLogins();
            var first = harness.GetAccountAsync();
            await harness.Server.WaitForLoginsAsync(1).WaitAsync(TestTimeouts.Hang);

            // The reply takes 30 minutes of (fake) time to arrive.
            harness.Clock.Advance(TimeSpan.FromMinutes(30));
            gate.Release();
            Assert.Equal(1, (await first).TokenNumber);

            // 56 minutes after the login was sent is inside the refresh window, though only 26 after the reply.
            harness.Clock.Advance(TimeSpan.FromMinutes(26));
            Assert.Equal(1, (await harness.GetAccountAsync()).TokenNumber);
            Assert.Equal(1, harness.Logs.Count("RefreshStarting"));
            await harness.WaitForLoginSucceededAsync(2);
            Assert.Equal(2, harness.Server.LoginCount);
        }

        private static Task<TokenHarness> StartAsync(Action<KuaClientOptions>? configure = null, Action<Kua.Testing.KuaFakeServerOptions>? configureServer = null) =>
            TokenHarness.StartAsync(configure, configureServer ?? (s => s.TokenLifetime = TimeSpan.FromHours(1)));
    }
}
