using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Kua.Generated.Runtime.Http;
using Kua.Generated.Runtime.Tests.Infrastructure;
using Kua.Testing;
using Xunit;

namespace Kua.Generated.Runtime.Tests
{
    /// <summary>HTTPS only (loopback HTTP by opt-in), and the token never reaches another host.</summary>
    public sealed class TransportSecurityTests
    {
        [Theory]
        [InlineData("http://api.kua.ai/core/api/v2/")]
        [InlineData("http://localhost.kua.example/")]
        [InlineData("http://10.0.0.1/")]
        [InlineData("ftp://api.kua.ai/")]
        public void APlainHttpNonLoopbackBaseAddressIsRefusedBeforeAnythingIsSent(string baseAddress)
        {
            var recorder = new RecordingHandler();
            var options = new KuaClientOptions { BaseAddress = new Uri(baseAddress), Email = "demo@kua.test", Password = "secret-password", AllowInsecureLoopback = true, PrimaryHandler = recorder };

            var error = Assert.Throws<ArgumentException>(() => KuaHttpClientFactory.Create(options, TokenHarness.Endpoint, TokenHarness.SpecBaseAddress));

            Assert.Contains("https://", error.Message);
            Assert.Empty(recorder.Requests);
        }

        /// <summary>README (client options, <c>AllowInsecureLoopback</c>) lists exactly these as loopback: they must be what the client accepts.</summary>
        [Theory]
        [InlineData("http://localhost:8080/v2/", true)]
        [InlineData("http://LOCALHOST/v2/", true)]
        [InlineData("http://127.0.0.1:8080/v2/", true)]
        [InlineData("http://127.1.2.3/v2/", true)]
        [InlineData("http://127.255.255.254/v2/", true)]
        [InlineData("http://127.1/v2/", true)]
        [InlineData("http://[::1]:8080/v2/", true)]
        [InlineData("http://[::ffff:127.0.0.1]/v2/", true)]
        [InlineData("http://localhost./v2/", false)]
        [InlineData("http://localhost.kua.example/v2/", false)]
        [InlineData("http://127.0.0.1.nip.io/v2/", false)]
        [InlineData("http://0.0.0.0/v2/", false)]
        [InlineData("http://128.0.0.1/v2/", false)]
        [InlineData("http://[::2]/v2/", false)]
        [InlineData("http://[fe80::1]/v2/", false)]
        public void LoopbackIsLocalhostAll127AddressesAndIPv6LoopbackAsTheReadmeSays(string baseAddress, bool loopback)
        {
            var options = new KuaClientOptions { BaseAddress = new Uri(baseAddress), Email = "demo@kua.test", Password = "secret-password", AllowInsecureLoopback = true };

            var error = Record.Exception(() => KuaHttpClientFactory.Create(options, TokenHarness.Endpoint, TokenHarness.SpecBaseAddress).Dispose());

            Assert.Equal(loopback, error is null);
            Assert.Equal(loopback, Kua.Generated.Runtime.Authentication.TransportSecurity.IsLoopback(new Uri(baseAddress)));
            var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
            Assert.Contains("`localhost`, any address in `127.0.0.0/8` (`127.0.0.1`, `127.1.2.3`…), `[::1]` and `[::ffff:127.x.x.x]`", readme, StringComparison.Ordinal);
        }

        [Fact]
        public async Task ARedirectToARefusedPlainHttpAddressIsNotFollowedAndGivesKuaApiExceptionWithItsStatus()
        {
            var recorder = new RecordingHandler
            {
                Respond = request =>
                {
                    if (request.RequestUri!.AbsolutePath.EndsWith("/sessions/email", StringComparison.Ordinal))
                    {
                        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"accessToken\":\"token-1\",\"tokenType\":\"Bearer\",\"expiresIn\":3600}", System.Text.Encoding.UTF8, "application/json") };
                    }

                    var response = new HttpResponseMessage(HttpStatusCode.Found);
                    response.Headers.Location = new Uri("http://collector.kua.example/steal");
                    return response;
                },
            };
            var logs = new CapturingLoggerProvider();
            var options = new KuaClientOptions { BaseAddress = new Uri("https://api.kua.example/v2/"), Email = "demo@kua.test", Password = "secret-password", PrimaryHandler = recorder, LoggerFactory = logs.CreateFactory() };
            using var client = TestClient.Create(options);

            var error = await Assert.ThrowsAsync<KuaApiException>(() => client.GetAccountOrThrowAsync());

            // README: "a redirect to a refused http:// address is not followed: the caller gets the 3xx (KuaApiException with that status)".
            Assert.Equal(302, error.StatusCode);
            Assert.DoesNotContain(recorder.Requests, r => r.Uri.Host == "collector.kua.example");
            Assert.Contains(logs.Logs, l => l.EventName == "RedirectRefused" && l.Message.Contains("http://collector.kua.example", StringComparison.Ordinal));
            var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
            Assert.Contains("a redirect to a refused `http://` address is not followed", readme, StringComparison.Ordinal);
        }

        [Fact]
        public async Task PlainHttpToLoopbackNeedsTheOptIn()
        {
            await using var server = await KuaFakeServer.StartAsync();
            var options = server.CreateClientOptions();
            options.AllowInsecureLoopback = false;

            var error = Assert.Throws<ArgumentException>(() => KuaHttpClientFactory.Create(options, TokenHarness.Endpoint, TokenHarness.SpecBaseAddress));

            Assert.Contains("AllowInsecureLoopback", error.Message);
            Assert.Empty(server.Requests);
        }

        [Fact]
        public async Task ARequestToAPlainHttpNonLoopbackAddressThrowsBeforeItIsSent()
        {
            var recorder = new RecordingHandler();
            await using var harness = await TokenHarness.StartAsync(o => o.PrimaryHandler = recorder);
            var request = new HttpRequestMessage(HttpMethod.Get, "http://api.kua.ai/core/api/v2/accounts");
            KuaRequestMarkers.SetOperationId(request, "getAccount");

            await Assert.ThrowsAsync<InvalidOperationException>(() => harness.SendAsync(request));

            Assert.Empty(recorder.Requests);
            Assert.Empty(harness.Server.Requests);
        }

        [Fact]
        public async Task ARequestToAnotherHostGetsNoTokenAndCausesNoLogin()
        {
            var recorder = new RecordingHandler();
            await using var harness = await TokenHarness.StartAsync(o => o.PrimaryHandler = recorder);
            await harness.GetAccountAsync();

            var result = await harness.SendAsync(new HttpRequestMessage(HttpMethod.Get, "https://elsewhere.kua.example/accounts"));

            Assert.Equal(200, result.Status);
            var elsewhere = Assert.Single(recorder.Requests, r => r.Uri.Host == "elsewhere.kua.example");
            Assert.Null(elsewhere.Authorization);
            Assert.Equal(1, harness.Server.LoginCount);
        }

        [Fact]
        public async Task ARedirectToAnotherHostStripsTheToken()
        {
            await using var harness = await TokenHarness.StartAsync();
            await using var other = await KuaFakeServer.StartAsync();
            var otherHost = new Uri("http://localhost:" + other.RootAddress.Port + "/core/api/v2/accounts");
            harness.Server.RedirectAccountRequests(otherHost);

            var result = await harness.GetAccountAsync();

            // The other host saw the request, without any Authorization; its 401 is not taken as the token failing.
            Assert.Equal(401, result.Status);
            var seen = Assert.Single(other.Requests);
            Assert.False(seen.HadAuthorization);
            Assert.Equal(1, harness.Server.LoginCount);
            Assert.Contains(harness.Logs.Logs, l => l.EventName == "Redirect" && l.Message.Contains("credentials sent: False", StringComparison.Ordinal));
        }

        [Fact]
        public async Task ARedirectWithinTheSameHostKeepsTheToken()
        {
            await using var harness = await TokenHarness.StartAsync();
            harness.Server.RedirectAccountRequests(harness.Api("_fake/echo"), 307);

            var result = await harness.GetAccountAsync();

            Assert.Equal(200, result.Status);
            Assert.Equal(1, result.TokenNumber);
            Assert.Equal(new[] { KuaFakeRequestKind.Login, KuaFakeRequestKind.Account, KuaFakeRequestKind.Echo }, harness.Server.Requests.Select(r => r.Kind));
        }

        [Fact]
        public async Task ALoginRedirectIsNeverFollowedSoThePasswordStaysPut()
        {
            var recorder = new RecordingHandler
            {
                Respond = request =>
                {
                    var response = new HttpResponseMessage(HttpStatusCode.TemporaryRedirect);
                    response.Headers.Location = new Uri("https://collector.kua.example/steal");
                    return response;
                },
            };
            var options = new KuaClientOptions { BaseAddress = new Uri("https://api.kua.example/v2/"), Email = "demo@kua.test", Password = "secret-password", PrimaryHandler = recorder };
            using var client = KuaHttpClientFactory.Create(options, TokenHarness.Endpoint, TokenHarness.SpecBaseAddress);

            var error = await Assert.ThrowsAsync<KuaAuthenticationException>(() => client.GetAsync("accounts"));

            Assert.Equal(KuaAuthenticationFailure.InvalidReply, error.Failure);
            Assert.Equal(307, error.StatusCode);
            Assert.Contains("redirect", error.Message);
            Assert.DoesNotContain(recorder.Requests, r => r.Uri.Host == "collector.kua.example");
            var login = Assert.Single(recorder.Requests);
            Assert.Equal("https://api.kua.example/v2/accounts/sessions/email", login.Uri.AbsoluteUri);
            Assert.Null(login.Authorization);
        }

        [Fact]
        public void TheClientsBaseAddressIsTheOptionsOrTheSpecsWithATrailingSlash()
        {
            var options = new KuaClientOptions { Email = "demo@kua.test", Password = "secret-password" };
            using (var client = KuaHttpClientFactory.Create(options, TokenHarness.Endpoint, TokenHarness.SpecBaseAddress))
            {
                Assert.Equal(TokenHarness.SpecBaseAddress, client.BaseAddress);
            }

            options.BaseAddress = new Uri("https://eu.api.kua.example/core/api/v2");
            using (var client = KuaHttpClientFactory.Create(options, TokenHarness.Endpoint, TokenHarness.SpecBaseAddress))
            {
                Assert.Equal(new Uri("https://eu.api.kua.example/core/api/v2/"), client.BaseAddress);
            }
        }

        [Fact]
        public void InvalidOptionsAreRejectedWithAClearMessage()
        {
            Assert.Contains("Email", Assert.Throws<ArgumentException>(() => KuaHttpClientFactory.Create(new KuaClientOptions { Password = "secret-password" }, TokenHarness.Endpoint, TokenHarness.SpecBaseAddress)).Message);
            Assert.Contains("Password", Assert.Throws<ArgumentException>(() => KuaHttpClientFactory.Create(new KuaClientOptions { Email = "demo@kua.test" }, TokenHarness.Endpoint, TokenHarness.SpecBaseAddress)).Message);
            Assert.Contains("LoginTimeout", Assert.Throws<ArgumentException>(() => KuaHttpClientFactory.Create(new KuaClientOptions { Email = "demo@kua.test", Password = "secret-password", LoginTimeout = TimeSpan.Zero }, TokenHarness.Endpoint, TokenHarness.SpecBaseAddress)).Message);
            Assert.Throws<ArgumentException>(() => new KuaTokenEndpoint("op", "https://evil.example/login", "email", "password", "accessToken", null, null));
        }

        private static string RepositoryRoot()
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory != null && !File.Exists(Path.Combine(directory.FullName, "Kua.Generated.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("The repository root (Kua.Generated.sln) is not above " + AppContext.BaseDirectory);
        }
    }
}
