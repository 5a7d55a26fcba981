using System;
using System.Linq;
using System.Threading.Tasks;
using Kua.Generated.Runtime.Tests.Infrastructure;
using Xunit;

namespace Kua.Generated.Runtime.Tests
{
    /// <summary>Failed logins: shared by all waiters, remembered for a cooldown, retried only when that can help.</summary>
    public sealed class LoginFailureTests
    {
        [Fact]
        public async Task ConcurrentCallersAllGetTheSameExceptionAndTheNextCallAfterTheCooldownTriesAgain()
        {
            await using var harness = await TokenHarness.StartAsync(o => o.MaxLoginRetries = 0);
            for (var iteration = 0; iteration < 5; iteration++)
            {
                harness.NewClient();
                var loginsBefore = harness.Server.LoginCount;

                // success
                Assert.Equal(200, (await harness.GetAccountAsync()).Status);
                Assert.Equal(loginsBefore + 1, harness.Server.LoginCount);

                // failure: the token is revoked and the re-login fails for every concurrent caller at once
                harness.Clock.Advance(TimeSpan.FromSeconds(2));
                harness.Server.RevokeAllTokens();
                harness.Server.FailNextLogins(1, 500);
                var gate = harness.Server.HoldLogins();
                var calls = Enumerable.Range(0, 20).Select(_ => Assert.ThrowsAsync<KuaAuthenticationException>(() => harness.GetAccountAsync())).ToArray();
                await harness.Server.WaitForLoginsAsync(loginsBefore + 2).WaitAsync(TestTimeouts.Hang);
                gate.Release();
                var failures = await Task.WhenAll(calls).WaitAsync(TestTimeouts.Hang);

                Assert.All(failures, f => Assert.Same(failures[0], f));
                Assert.Equal(500, failures[0].StatusCode);
                Assert.Equal("createEmailSession", failures[0].OperationId);
                Assert.Equal(KuaAuthenticationFailure.ServiceUnavailable, failures[0].Failure);
                Assert.Equal(loginsBefore + 2, harness.Server.LoginCount);

                // during the cooldown: the same exception, no login
                harness.Clock.Advance(TimeSpan.FromSeconds(4));
                var during = await Assert.ThrowsAsync<KuaAuthenticationException>(() => harness.GetAccountAsync());
                Assert.Same(failures[0], during);
                Assert.Equal(loginsBefore + 2, harness.Server.LoginCount);

                // success after the cooldown (5 s)
                harness.Clock.Advance(TimeSpan.FromSeconds(1.5));
                Assert.Equal(200, (await harness.GetAccountAsync()).Status);
                Assert.Equal(loginsBefore + 3, harness.Server.LoginCount);
            }
        }

        [Fact]
        public async Task WrongPasswordCostsExactlyOneLoginAcrossRepeatedRequestsDuringTheCooldown()
        {
            await using var harness = await TokenHarness.StartAsync(o => o.Password = "wrong-password-1");

            var first = await Assert.ThrowsAsync<KuaAuthenticationException>(() => harness.GetAccountAsync());
            for (var i = 0; i < 20; i++)
            {
                harness.Clock.Advance(TimeSpan.FromSeconds(10));
                var again = await Assert.ThrowsAsync<KuaAuthenticationException>(() => harness.GetAccountAsync());
                Assert.Same(first, again);
            }

            var concurrent = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Assert.ThrowsAsync<KuaAuthenticationException>(() => harness.GetAccountAsync())));

            Assert.Equal(1, harness.Server.LoginCount);
            Assert.Equal(0, harness.Server.ApiCallCount);
            Assert.Equal(401, first.StatusCode);
            Assert.Equal(KuaAuthenticationFailure.Rejected, first.Failure);
            Assert.False(first.IsTransient);
            Assert.DoesNotContain("wrong-password-1", first.ToString());
            Assert.All(concurrent, c => Assert.Same(first, c));

            // The cooldown for a rejected login is 5 minutes; after it one new attempt is made.
            harness.Clock.Advance(TimeSpan.FromMinutes(2));
            await Assert.ThrowsAsync<KuaAuthenticationException>(() => harness.GetAccountAsync());
            Assert.Equal(2, harness.Server.LoginCount);
        }

        [Theory]
        [InlineData(400)]
        [InlineData(401)]
        [InlineData(403)]
        public async Task RejectionsAreNeverRetriedAutomatically(int status)
        {
            await using var harness = await TokenHarness.StartAsync(o => o.MaxLoginRetries = 5);
            harness.Server.FailNextLogins(1, status);

            var failure = await Assert.ThrowsAsync<KuaAuthenticationException>(() => harness.GetAccountAsync());

            Assert.Equal(status, failure.StatusCode);
            Assert.Equal(KuaAuthenticationFailure.Rejected, failure.Failure);
            Assert.Equal(1, harness.Server.LoginCount);
            Assert.Equal(0, harness.Clock.CountTimers(due => due < TimeSpan.FromSeconds(30)));
        }

        [Fact]
        public async Task AnInvalidLoginBodyIsRejectedWith400AndItsErrorBodyIsKept()
        {
            // A 3-character email breaks the spec's 5..64 rule: the server answers 400 with details.
            await using var harness = await TokenHarness.StartAsync(o => o.Email = "a@b");

            var failure = await Assert.ThrowsAsync<KuaAuthenticationException>(() => harness.GetAccountAsync());

            Assert.Equal(400, failure.StatusCode);
            Assert.Contains("\"field\":\"email\"", failure.ResponseBody);
            Assert.DoesNotContain(KuaFakeServerDefaults.Password, failure.ResponseBody);
        }

        [Theory]
        [InlineData(429)]
        [InlineData(500)]
        [InlineData(503)]
        public async Task TransientFailuresAreRetriedAfterRetryAfterWithinOneSharedLogin(int status)
        {
            await using var harness = await TokenHarness.StartAsync();
            harness.Server.FailNextLogins(2, status, TimeSpan.FromSeconds(3));
            var calls = Enumerable.Range(0, 10).Select(_ => harness.GetAccountAsync()).ToArray();

            // Attempt 1 fails; the retry waits for Retry-After (3 s), not the 1 s backoff.
            await harness.Clock.WaitForTimersAsync(due => due == TimeSpan.FromSeconds(3), 1);
            Assert.Equal(1, harness.Server.LoginCount);
            harness.Clock.Advance(TimeSpan.FromSeconds(3));

            await harness.Clock.WaitForTimersAsync(due => due == TimeSpan.FromSeconds(3), 2);
            Assert.Equal(2, harness.Server.LoginCount);
            harness.Clock.Advance(TimeSpan.FromSeconds(3));

            var results = await Task.WhenAll(calls).WaitAsync(TestTimeouts.Hang);
            Assert.All(results, r => Assert.Equal(200, r.Status));
            Assert.Equal(3, harness.Server.LoginCount);
        }

        [Fact]
        public async Task ARetryAfterLongerThanTheRetryLimitFailsAtOnceAndSetsTheCooldown()
        {
            await using var harness = await TokenHarness.StartAsync();
            harness.Server.FailNextLogins(1, 429, TimeSpan.FromSeconds(120));

            var failure = await Assert.ThrowsAsync<KuaAuthenticationException>(() => harness.GetAccountAsync());
            Assert.Equal(KuaAuthenticationFailure.RateLimited, failure.Failure);
            Assert.Equal(TimeSpan.FromSeconds(120), failure.RetryAfter);
            Assert.True(failure.IsTransient);

            harness.Clock.Advance(TimeSpan.FromSeconds(119));
            Assert.Same(failure, await Assert.ThrowsAsync<KuaAuthenticationException>(() => harness.GetAccountAsync()));
            Assert.Equal(1, harness.Server.LoginCount);

            harness.Clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(200, (await harness.GetAccountAsync()).Status);
            Assert.Equal(2, harness.Server.LoginCount);
        }

        [Fact]
        public async Task AHostileRetryAfterIsCappedByTheMaximumCooldown()
        {
            await using var harness = await TokenHarness.StartAsync(o => o.MaxLoginFailureCooldown = TimeSpan.FromMinutes(5));
            harness.Server.FailNextLogins(1, 503, TimeSpan.FromDays(30));

            await Assert.ThrowsAsync<KuaAuthenticationException>(() => harness.GetAccountAsync());
            harness.Clock.Advance(TimeSpan.FromMinutes(5));

            Assert.Equal(200, (await harness.GetAccountAsync()).Status);
            Assert.Equal(2, harness.Server.LoginCount);
        }

        [Fact]
        public async Task TheCooldownGrowsWithConsecutiveFailures()
        {
            await using var harness = await TokenHarness.StartAsync(o => o.MaxLoginRetries = 0);
            harness.Server.FailNextLogins(3, 500);

            await Assert.ThrowsAsync<KuaAuthenticationException>(() => harness.GetAccountAsync());
            harness.Clock.Advance(TimeSpan.FromSeconds(5));
            await Assert.ThrowsAsync<KuaAuthenticationException>(() => harness.GetAccountAsync());
            Assert.Equal(2, harness.Server.LoginCount);

            // Second failure: 10 s.
            harness.Clock.Advance(TimeSpan.FromSeconds(9));
            await Assert.ThrowsAsync<KuaAuthenticationException>(() => harness.GetAccountAsync());
            Assert.Equal(2, harness.Server.LoginCount);
            harness.Clock.Advance(TimeSpan.FromSeconds(1));
            await Assert.ThrowsAsync<KuaAuthenticationException>(() => harness.GetAccountAsync());
            Assert.Equal(3, harness.Server.LoginCount);

            // Third failure: 20 s; then a success resets the count.
            harness.Clock.Advance(TimeSpan.FromSeconds(20));
            Assert.Equal(200, (await harness.GetAccountAsync()).Status);
            Assert.Equal(4, harness.Server.LoginCount);
        }

        [Fact]
        public async Task ALoginThatHangsFailsWithTheLoginTimeoutAndFreesItsWaiters()
        {
            await using var harness = await TokenHarness.StartAsync(o => o.LoginTimeout = TimeSpan.FromSeconds(10));
            using var gate = harness.Server.HoldLogins();
            var calls = Enumerable.Range(0, 5).Select(_ => Assert.ThrowsAsync<KuaAuthenticationException>(() => harness.GetAccountAsync())).ToArray();
            await harness.Server.WaitForLoginsAsync(1).WaitAsync(TestTimeouts.Hang);
            await harness.Clock.WaitForTimersAsync(due => due == TimeSpan.FromSeconds(10));

            harness.Clock.Advance(TimeSpan.FromSeconds(10));
            var failures = await Task.WhenAll(calls).WaitAsync(TestTimeouts.Hang);

            Assert.All(failures, f => Assert.Same(failures[0], f));
            Assert.Equal(KuaAuthenticationFailure.Timeout, failures[0].Failure);
            Assert.Equal(0, failures[0].StatusCode);
        }

        [Fact]
        public async Task ANetworkErrorIsATransientFailureWithStatusZero()
        {
            // A server that is gone: the port is closed.
            var harness = await TokenHarness.StartAsync(o => o.MaxLoginRetries = 0);
            await harness.Server.DisposeAsync();

            var failure = await Assert.ThrowsAsync<KuaAuthenticationException>(() => harness.GetAccountAsync());

            Assert.Equal(KuaAuthenticationFailure.NetworkError, failure.Failure);
            Assert.Equal(0, failure.StatusCode);
            Assert.True(failure.IsTransient);
            harness.Client.Dispose();
        }
    }
}
