using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Kua.Generated.Runtime.Http;
using Kua.Generated.Runtime.Tests.Infrastructure;
using Kua.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Kua.Generated.Runtime.Tests
{
    /// <summary>Neither the password nor any token appears in a log line, exception, trace tag, ToString or JSON.</summary>
    public sealed class SecretRedactionTests
    {
        private const string Password = "S3cret-Passw0rd-XYZ";

        [Fact]
        public async Task TheWholeFlowAtTraceLevelNeverShowsThePasswordOrAToken()
        {
            var texts = new ConcurrentBag<string>();
            using var listener = new ActivityListener
            {
                ShouldListenTo = _ => true,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity => texts.Add(activity.DisplayName + " " + string.Join(" ", activity.TagObjects.Select(t => t.Key + "=" + t.Value)) + " " + activity.StatusDescription + " " + string.Join(" ", activity.Events.Select(e => e.Name + string.Join(" ", e.Tags.Select(t => t.Key + "=" + t.Value))))),
            };
            ActivitySource.AddActivityListener(listener);

            var clock = new TestClock();
            var serverOptions = new KuaFakeServerOptions { TimeProvider = clock };
            serverOptions.Users.Add(new KuaFakeUser("secret.user@kua.test", Password));
            await using var server = await KuaFakeServer.StartAsync(serverOptions);
            var logs = new CapturingLoggerProvider();
            var services = new ServiceCollection();
            services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
            KuaClientOptions? captured = null;
            services.AddKuaGeneratedClient(TokenHarness.Endpoint, TokenHarness.SpecBaseAddress, o =>
            {
                o.BaseAddress = server.BaseAddress;
                o.Email = "secret.user@kua.test";
                o.Password = Password;
                o.AllowInsecureLoopback = true;
                o.TimeProvider = clock;
                o.MaxLoginRetries = 0;
                captured = o;
            }, http => new TestClient(http));
            await using var provider = services.BuildServiceProvider();
            var client = provider.GetRequiredService<TestClient>();
            var exceptions = new List<Exception>();

            // login, call, 401 and re-login, a body with a retry
            Assert.Equal(200, (await client.GetAccountAsync()).Status);
            clock.Advance(TimeSpan.FromSeconds(2));
            server.RevokeAllTokens();
            Assert.Equal(200, (await client.GetAccountAsync()).Status);
            clock.Advance(TimeSpan.FromSeconds(2));
            server.RevokeAllTokens();
            using (var echo = new HttpRequestMessage(HttpMethod.Post, new Uri(server.BaseAddress, "_fake/echo")) { Content = new StringContent("{}") })
            using (var reply = await client.HttpClient.SendAsync(echo))
            {
                Assert.Equal(200, (int)reply.StatusCode);
            }

            // a token expiring and a refresh, a hostile reply, a server failure, a rejected password
            clock.Advance(TimeSpan.FromHours(23.95));
            await client.GetAccountAsync();
            await logs.WaitForAsync("LoginSucceeded", 4);
            clock.Advance(TimeSpan.FromSeconds(2));
            server.RevokeAllTokens();
            server.LoginReply = KuaFakeLoginReply.TokenWithLineBreak;
            exceptions.Add(await Assert.ThrowsAsync<KuaAuthenticationException>(() => client.GetAccountAsync()));
            server.LoginReply = KuaFakeLoginReply.Normal;
            clock.Advance(TimeSpan.FromMinutes(1));
            server.FailNextLogins(1, 503);
            exceptions.Add(await Assert.ThrowsAsync<KuaAuthenticationException>(() => client.GetAccountAsync()));
            clock.Advance(TimeSpan.FromMinutes(1));
            server.AddUser(new KuaFakeUser("secret.user@kua.test", "another-password"));
            exceptions.Add(await Assert.ThrowsAsync<KuaAuthenticationException>(() => client.GetAccountAsync()));

            // the non-DI path, with a wrong password that the server's 400 must not echo back
            var nonDi = server.CreateClientOptions("secret.user@kua.test", Password + "-wrong");
            nonDi.LoggerFactory = logs.CreateFactory();
            using (var plain = KuaHttpClientFactory.Create(nonDi, TokenHarness.Endpoint, TokenHarness.SpecBaseAddress))
            {
                exceptions.Add(await Assert.ThrowsAsync<KuaAuthenticationException>(() => plain.GetAsync("accounts")));
                texts.Add(nonDi.ToString());
                texts.Add(JsonSerializer.Serialize(nonDi));
            }

            Assert.True(server.IssuedTokens.Count >= 4);
            texts.Add(captured!.ToString());
            texts.Add(JsonSerializer.Serialize(captured));
            texts.Add(JsonSerializer.Serialize(TokenHarness.Endpoint));
            texts.Add(TokenHarness.Endpoint.ToString());
            texts.Add(new KuaFakeUser("x@kua.test", Password).ToString());
            texts.Add(JsonSerializer.Serialize(new KuaFakeUser("x@kua.test", Password)));
            texts.Add(provider.GetRequiredService<Kua.Generated.Runtime.DependencyInjection.KuaClientRegistration<TestClient>>().ToString());
            foreach (var exception in exceptions)
            {
                texts.Add(exception.ToString());
                texts.Add(((KuaApiException)exception).ResponseBody ?? string.Empty);
                texts.Add(string.Join(" ", ((KuaApiException)exception).Headers.SelectMany(h => h.Value)));
            }

            foreach (var log in logs.Logs)
            {
                texts.Add(log.AllText);
            }

            var all = string.Join("\n", texts);
            Assert.Contains("Kua.Login", all);
            Assert.Contains(logs.Logs, l => l.Category.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal) && l.Message.Contains("Authorization", StringComparison.Ordinal));
            Assert.DoesNotContain(Password, all);
            Assert.DoesNotContain(JsonEncodedText.Encode(Password).ToString(), all);
            foreach (var token in server.IssuedTokens)
            {
                Assert.DoesNotContain(token, all);
            }
        }

        [Fact]
        public async Task StructuredLogStateHoldsNoTokenWithDependencyInjection()
        {
            var clock = new TestClock();
            await using var server = await KuaFakeServer.StartAsync(new KuaFakeServerOptions { TimeProvider = clock });
            var logs = new CapturingLoggerProvider();
            var services = new ServiceCollection();
            services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
            services.AddKuaGeneratedClient(TokenHarness.Endpoint, TokenHarness.SpecBaseAddress, o =>
            {
                o.BaseAddress = server.BaseAddress;
                o.Email = KuaFakeServer.DefaultEmail;
                o.Password = KuaFakeServer.DefaultPassword;
                o.AllowInsecureLoopback = true;
                o.TimeProvider = clock;
            }, http => new TestClient(http));
            await using var provider = services.BuildServiceProvider();
            var client = provider.GetRequiredService<TestClient>();

            // A login, a call, a 401 with its re-login and retry: every request after the first login carries a token.
            Assert.Equal(200, (await client.GetAccountAsync()).Status);
            clock.Advance(TimeSpan.FromSeconds(2));
            server.RevokeAllTokens();
            Assert.Equal(200, (await client.GetAccountAsync()).Status);

            // The factory's request logs ran at Trace, with the Authorization header in their structured state, masked.
            Assert.Contains(logs.Logs, l => l.Level == LogLevel.Trace && l.EventName == "RequestHeader" && l.State.Contains("Authorization=*", StringComparison.Ordinal));
            Assert.Contains(logs.Logs, l => l.EventName == "Scope" && l.Category.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal));
            AssertNoSecretIn(logs, server, KuaFakeServer.DefaultPassword);
        }

        [Fact]
        public async Task StructuredLogStateHoldsNoTokenWithoutDependencyInjection()
        {
            await using var harness = await TokenHarness.StartAsync(o => o.MaxLoginRetries = 0);
            harness.Server.EchoCredentials = true;
            Assert.Equal(200, (await harness.GetAccountAsync()).Status);
            harness.Clock.Advance(TimeSpan.FromSeconds(2));
            harness.Server.RevokeAllTokens();
            Assert.Equal(200, (await harness.GetAccountAsync()).Status);
            harness.Clock.Advance(TimeSpan.FromHours(23.95));
            Assert.Equal(200, (await harness.GetAccountAsync()).Status);
            await harness.WaitForLoginSucceededAsync(3);
            harness.Clock.Advance(TimeSpan.FromSeconds(2));
            harness.Server.RejectAllTokens = true;
            Assert.Equal(401, (await harness.GetAccountAsync()).Status);

            Assert.Contains(harness.Logs.Logs, l => l.Level == LogLevel.Trace && l.EventName == "TokenAttached");
            AssertNoSecretIn(harness.Logs, harness.Server, KuaFakeServer.DefaultPassword);
        }

        [Fact]
        public async Task AnErrorReplyThatEchoesATokenKeepsNoTokenInTheException()
        {
            await using var harness = await TokenHarness.StartAsync();
            harness.Server.EchoCredentials = true;
            using var client = TestClient.Create(harness.Options);
            Assert.Equal(1, await client.GetAccountOrThrowAsync());
            harness.Clock.Advance(TimeSpan.FromSeconds(2));
            harness.Server.RejectAllTokens = true;

            // 401 with token #1, a re-login, 401 again with token #2 (dropped at once: a recent token, no longer the current one).
            var error = await Assert.ThrowsAsync<KuaApiException>(() => client.GetAccountOrThrowAsync());

            Assert.Equal(401, error.StatusCode);
            Assert.Equal(2, harness.Server.IssuedTokens.Count);
            Assert.Contains("Received: Bearer ***", error.ResponseBody, StringComparison.Ordinal);
            Assert.Equal("Bearer ***", Assert.Single(error.Headers[KuaFakeServer.EchoHeader]));
            var kept = CapturedLog.DescribeChain(error);
            Assert.All(harness.Server.IssuedTokens, token => Assert.DoesNotContain(token, kept, StringComparison.Ordinal));
        }

        [Fact]
        public async Task AFailedLoginThatEchoesThePasswordKeepsNoPasswordInTheException()
        {
            const string wrong = "wrong-but-still-secret";
            await using var harness = await TokenHarness.StartAsync(o => o.Password = wrong);
            harness.Server.EchoCredentials = true;

            var error = await Assert.ThrowsAsync<KuaAuthenticationException>(() => harness.GetAccountAsync());

            Assert.Equal(401, error.StatusCode);
            Assert.Contains("Received: ***", error.ResponseBody, StringComparison.Ordinal);
            Assert.Equal("***", Assert.Single(error.Headers[KuaFakeServer.EchoHeader]));
            Assert.DoesNotContain(wrong, CapturedLog.DescribeChain(error), StringComparison.Ordinal);
        }

        [Fact]
        public void OptionsShowNoPasswordInTextOrJson()
        {
            var options = new KuaClientOptions { Email = "demo@kua.test", Password = Password };

            Assert.DoesNotContain(Password, options.ToString());
            Assert.Contains("***", options.ToString());
            Assert.DoesNotContain(Password, JsonSerializer.Serialize(options));
            var debuggerDisplay = (DebuggerDisplayAttribute)Attribute.GetCustomAttribute(typeof(KuaClientOptions), typeof(DebuggerDisplayAttribute))!;
            Assert.Equal("{ToString(),nq}", debuggerDisplay.Value);
        }

        private static void AssertNoSecretIn(CapturingLoggerProvider logs, KuaFakeServer server, string password)
        {
            var all = string.Join("\n", logs.Logs.Select(l => l.AllText));
            Assert.NotEmpty(server.IssuedTokens);
            Assert.All(server.IssuedTokens, token => Assert.DoesNotContain(token, all, StringComparison.Ordinal));
            Assert.DoesNotContain(password, all, StringComparison.Ordinal);
        }

        [Fact]
        public void InternalTokenTypesShowNoToken()
        {
            var token = new Kua.Generated.Runtime.Authentication.AccessToken("tok_very_secret", 3, 0, TimeSpan.FromHours(1), TimeSpan.FromMinutes(55), TimeSpan.FromMinutes(59), cacheable: true, sharedId: "id-1");
            var reply = new Kua.Generated.Runtime.Authentication.TokenGrant("tok_very_secret", TimeSpan.FromHours(1), true);

            Assert.DoesNotContain("tok_very_secret", token.ToString());
            Assert.DoesNotContain("tok_very_secret", reply.ToString());
            Assert.DoesNotContain("tok_very_secret", JsonSerializer.Serialize(new { token.Generation, token.Lifetime }));
        }
    }
}
