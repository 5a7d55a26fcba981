using System;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Kua.Testing;
using Xunit;

namespace Kua.Generated.Runtime.Tests
{
    /// <summary>The fake server itself behaves as the spec says, so tests against it mean something.</summary>
    public sealed class FakeServerTests
    {
        private static readonly HttpClient Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });

        [Fact]
        public async Task ItServesUnderTheRealBasePathOnLoopbackWithADynamicPort()
        {
            await using var server = await KuaFakeServer.StartAsync();

            Assert.Equal("127.0.0.1", server.BaseAddress.Host);
            Assert.NotEqual(0, server.BaseAddress.Port);
            Assert.Equal("/core/api/v2/", server.BaseAddress.AbsolutePath);
            var options = server.CreateClientOptions();
            Assert.Equal(server.BaseAddress, options.BaseAddress);
            Assert.True(options.AllowInsecureLoopback);
            Assert.Equal(KuaFakeServer.DefaultEmail, options.Email);
        }

        [Fact]
        public async Task ALoginReturnsAnOpaqueBearerTokenAndTheAccountEndpointReturnsItsOwner()
        {
            await using var server = await KuaFakeServer.StartAsync();
            server.AddUser(new KuaFakeUser("second@kua.test", "second-password", "Second", "acc_2"));

            using var login = await PostLoginAsync(server, "{\"email\":\"second@kua.test\",\"password\":\"second-password\"}");
            Assert.Equal(200, (int)login.StatusCode);
            using var reply = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
            var token = reply.RootElement.GetProperty("accessToken").GetString()!;
            Assert.Equal("Bearer", reply.RootElement.GetProperty("tokenType").GetString());
            Assert.Equal(86400, reply.RootElement.GetProperty("expiresIn").GetInt64());
            Assert.Equal(server.IssuedTokens.Single(), token);

            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseAddress, "accounts"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var account = await Http.SendAsync(request);
            using var body = JsonDocument.Parse(await account.Content.ReadAsStringAsync());
            Assert.Equal("acc_2", body.RootElement.GetProperty("id").GetString());
            Assert.Equal("second@kua.test", body.RootElement.GetProperty("email").GetString());
            Assert.Equal("active", body.RootElement.GetProperty("status").GetString());
            Assert.Equal("1", account.Headers.GetValues(KuaFakeServer.TokenNumberHeader).Single());
            Assert.Equal(1, server.GetApiCallCount(1));
        }

        [Theory]
        [InlineData("{\"email\":\"demo@kua.test\"}", "password")]
        [InlineData("{\"email\":\"a@b\",\"password\":\"kua-demo-password\"}", "email")]
        [InlineData("{\"email\":\"demo@kua.test\",\"password\":\"12345\"}", "password")]
        [InlineData("[1,2]", "body")]
        [InlineData("{not json", "body")]
        public async Task AnInvalidLoginBodyGets400WithDetails(string json, string field)
        {
            await using var server = await KuaFakeServer.StartAsync();

            using var login = await PostLoginAsync(server, json);

            Assert.Equal(400, (int)login.StatusCode);
            using var body = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
            Assert.Equal("invalid_request", body.RootElement.GetProperty("code").GetString());
            Assert.Contains(body.RootElement.GetProperty("details").EnumerateArray(), d => d.GetProperty("field").GetString() == field);
        }

        [Fact]
        public async Task WrongCredentialsGet401()
        {
            await using var server = await KuaFakeServer.StartAsync();

            using var login = await PostLoginAsync(server, "{\"email\":\"demo@kua.test\",\"password\":\"not-the-password\"}");

            Assert.Equal(401, (int)login.StatusCode);
            Assert.Equal(1, server.LoginCount);
            Assert.Equal(0, server.SuccessfulLoginCount);
        }

        [Fact]
        public async Task MissingUnknownExpiredAndRevokedTokensGet401()
        {
            var clock = new Infrastructure.TestClock();
            await using var server = await KuaFakeServer.StartAsync(new KuaFakeServerOptions { TimeProvider = clock, TokenLifetime = TimeSpan.FromMinutes(10) });
            using var login = await PostLoginAsync(server, "{\"email\":\"demo@kua.test\",\"password\":\"kua-demo-password\"}");
            var token = server.IssuedTokens.Single();

            Assert.Equal(401, await GetAccountStatusAsync(server, null));
            Assert.Equal(401, await GetAccountStatusAsync(server, "unknown"));
            Assert.Equal(200, await GetAccountStatusAsync(server, token));
            clock.Advance(TimeSpan.FromMinutes(10));
            Assert.Equal(401, await GetAccountStatusAsync(server, token));

            using var again = await PostLoginAsync(server, "{\"email\":\"demo@kua.test\",\"password\":\"kua-demo-password\"}");
            Assert.Equal(200, await GetAccountStatusAsync(server, server.IssuedTokens[1]));
            server.RevokeAllTokens();
            Assert.Equal(401, await GetAccountStatusAsync(server, server.IssuedTokens[1]));
            Assert.Equal(4, server.UnauthorizedCount);
        }

        [Fact]
        public async Task InjectedFailuresCarryRetryAfterAndRunOut()
        {
            await using var server = await KuaFakeServer.StartAsync();
            server.FailNextLogins(1, 429, TimeSpan.FromSeconds(7));
            server.FailNextLogins(1, 500);

            using var first = await PostLoginAsync(server, "{\"email\":\"demo@kua.test\",\"password\":\"kua-demo-password\"}");
            using var second = await PostLoginAsync(server, "{\"email\":\"demo@kua.test\",\"password\":\"kua-demo-password\"}");
            using var third = await PostLoginAsync(server, "{\"email\":\"demo@kua.test\",\"password\":\"kua-demo-password\"}");

            Assert.Equal(429, (int)first.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(7), first.Headers.RetryAfter!.Delta);
            Assert.Equal(500, (int)second.StatusCode);
            Assert.Equal(200, (int)third.StatusCode);
        }

        [Fact]
        public async Task UnknownPathsGet404()
        {
            await using var server = await KuaFakeServer.StartAsync();

            using var response = await Http.GetAsync(new Uri(server.BaseAddress, "nothing/here"));

            Assert.Equal(404, (int)response.StatusCode);
            Assert.Equal(KuaFakeRequestKind.Unknown, server.Requests.Single().Kind);
        }

        private static Task<HttpResponseMessage> PostLoginAsync(KuaFakeServer server, string json) =>
            Http.PostAsync(new Uri(server.BaseAddress, "accounts/sessions/email"), new StringContent(json, Encoding.UTF8, "application/json"));

        private static async Task<int> GetAccountStatusAsync(KuaFakeServer server, string? token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseAddress, "accounts"));
            if (token != null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await Http.SendAsync(request);
            return (int)response.StatusCode;
        }
    }
}
