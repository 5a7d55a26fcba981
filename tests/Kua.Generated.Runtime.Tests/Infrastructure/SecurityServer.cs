using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Kua.Generated.Runtime.Tests.Infrastructure
{
    /// <summary>
    /// A real OAuth 2 token server and API on 127.0.0.1, written for these tests: client credentials (Basic or body client
    /// authentication), the password grant, one-time refresh tokens (rotation: a refresh token used twice is
    /// <c>invalid_grant</c>), scopes, OpenID Connect discovery, 429 with Retry-After; and an API under <c>/v1/</c> that
    /// checks every credential it receives (API key in a header, the query or a cookie; Basic; a fixed bearer token; an
    /// issued token and its scopes) and answers what it accepted, or 401 for a credential it does not know.
    /// </summary>
    internal sealed class SecurityServer : IAsyncDisposable
    {
        public const string ClientId = "client-1";
        public const string ClientSecret = "client-secret-!&=1";
        public const string UserName = "ann";
        public const string UserPassword = "ann-password-2";
        public const string ApiKey = "api-key-3/+x";
        public const string BasicUser = "basic-user";
        public const string BasicPassword = "basic-pass:4";
        public const string StaticToken = "static-token-5";

        private readonly WebApplication _app;
        private readonly object _lock = new object();
        private readonly Dictionary<string, string> _accessTokens = new Dictionary<string, string>(StringComparer.Ordinal);
        private readonly HashSet<string> _liveRefreshTokens = new HashSet<string>(StringComparer.Ordinal);
        private readonly HashSet<string> _usedRefreshTokens = new HashSet<string>(StringComparer.Ordinal);
        private readonly ConcurrentQueue<string> _tokenRequests = new ConcurrentQueue<string>();
        private readonly ConcurrentQueue<string> _apiRequests = new ConcurrentQueue<string>();
        private int _issued;
        private int _failuresLeft;
        private int _failureStatus;
        private TimeSpan? _failureRetryAfter;
        private int _discoveryRequests;
        private int _reusedRefreshTokens;
        private TaskCompletionSource<bool>? _tokenGate;

        private SecurityServer(WebApplication app)
        {
            _app = app;
        }

        public Uri RootAddress { get; private set; } = null!;

        /// <summary>The API's base address (<c>/v1/</c>), as the spec's server URL would be.</summary>
        public Uri BaseAddress => new Uri(RootAddress, "v1/");

        public Uri TokenEndpoint => new Uri(RootAddress, "oauth/token");

        /// <summary>The lifetime announced for access tokens (<c>expires_in</c>).</summary>
        public int ExpiresInSeconds { get; set; } = 3600;

        /// <summary>Whether client credentials replies carry a refresh token too (password replies always do).</summary>
        public bool RefreshTokensForClientCredentials { get; set; }

        /// <summary>Whether error replies quote the client secret, as a careless server might.</summary>
        public bool EchoSecrets { get; set; }

        /// <summary>Every token request: "grant_type scope=… client=basic|body".</summary>
        public IReadOnlyList<string> TokenRequests => _tokenRequests.ToArray();

        /// <summary>Every API request: "path?query credentials".</summary>
        public IReadOnlyList<string> ApiRequests => _apiRequests.ToArray();

        public int DiscoveryRequests => Volatile.Read(ref _discoveryRequests);

        /// <summary>Refresh tokens presented after they were already used (must stay 0).</summary>
        public int ReusedRefreshTokens => Volatile.Read(ref _reusedRefreshTokens);

        public int CountTokenRequests(string grantType) => TokenRequests.Count(r => r.StartsWith(grantType + " ", StringComparison.Ordinal));

        public static async Task<SecurityServer> StartAsync()
        {
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
            builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            var server = new SecurityServer(app);
            app.Run(server.HandleAsync);
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            server.RootAddress = new Uri("http://127.0.0.1:" + new Uri(address).Port.ToString(CultureInfo.InvariantCulture) + "/");
            return server;
        }

        /// <summary>The next token requests fail with <paramref name="status"/> (and a Retry-After).</summary>
        public void FailNextTokenRequests(int count, int status, TimeSpan? retryAfter = null)
        {
            _failureStatus = status;
            _failureRetryAfter = retryAfter;
            Volatile.Write(ref _failuresLeft, count);
        }

        /// <summary>Token requests wait until the returned source is completed.</summary>
        public TaskCompletionSource<bool> HoldTokenRequests() => _tokenGate = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Every access token issued so far gets 401 from now on.</summary>
        public void RevokeAccessTokens()
        {
            lock (_lock)
            {
                _accessTokens.Clear();
            }
        }

        /// <summary>Every refresh token issued so far is rejected (invalid_grant) from now on.</summary>
        public void RevokeRefreshTokens()
        {
            lock (_lock)
            {
                _liveRefreshTokens.Clear();
            }
        }

        public async ValueTask DisposeAsync()
        {
            _tokenGate?.TrySetResult(true);
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        private Task HandleAsync(HttpContext context)
        {
            var path = context.Request.Path.Value ?? string.Empty;
            if (path == "/oauth/token" && HttpMethods.IsPost(context.Request.Method))
            {
                return TokenAsync(context);
            }

            if (path == "/.well-known/openid-configuration")
            {
                Interlocked.Increment(ref _discoveryRequests);
                return WriteJsonAsync(context, 200, new Dictionary<string, object> { ["issuer"] = RootAddress.ToString(), ["token_endpoint"] = TokenEndpoint.ToString() });
            }

            if (path.StartsWith("/v1/", StringComparison.Ordinal))
            {
                return ApiAsync(context, path);
            }

            context.Response.StatusCode = 404;
            return Task.CompletedTask;
        }

        private async Task TokenAsync(HttpContext context)
        {
            var form = await context.Request.ReadFormAsync();
            var grant = form["grant_type"].ToString();
            var scope = form["scope"].ToString();
            var clientAuth = ReadClient(context, form, out var clientOk);
            _tokenRequests.Enqueue(grant + " scope=" + scope + " client=" + clientAuth);
            if (_tokenGate is TaskCompletionSource<bool> gate)
            {
                await gate.Task;
            }

            if (Interlocked.Decrement(ref _failuresLeft) >= 0)
            {
                if (_failureRetryAfter is TimeSpan retryAfter)
                {
                    context.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                }

                await WriteJsonAsync(context, _failureStatus, new Dictionary<string, object> { ["error"] = "temporarily_unavailable" });
                return;
            }

            if (!clientOk)
            {
                await ErrorAsync(context, 401, "invalid_client", "unknown client " + (EchoSecrets ? form["client_secret"].ToString() + " " + context.Request.Headers.Authorization : string.Empty));
                return;
            }

            var withRefresh = RefreshTokensForClientCredentials;
            switch (grant)
            {
                case "client_credentials":
                    break;
                case "password":
                    if (form["username"] != UserName || form["password"] != UserPassword)
                    {
                        await ErrorAsync(context, 400, "invalid_grant", "wrong user " + (EchoSecrets ? form["password"].ToString() : string.Empty));
                        return;
                    }

                    withRefresh = true;
                    break;
                case "refresh_token":
                    var presented = form["refresh_token"].ToString();
                    lock (_lock)
                    {
                        if (_usedRefreshTokens.Contains(presented))
                        {
                            _reusedRefreshTokens++;
                        }

                        withRefresh = _liveRefreshTokens.Remove(presented);
                        _usedRefreshTokens.Add(presented);
                    }

                    if (!withRefresh)
                    {
                        await ErrorAsync(context, 400, "invalid_grant", "the refresh token is invalid, expired, revoked or used");
                        return;
                    }

                    break;
                default:
                    await ErrorAsync(context, 400, "unsupported_grant_type", grant);
                    return;
            }

            var number = Interlocked.Increment(ref _issued);
            var accessToken = "at-" + number.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N");
            var reply = new Dictionary<string, object> { ["access_token"] = accessToken, ["token_type"] = "bearer", ["expires_in"] = ExpiresInSeconds };
            lock (_lock)
            {
                _accessTokens[accessToken] = scope;
                if (withRefresh)
                {
                    var refreshToken = "rt-" + number.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N");
                    _liveRefreshTokens.Add(refreshToken);
                    reply["refresh_token"] = refreshToken;
                }
            }

            if (scope.Length > 0)
            {
                reply["scope"] = scope;
            }

            await WriteJsonAsync(context, 200, reply);
        }

        private static string ReadClient(HttpContext context, IFormCollection form, out bool ok)
        {
            var authorization = context.Request.Headers.Authorization.ToString();
            if (authorization.StartsWith("Basic ", StringComparison.Ordinal))
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(authorization.Substring(6))).Split(':');
                ok = pair.Length == 2 && Uri.UnescapeDataString(pair[0]) == ClientId && Uri.UnescapeDataString(pair[1]) == ClientSecret;
                return "basic";
            }

            ok = form["client_id"] == ClientId && (form["client_secret"] == ClientSecret || (form["grant_type"] == "password" && string.IsNullOrEmpty(form["client_secret"])));
            return "body";
        }

        private Task ApiAsync(HttpContext context, string path)
        {
            var request = context.Request;
            var seen = new List<string>();
            var rejected = false;
            if (request.Headers.TryGetValue("X-API-Key", out var headerKey))
            {
                rejected |= headerKey != ApiKey;
                seen.Add("headerKey");
            }

            if (request.Query.TryGetValue("api_key", out var queryKey))
            {
                rejected |= queryKey != ApiKey;
                seen.Add("queryKey");
            }

            if (request.Cookies.TryGetValue("session_key", out var cookieKey))
            {
                rejected |= cookieKey != ApiKey;
                seen.Add("cookieKey");
            }

            var authorization = request.Headers.Authorization.ToString();
            if (authorization.StartsWith("Basic ", StringComparison.Ordinal))
            {
                rejected |= Encoding.UTF8.GetString(Convert.FromBase64String(authorization.Substring(6))) != BasicUser + ":" + BasicPassword;
                seen.Add("basic");
            }
            else if (authorization.StartsWith("Bearer ", StringComparison.Ordinal))
            {
                var token = authorization.Substring(7);
                string? scope;
                lock (_lock)
                {
                    _accessTokens.TryGetValue(token, out scope);
                }

                if (token == StaticToken || token.StartsWith("provided-", StringComparison.Ordinal))
                {
                    seen.Add("bearer");
                }
                else if (scope != null)
                {
                    seen.Add("oauth" + (scope.Length > 0 ? ":" + scope : string.Empty));
                }
                else
                {
                    rejected = true;
                }
            }

            var credentials = string.Join("+", seen);
            _apiRequests.Enqueue(path + request.QueryString.Value + " " + credentials);
            if (rejected)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
                return WriteJsonAsync(context, 401, new Dictionary<string, object> { ["error"] = "invalid credentials: " + (EchoSecrets ? authorization + " " + headerKey : string.Empty) });
            }

            return WriteJsonAsync(context, 200, new Dictionary<string, object> { ["credentials"] = credentials });
        }

        private Task ErrorAsync(HttpContext context, int status, string error, string description) =>
            WriteJsonAsync(context, status, new Dictionary<string, object> { ["error"] = error, ["error_description"] = description });

        private static Task WriteJsonAsync(HttpContext context, int status, Dictionary<string, object> body)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync(JsonSerializer.Serialize(body));
        }
    }
}
