using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Kua.Generated.Runtime.Tests.Infrastructure;
using Security.Generated;
using Xunit;

namespace Kua.Generated.Runtime.Tests
{
    /// <summary>
    /// OAuth 2 tokens get the Kua login's guarantees (one shared fetch, the refresh window, one retry after 401, cooldowns,
    /// Retry-After, no secret anywhere) plus refresh tokens: a one-time refresh token is used once however many callers
    /// wait, and a rejected one falls back to the original grant once. Against the real token server, with a fake clock.
    /// </summary>
    public sealed class OAuth2TokenTests
    {
        [Fact]
        public async Task AThousandConcurrentFirstCallsShareOneTokenRequest()
        {
            await using var server = await SecurityServer.StartAsync();
            using var client = new SecurityClient(ClientCredentials(server, new TestClock()));

            var gate = server.HoldTokenRequests();
            var calls = Enumerable.Range(0, 1000).Select(_ => Task.Run(() => client.ListPetsAsync())).ToArray();
            while (server.TokenRequests.Count == 0)
            {
                await Task.Delay(5);
            }

            gate.SetResult(true);
            var results = await Task.WhenAll(calls).WaitAsync(TestTimeouts.Hang);

            Assert.All(results, r => Assert.Equal("oauth:pets:read", r.Credentials));
            Assert.Single(server.TokenRequests);
        }

        [Fact]
        public async Task ARotatingRefreshTokenIsUsedExactlyOnceByAThousandCallersAtExpiry()
        {
            await using var server = await SecurityServer.StartAsync();
            var clock = new TestClock();
            using var client = new SecurityClient(PasswordGrant(server, clock));

            await client.GetAsUserAsync();
            for (var round = 1; round <= 3; round++)
            {
                clock.Advance(TimeSpan.FromSeconds(server.ExpiresInSeconds));
                var results = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(() => client.GetAsUserAsync()))).WaitAsync(TestTimeouts.Hang);
                Assert.All(results, r => Assert.Equal("oauth", r.Credentials));
                Assert.Equal(round, server.CountTokenRequests("refresh_token"));
            }

            // One password grant, then one refresh per expiry, each with the token the last refresh returned.
            Assert.Equal(1, server.CountTokenRequests("password"));
            Assert.Equal(0, server.ReusedRefreshTokens);
        }

        [Fact]
        public async Task ARejectedRefreshTokenFallsBackToTheOriginalGrantOnce()
        {
            await using var server = await SecurityServer.StartAsync();
            var clock = new TestClock();
            var logs = new CapturingLoggerProvider();
            var options = PasswordGrant(server, clock);
            options.LoggerFactory = logs.CreateFactory();
            using var client = new SecurityClient(options);

            await client.GetAsUserAsync();
            server.RevokeRefreshTokens();
            clock.Advance(TimeSpan.FromSeconds(server.ExpiresInSeconds));

            Assert.Equal("oauth", (await client.GetAsUserAsync()).Credentials);
            Assert.Equal(new[] { "password", "refresh_token", "password" }, server.TokenRequests.Select(r => r.Split(' ')[0]));
            Assert.Equal(1, logs.Count("RefreshTokenRejected"));

            // The new grant's refresh token is used next time.
            clock.Advance(TimeSpan.FromSeconds(server.ExpiresInSeconds));
            await client.GetAsUserAsync();
            Assert.Equal("refresh_token", server.TokenRequests.Last().Split(' ')[0]);
        }

        [Fact]
        public async Task A401RefetchesTheTokenOnceAndRetriesOnce()
        {
            await using var server = await SecurityServer.StartAsync();
            var clock = new TestClock();
            using var client = new SecurityClient(ClientCredentials(server, clock));

            await client.ListPetsAsync();

            // Past MinimumLoginInterval, which spaces a re-fetch after a rejected token.
            clock.Advance(TimeSpan.FromSeconds(2));
            server.RevokeAccessTokens();
            var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => client.ListPetsAsync()))).WaitAsync(TestTimeouts.Hang);

            Assert.All(results, r => Assert.Equal("oauth:pets:read", r.Credentials));
            Assert.Equal(2, server.TokenRequests.Count);
        }

        [Fact]
        public async Task ARateLimitedTokenRequestIsRememberedForItsRetryAfterAndNeverQuotesTheSecret()
        {
            await using var server = await SecurityServer.StartAsync();
            server.EchoSecrets = true;
            var clock = new TestClock();
            var logs = new CapturingLoggerProvider();
            var options = ClientCredentials(server, clock);
            options.LoggerFactory = logs.CreateFactory();
            using var client = new SecurityClient(options);

            // A Retry-After longer than MaxLoginRetryDelay fails at once and sets the cooldown.
            server.FailNextTokenRequests(1, 429, TimeSpan.FromMinutes(2));
            var first = await Assert.ThrowsAsync<KuaAuthenticationException>(() => client.ListPetsAsync());
            Assert.Equal(KuaAuthenticationFailure.RateLimited, first.Failure);
            Assert.Equal(TimeSpan.FromMinutes(2), first.RetryAfter);

            var again = await Assert.ThrowsAsync<KuaAuthenticationException>(() => client.ListPetsAsync());
            Assert.Same(first, again);
            Assert.Single(server.TokenRequests);

            clock.Advance(TimeSpan.FromMinutes(2));
            Assert.Equal("oauth:pets:read", (await client.ListPetsAsync()).Credentials);

            // A wrong secret is rejected (not retried); the server quotes it, the exception and the logs do not.
            var wrong = ClientCredentials(server, clock);
            ((KuaOAuth2Credential)wrong.Oauth!).ClientSecret = "wrong-secret-Z9";
            wrong.Oauth!.ClientAuthentication = KuaOAuth2ClientAuthentication.Body;
            wrong.LoggerFactory = logs.CreateFactory();
            using var rejected = new SecurityClient(wrong);
            var error = await Assert.ThrowsAsync<KuaAuthenticationException>(() => rejected.ListPetsAsync());
            Assert.Equal(KuaAuthenticationFailure.Rejected, error.Failure);
            Assert.Contains("***", error.ResponseBody, StringComparison.Ordinal);
            Assert.DoesNotContain("wrong-secret-Z9", error.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(logs.Logs, l => (l.Message + l.State + l.Exception).Contains("wrong-secret-Z9", StringComparison.Ordinal) || (l.Message + l.State).Contains(SecurityServer.ClientSecret, StringComparison.Ordinal));
            Assert.DoesNotContain("wrong-secret-Z9", wrong.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("wrong-secret-Z9", wrong.Oauth.ToString(), StringComparison.Ordinal);
        }

        [Fact]
        public async Task ApiKeysInTheQueryAndInHeadersStayOutOfLogsAndExceptions()
        {
            await using var server = await SecurityServer.StartAsync();
            server.EchoSecrets = true;
            var logs = new CapturingLoggerProvider();
            using var client = new SecurityClient(SecuritySchemeTests.Options(server, o =>
            {
                o.QueryKey = "wrong-query-key-Q7";
                o.HeaderKey = "wrong-header-key-H8";
                o.LoggerFactory = logs.CreateFactory();
            }));

            var queryError = await Assert.ThrowsAsync<KuaApiException>(() => client.GetWithQueryKeyAsync());
            Assert.Equal(401, queryError.StatusCode);
            var headerError = await Assert.ThrowsAsync<KuaApiException>(() => client.GetDefaultAsync());
            Assert.Contains("***", headerError.ResponseBody, StringComparison.Ordinal);
            foreach (var text in new[] { queryError.ToString(), headerError.ToString() }.Concat(logs.Logs.Select(l => l.Message + l.State + l.Exception)))
            {
                Assert.DoesNotContain("wrong-query-key-Q7", text, StringComparison.Ordinal);
                Assert.DoesNotContain("wrong-header-key-H8", text, StringComparison.Ordinal);
            }
        }

        private static SecurityClientOptions ClientCredentials(SecurityServer server, TestClock clock) =>
            SecuritySchemeTests.Options(server, o =>
            {
                o.TimeProvider = clock;
                o.Oauth = new KuaOAuth2Credential { ClientId = SecurityServer.ClientId, ClientSecret = SecurityServer.ClientSecret };
            });

        private static SecurityClientOptions PasswordGrant(SecurityServer server, TestClock clock) =>
            SecuritySchemeTests.Options(server, o =>
            {
                o.TimeProvider = clock;
                o.UserOAuth = new KuaOAuth2Credential { ClientId = SecurityServer.ClientId, ClientSecret = SecurityServer.ClientSecret, UserName = SecurityServer.UserName, Password = SecurityServer.UserPassword };
            });
    }
}
