using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Kua.Generated.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Security.Generated;
using Xunit;

namespace Kua.Generated.Runtime.Tests
{
    /// <summary>
    /// A client generated from a spec with every kind of security scheme (Specs/security.yaml of the generator tests)
    /// against a real token server and API that check what they receive: each scheme goes where the spec says, each
    /// operation's requirement decides what it carries, and configuration errors are clear at construction.
    /// </summary>
    public sealed class SecuritySchemeTests
    {
        [Fact]
        public async Task EachSchemeReachesTheServerWhereTheSpecPutsIt()
        {
            await using var server = await SecurityServer.StartAsync();
            using var client = new SecurityClient(Options(server, o =>
            {
                o.HeaderKey = SecurityServer.ApiKey;
                o.QueryKey = new KuaApiKeyCredential(SecurityServer.ApiKey);
                o.CookieKey = SecurityServer.ApiKey;
                o.BasicAuth = new KuaBasicCredential(SecurityServer.BasicUser, SecurityServer.BasicPassword);
                o.BearerAuth = new KuaBearerCredential(SecurityServer.StaticToken);
            }));

            Assert.Equal("headerKey", (await client.GetDefaultAsync()).Credentials);
            Assert.Equal("queryKey", (await client.GetWithQueryKeyAsync()).Credentials);
            Assert.Equal("cookieKey", (await client.GetWithCookieKeyAsync()).Credentials);
            Assert.Equal("basic", (await client.GetWithBasicAsync()).Credentials);
            Assert.Equal("bearer", (await client.GetWithBearerAsync()).Credentials);

            // security: [] and an alternative {} send nothing, whatever is configured.
            Assert.Equal(string.Empty, (await client.GetPublicAsync()).Credentials);
            Assert.Equal(string.Empty, (await client.GetOptionalAsync()).Credentials);

            // Each request carried exactly its own scheme (an operation's security replaces the document's).
            Assert.Contains("/v1/query-key?api_key=" + Uri.EscapeDataString(SecurityServer.ApiKey) + " queryKey", server.ApiRequests);
            Assert.Equal(7, server.ApiRequests.Count);
        }

        [Fact]
        public async Task ClientCredentialsTokensAreCachedPerScopeSetAndAlternativesAndCombinationsFollowTheSpec()
        {
            await using var server = await SecurityServer.StartAsync();
            using var client = new SecurityClient(Options(server, o =>
            {
                o.HeaderKey = SecurityServer.ApiKey;
                o.Oauth = new KuaOAuth2Credential { ClientId = SecurityServer.ClientId, ClientSecret = SecurityServer.ClientSecret };
            }));

            Assert.Equal("oauth:pets:read", (await client.ListPetsAsync()).Credentials);
            Assert.Equal("oauth:pets:read pets:write", (await client.AddPetAsync()).Credentials);
            Assert.Equal("oauth:pets:read", (await client.ListPetsAsync()).Credentials);

            // OR: the first alternative whose credentials are set (OAuth); AND: every scheme of the requirement.
            Assert.Equal("oauth:pets:read", (await client.GetEitherAsync()).Credentials);
            Assert.Equal("headerKey+oauth:pets:read", (await client.GetBothAsync()).Credentials);

            // One token per scope set; the spec's relative token URL resolved against the base address; Basic client authentication.
            Assert.Equal(new[] { "client_credentials scope=pets:read client=basic", "client_credentials scope=pets:read pets:write client=basic" }, server.TokenRequests);
        }

        [Fact]
        public async Task WithoutTheFirstAlternativesCredentialsTheNextOneIsUsedAndAnOperationNobodyCanServeIsNotSent()
        {
            await using var server = await SecurityServer.StartAsync();
            using var client = new SecurityClient(Options(server, o => o.HeaderKey = SecurityServer.ApiKey));

            Assert.Equal("headerKey", (await client.GetEitherAsync()).Credentials);
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.ListPetsAsync());
            Assert.Contains("listPets", error.Message, StringComparison.Ordinal);
            Assert.Contains("'oauth'", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(server.ApiRequests, r => r.StartsWith("/v1/pets", StringComparison.Ordinal));
        }

        [Fact]
        public async Task ClientSecretInTheBodyAndThePasswordGrantAndOpenIdConnectDiscovery()
        {
            await using var server = await SecurityServer.StartAsync();
            using var client = new SecurityClient(Options(server, o =>
            {
                o.Oauth = new KuaOAuth2Credential { ClientId = SecurityServer.ClientId, ClientSecret = SecurityServer.ClientSecret, ClientAuthentication = KuaOAuth2ClientAuthentication.Body, Scopes = new[] { "all" } };
                o.UserOAuth = new KuaOAuth2Credential { ClientId = SecurityServer.ClientId, UserName = SecurityServer.UserName, Password = SecurityServer.UserPassword };
                o.Oidc = new KuaOAuth2Credential { ClientId = SecurityServer.ClientId, ClientSecret = SecurityServer.ClientSecret };
            }));

            // Scopes set on the credential replace each operation's: one token for both.
            Assert.Equal("oauth:all", (await client.ListPetsAsync()).Credentials);
            Assert.Equal("oauth:all", (await client.AddPetAsync()).Credentials);
            Assert.Equal("oauth", (await client.GetAsUserAsync()).Credentials);
            Assert.Equal("oauth:profile", (await client.GetWithOpenIdConnectAsync()).Credentials);
            Assert.Equal("oauth:profile", (await client.GetWithOpenIdConnectAsync()).Credentials);

            Assert.Equal(
                new[] { "client_credentials scope=all client=body", "password scope= client=body", "client_credentials scope=profile client=basic" },
                server.TokenRequests);
            Assert.Equal(1, server.DiscoveryRequests);
        }

        [Fact]
        public async Task ATokenProviderIsAskedOnEveryRequest()
        {
            await using var server = await SecurityServer.StartAsync();
            var calls = 0;
            using var client = new SecurityClient(Options(server, o =>
                o.BearerAuth = new KuaBearerCredential(_ => new ValueTask<string>("provided-" + Interlocked.Increment(ref calls)))));

            await client.GetWithBearerAsync();
            await client.GetWithBearerAsync();

            Assert.Equal(2, calls);
            Assert.Equal(new[] { "/v1/bearer bearer", "/v1/bearer bearer" }, server.ApiRequests);
        }

        [Fact]
        public async Task DependencyInjectionConfiguresTheGeneratedOptions()
        {
            await using var server = await SecurityServer.StartAsync();
            var services = new ServiceCollection();
            services.AddSecurityClient(o =>
            {
                o.BaseAddress = server.BaseAddress;
                o.AllowInsecureLoopback = true;
                o.HeaderKey = SecurityServer.ApiKey;
                o.Oauth = new KuaOAuth2Credential { ClientId = SecurityServer.ClientId, ClientSecret = SecurityServer.ClientSecret };
            });
            await using var provider = services.BuildServiceProvider();

            var client = provider.GetRequiredService<SecurityClient>();
            Assert.Equal("headerKey+oauth:pets:read", (await client.GetBothAsync()).Credentials);
            Assert.Equal("oauth:pets:read", (await provider.GetRequiredService<SecurityClient>().ListPetsAsync()).Credentials);
            Assert.Single(server.TokenRequests);
        }

        [Fact]
        public void ConfigurationErrorsAreArgumentExceptionsAtConstruction()
        {
            var baseAddress = new Uri("https://api.example.test/v1/");
            Assert.Contains("No credentials", Assert.Throws<ArgumentException>(() => new SecurityClient(new SecurityClientOptions { BaseAddress = baseAddress })).Message, StringComparison.Ordinal);
            Assert.Contains("ClientSecret", Assert.Throws<ArgumentException>(() => new SecurityClient(new SecurityClientOptions { BaseAddress = baseAddress, Oauth = new KuaOAuth2Credential { ClientId = "c" } })).Message, StringComparison.Ordinal);
            Assert.Contains("ClientId", Assert.Throws<ArgumentException>(() => new SecurityClient(new SecurityClientOptions { BaseAddress = baseAddress, Oauth = new KuaOAuth2Credential() })).Message, StringComparison.Ordinal);
            Assert.Contains("line break", Assert.Throws<ArgumentException>(() => new SecurityClient(new SecurityClientOptions { BaseAddress = baseAddress, HeaderKey = "a\r\nX-Injected: 1" })).Message, StringComparison.Ordinal);
            Assert.Contains("':'", Assert.Throws<ArgumentException>(() => new SecurityClient(new SecurityClientOptions { BaseAddress = baseAddress, BasicAuth = new KuaBasicCredential("a:b", "c") })).Message, StringComparison.Ordinal);
            Assert.Contains("is empty", Assert.Throws<ArgumentException>(() => new SecurityClient(new SecurityClientOptions { BaseAddress = baseAddress, BearerAuth = new KuaBearerCredential(" ") })).Message, StringComparison.Ordinal);

            // A token URL over plain HTTP is refused like the base address.
            var insecure = new SecurityClientOptions { BaseAddress = baseAddress, Oauth = new KuaOAuth2Credential { ClientId = "c", ClientSecret = "s", TokenUrl = new Uri("http://auth.example.test/token") } };
            Assert.Contains("http://auth.example.test", Assert.Throws<ArgumentException>(() => new SecurityClient(insecure)).Message, StringComparison.Ordinal);
        }

        internal static SecurityClientOptions Options(SecurityServer server, Action<SecurityClientOptions> configure)
        {
            var options = new SecurityClientOptions { BaseAddress = server.BaseAddress, AllowInsecureLoopback = true };
            configure(options);
            return options;
        }
    }
}
