using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Kua.Generated;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Kua.Testing
{
    /// <summary>
    /// A fake Kua API on a real socket: Kestrel on 127.0.0.1 with a port the OS picks, serving the spec's sessions
    /// and accounts endpoints under <c>/core/api/v2</c>. Logins are validated as the spec says, tokens are random
    /// and opaque with a configurable lifetime, and every failure a client must survive can be switched on:
    /// failed logins (429 with Retry-After, 500, 503), held or delayed replies, malformed or hostile login replies,
    /// revoked tokens and redirects. Counters and a request log let tests assert exactly what reached the server.
    /// </summary>
    /// <example>
    /// <code>
    /// await using var server = await KuaFakeServer.StartAsync();
    /// using var client = new KuaClient(server.CreateClientOptions());
    /// var account = await client.Accounts.GetAccountAsync();
    /// Assert.Equal(1, server.LoginCount);
    /// </code>
    /// </example>
    public sealed class KuaFakeServer : IAsyncDisposable
    {
        /// <summary>The email of the account every server starts with (unless <see cref="KuaFakeServerOptions.Users"/> is changed).</summary>
        public const string DefaultEmail = "demo@kua.test";

        /// <summary>The password of the default account.</summary>
        public const string DefaultPassword = "kua-demo-password";

        /// <summary>A reply header naming which issued token (1, 2, ...) authenticated the request. Fake-only: lets tests tell tokens apart without handling them.</summary>
        public const string TokenNumberHeader = "X-Kua-Fake-Token-Number";

        private const int OversizedTokenLength = 40 * 1024;

        private readonly object _lock = new object();
        private readonly WebApplication _app;
        private readonly TimeProvider _timeProvider;
        private readonly string _basePath;
        private readonly Dictionary<string, KuaFakeUser> _users = new Dictionary<string, KuaFakeUser>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, IssuedToken> _tokens = new Dictionary<string, IssuedToken>(StringComparer.Ordinal);
        private readonly List<IssuedToken> _issued = new List<IssuedToken>();
        private readonly List<KuaFakeRequest> _requests = new List<KuaFakeRequest>();
        private readonly Queue<(int Status, TimeSpan? RetryAfter)> _loginFailures = new Queue<(int, TimeSpan?)>();
        private readonly List<(Func<bool> Condition, TaskCompletionSource<bool> Signal)> _waiters = new List<(Func<bool>, TaskCompletionSource<bool>)>();
        private TimeSpan _tokenLifetime;
        private KuaFakeLoginReply _loginReply;
        private KuaFakeServerGate? _loginGate;
        private KuaFakeServerGate? _apiGate;
        private TimeSpan _loginDelay;
        private TimeSpan _apiDelay;
        private (Uri Target, int Status)? _accountRedirect;
        private bool _rejectAllTokens;
        private int _loginCount;
        private int _successfulLoginCount;
        private int _apiCallCount;
        private int _unauthorizedCount;

        private KuaFakeServer(WebApplication app, KuaFakeServerOptions options)
        {
            _app = app;
            _timeProvider = options.TimeProvider ?? TimeProvider.System;
            _basePath = "/" + (options.BasePath ?? string.Empty).Trim('/');
            _tokenLifetime = options.TokenLifetime;
            foreach (var user in options.Users)
            {
                _users[user.Email] = user;
            }

            RootAddress = null!;
            BaseAddress = null!;
        }

        /// <summary>The server's root, such as <c>http://127.0.0.1:51234/</c>.</summary>
        public Uri RootAddress { get; private set; }

        /// <summary>The API's base address, such as <c>http://127.0.0.1:51234/core/api/v2/</c>: what a client's <see cref="KuaClientOptions.BaseAddress"/> should be.</summary>
        public Uri BaseAddress { get; private set; }

        /// <summary>The lifetime of tokens issued from now on (also the <c>expiresIn</c> announced).</summary>
        public TimeSpan TokenLifetime
        {
            get { lock (_lock) { return _tokenLifetime; } }
            set { lock (_lock) { _tokenLifetime = value; } }
        }

        /// <summary>What successful logins answer from now on. Default: <see cref="KuaFakeLoginReply.Normal"/>.</summary>
        public KuaFakeLoginReply LoginReply
        {
            get { lock (_lock) { return _loginReply; } }
            set { lock (_lock) { _loginReply = value; } }
        }

        /// <summary>When true, every API call is answered 401 whatever token it carries (a server that keeps rejecting fresh tokens).</summary>
        public bool RejectAllTokens
        {
            get { lock (_lock) { return _rejectAllTokens; } }
            set { lock (_lock) { _rejectAllTokens = value; } }
        }

        /// <summary>A real-time delay before every login reply (for demos; tests should prefer <see cref="HoldLogins"/>).</summary>
        public TimeSpan LoginDelay
        {
            get { lock (_lock) { return _loginDelay; } }
            set { lock (_lock) { _loginDelay = value; } }
        }

        /// <summary>A real-time delay before every API reply (for demos; tests should prefer <see cref="HoldApiCalls"/>).</summary>
        public TimeSpan ApiDelay
        {
            get { lock (_lock) { return _apiDelay; } }
            set { lock (_lock) { _apiDelay = value; } }
        }

        /// <summary>Login requests received, whatever their outcome.</summary>
        public int LoginCount { get { lock (_lock) { return _loginCount; } } }

        /// <summary>Logins that issued a token.</summary>
        public int SuccessfulLoginCount { get { lock (_lock) { return _successfulLoginCount; } } }

        /// <summary>Requests to authenticated endpoints (accounts, echo), accepted or not.</summary>
        public int ApiCallCount { get { lock (_lock) { return _apiCallCount; } } }

        /// <summary>Requests answered 401 because the token was missing, unknown, expired or revoked.</summary>
        public int UnauthorizedCount { get { lock (_lock) { return _unauthorizedCount; } } }

        /// <summary>Every request received, in order of reply.</summary>
        public IReadOnlyList<KuaFakeRequest> Requests { get { lock (_lock) { return _requests.ToArray(); } } }

        /// <summary>Every token issued so far, in order (token number n is at index n - 1). For tests that check tokens never leak.</summary>
        public IReadOnlyList<string> IssuedTokens { get { lock (_lock) { return _issued.Select(t => t.Value).ToArray(); } } }

        /// <summary>Starts a server on 127.0.0.1 with a port the OS picks.</summary>
        /// <param name="options">Users, token lifetime, clock; null for the defaults.</param>
        /// <param name="cancellationToken">Cancels the start.</param>
        /// <returns>The running server; dispose it to stop it.</returns>
        public static async Task<KuaFakeServer> StartAsync(KuaFakeServerOptions? options = null, CancellationToken cancellationToken = default)
        {
            options ??= new KuaFakeServerOptions();
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
            builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            var server = new KuaFakeServer(app, options);
            app.Run(server.HandleAsync);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var port = new Uri(address).Port;
            server.RootAddress = new Uri("http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture) + "/");
            server.BaseAddress = new Uri(server.RootAddress, server._basePath.TrimStart('/') + "/");
            return server;
        }

        /// <summary>
        /// Options for a client of this server: <see cref="BaseAddress"/>, the given (or default) credentials, and
        /// <see cref="KuaClientOptions.AllowInsecureLoopback"/> on (the server speaks plain HTTP on loopback).
        /// </summary>
        /// <param name="email">The email; null for <see cref="DefaultEmail"/>.</param>
        /// <param name="password">The password; null for <see cref="DefaultPassword"/>.</param>
        /// <returns>New options the caller may change further.</returns>
        public KuaClientOptions CreateClientOptions(string? email = null, string? password = null) => new KuaClientOptions
        {
            BaseAddress = BaseAddress,
            Email = email ?? DefaultEmail,
            Password = password ?? DefaultPassword,
            AllowInsecureLoopback = true,
        };

        /// <summary>Adds (or replaces) an account.</summary>
        /// <param name="user">The account.</param>
        public void AddUser(KuaFakeUser user)
        {
            if (user is null)
            {
                throw new ArgumentNullException(nameof(user));
            }

            lock (_lock)
            {
                _users[user.Email] = user;
            }
        }

        /// <summary>Makes every token issued so far invalid: the next API call with one gets 401.</summary>
        public void RevokeAllTokens()
        {
            lock (_lock)
            {
                foreach (var token in _issued)
                {
                    token.Revoked = true;
                }
            }
        }

        /// <summary>Makes the next <paramref name="count"/> logins fail with <paramref name="statusCode"/> (and a <c>Retry-After</c> when given).</summary>
        /// <param name="count">How many logins fail.</param>
        /// <param name="statusCode">The status, such as 429, 500 or 503.</param>
        /// <param name="retryAfter">The <c>Retry-After</c> to send, in whole seconds.</param>
        public void FailNextLogins(int count, int statusCode, TimeSpan? retryAfter = null)
        {
            lock (_lock)
            {
                for (var i = 0; i < count; i++)
                {
                    _loginFailures.Enqueue((statusCode, retryAfter));
                }
            }
        }

        /// <summary>
        /// Holds the next <paramref name="count"/> login requests (received and counted, not answered) until the returned
        /// gate is released; requests after those pass. A new gate releases the previous one.
        /// </summary>
        /// <param name="count">How many requests to hold; all of them by default.</param>
        /// <returns>The gate.</returns>
        public KuaFakeServerGate HoldLogins(int count = int.MaxValue)
        {
            var gate = new KuaFakeServerGate(count, released => { lock (_lock) { if (_loginGate == released) { _loginGate = null; } } });
            KuaFakeServerGate? previous;
            lock (_lock)
            {
                previous = _loginGate;
                _loginGate = gate;
            }

            previous?.Release();
            return gate;
        }

        /// <summary>
        /// Holds the next <paramref name="count"/> API requests (received and counted, not answered) until the returned
        /// gate is released; requests after those pass. A new gate releases the previous one.
        /// </summary>
        /// <param name="count">How many requests to hold; all of them by default.</param>
        /// <returns>The gate.</returns>
        public KuaFakeServerGate HoldApiCalls(int count = int.MaxValue)
        {
            var gate = new KuaFakeServerGate(count, released => { lock (_lock) { if (_apiGate == released) { _apiGate = null; } } });
            KuaFakeServerGate? previous;
            lock (_lock)
            {
                previous = _apiGate;
                _apiGate = gate;
            }

            previous?.Release();
            return gate;
        }

        /// <summary>Answers <c>GET accounts</c> with a redirect to <paramref name="target"/> from now on (null stops it).</summary>
        /// <param name="target">Where to redirect, such as another fake server's accounts address under another host name.</param>
        /// <param name="statusCode">The redirect status. Default: 302.</param>
        public void RedirectAccountRequests(Uri? target, int statusCode = 302)
        {
            lock (_lock)
            {
                _accountRedirect = target is null ? null : (target, statusCode);
            }
        }

        /// <summary>How many API requests token number <paramref name="tokenNumber"/> authenticated.</summary>
        /// <param name="tokenNumber">The token's number (1 for the first issued).</param>
        /// <returns>The count.</returns>
        public int GetApiCallCount(int tokenNumber)
        {
            lock (_lock)
            {
                return _requests.Count(r => r.Kind != KuaFakeRequestKind.Login && r.TokenNumber == tokenNumber && r.StatusCode < 400);
            }
        }

        /// <summary>Completes once at least <paramref name="count"/> login requests have been received (held ones included).</summary>
        /// <param name="count">The count to wait for.</param>
        /// <param name="cancellationToken">Stops waiting.</param>
        /// <returns>A task.</returns>
        public Task WaitForLoginsAsync(int count, CancellationToken cancellationToken = default) =>
            WaitForAsync(() => _loginCount >= count, cancellationToken);

        /// <summary>Completes once at least <paramref name="count"/> API requests have been received (held ones included).</summary>
        /// <param name="count">The count to wait for.</param>
        /// <param name="cancellationToken">Stops waiting.</param>
        /// <returns>A task.</returns>
        public Task WaitForApiCallsAsync(int count, CancellationToken cancellationToken = default) =>
            WaitForAsync(() => _apiCallCount >= count, cancellationToken);

        /// <summary>Releases held requests and stops the server.</summary>
        /// <returns>A task.</returns>
        public async ValueTask DisposeAsync()
        {
            KuaFakeServerGate? loginGate, apiGate;
            lock (_lock)
            {
                loginGate = _loginGate;
                apiGate = _apiGate;
            }

            loginGate?.Release();
            apiGate?.Release();
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        /// <inheritdoc />
        public override string ToString() => "KuaFakeServer { BaseAddress = " + BaseAddress + ", Logins = " + LoginCount + ", ApiCalls = " + ApiCallCount + " }";

        private Task WaitForAsync(Func<bool> condition, CancellationToken cancellationToken)
        {
            var signal = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_lock)
            {
                if (condition())
                {
                    return Task.CompletedTask;
                }

                _waiters.Add((condition, signal));
            }

            if (cancellationToken.CanBeCanceled)
            {
                cancellationToken.Register(() => signal.TrySetCanceled(cancellationToken));
            }

            return signal.Task;
        }

        /// <summary>Under the lock: completes the waiters whose condition now holds.</summary>
        private void SignalWaiters()
        {
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Condition())
                {
                    _waiters[i].Signal.TrySetResult(true);
                    _waiters.RemoveAt(i);
                }
            }
        }

        private async Task HandleAsync(HttpContext context)
        {
            var path = context.Request.Path.Value ?? "/";
            var relative = path.StartsWith(_basePath + "/", StringComparison.Ordinal) ? path.Substring(_basePath.Length + 1) : null;
            var method = context.Request.Method;
            if (relative == "accounts/sessions/email" && HttpMethods.IsPost(method))
            {
                await HandleLoginAsync(context).ConfigureAwait(false);
            }
            else if (relative == "accounts" && HttpMethods.IsGet(method))
            {
                await HandleApiAsync(context, KuaFakeRequestKind.Account).ConfigureAwait(false);
            }
            else if (relative == "_fake/echo")
            {
                await HandleApiAsync(context, KuaFakeRequestKind.Echo).ConfigureAwait(false);
            }
            else
            {
                await WriteErrorAsync(context, 404, "not_found", "No such endpoint: " + method + " " + path + ".").ConfigureAwait(false);
                Record(context, KuaFakeRequestKind.Unknown, null, 404, null);
            }
        }

        private async Task HandleLoginAsync(HttpContext context)
        {
            KuaFakeServerGate? gate;
            TimeSpan delay;
            (int Status, TimeSpan? RetryAfter)? failure = null;
            lock (_lock)
            {
                _loginCount++;
                gate = _loginGate != null && _loginGate.TryHold() ? _loginGate : null;
                delay = _loginDelay;
                if (_loginFailures.Count > 0)
                {
                    failure = _loginFailures.Dequeue();
                }

                SignalWaiters();
            }

            var body = await ReadBodyAsync(context.Request).ConfigureAwait(false);
            if (gate != null)
            {
                await gate.WaitAsync().ConfigureAwait(false);
            }

            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay).ConfigureAwait(false);
            }

            if (failure is (int status, var retryAfter))
            {
                if (retryAfter is TimeSpan wait)
                {
                    context.Response.Headers["Retry-After"] = ((long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                await WriteErrorAsync(context, status, status == 429 ? "too_many_requests" : "server_error", "Injected failure.").ConfigureAwait(false);
                Record(context, KuaFakeRequestKind.Login, null, status, null);
                return;
            }

            var problems = ValidateLogin(context.Request.ContentType, body, out var email, out var password);
            if (problems.Count > 0)
            {
                await WriteErrorAsync(context, 400, "invalid_request", "The login request is invalid.", problems).ConfigureAwait(false);
                Record(context, KuaFakeRequestKind.Login, null, 400, null);
                return;
            }

            KuaFakeUser? user;
            lock (_lock)
            {
                _users.TryGetValue(email!, out user);
            }

            if (user is null || !string.Equals(user.Password, password, StringComparison.Ordinal))
            {
                await WriteErrorAsync(context, 401, "invalid_credentials", "The email or password is wrong.").ConfigureAwait(false);
                Record(context, KuaFakeRequestKind.Login, null, 401, null);
                return;
            }

            await WriteLoginReplyAsync(context, user).ConfigureAwait(false);
        }

        private static List<(string Field, string Message)> ValidateLogin(string? contentType, byte[] body, out string? email, out string? password)
        {
            email = null;
            password = null;
            var problems = new List<(string, string)>();
            if (contentType is null || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(("body", "The body must be application/json."));
                return problems;
            }

            try
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    problems.Add(("body", "The body must be a JSON object."));
                    return problems;
                }

                email = ReadString(document.RootElement, "email", 5, 64, problems);
                password = ReadString(document.RootElement, "password", 6, 128, problems);
            }
            catch (JsonException)
            {
                problems.Add(("body", "The body is not valid JSON."));
            }

            return problems;
        }

        private static string? ReadString(JsonElement root, string name, int min, int max, List<(string, string)> problems)
        {
            if (!root.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.String)
            {
                problems.Add((name, "The field is required and must be a string."));
                return null;
            }

            var value = element.GetString()!;
            if (value.Length < min || value.Length > max)
            {
                problems.Add((name, "The field must be " + min + " to " + max + " characters long."));
                return null;
            }

            return value;
        }

        private async Task WriteLoginReplyAsync(HttpContext context, KuaFakeUser user)
        {
            KuaFakeLoginReply mode;
            IssuedToken? token = null;
            long lifetimeSeconds;
            lock (_lock)
            {
                mode = _loginReply;
                lifetimeSeconds = (long)_tokenLifetime.TotalSeconds;
                if (IssuesUsableToken(mode))
                {
                    token = new IssuedToken(NewTokenValue(), _issued.Count + 1, user, _timeProvider.GetTimestamp(), _tokenLifetime);
                    _issued.Add(token);
                    _tokens[token.Value] = token;
                    _successfulLoginCount++;
                }
            }

            var response = context.Response;
            response.StatusCode = 200;
            if (mode == KuaFakeLoginReply.HtmlErrorPage)
            {
                response.ContentType = "text/html; charset=utf-8";
                await response.WriteAsync("<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>").ConfigureAwait(false);
                Record(context, KuaFakeRequestKind.Login, null, 200, null);
                return;
            }

            response.ContentType = "application/json; charset=utf-8";
            if (mode == KuaFakeLoginReply.InvalidJson)
            {
                await response.WriteAsync("{\"accessToken\": \"" + NewTokenValue() + "\", \"tokenType\": \"Bea").ConfigureAwait(false);
                Record(context, KuaFakeRequestKind.Login, null, 200, null);
                return;
            }

            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("accessToken", mode switch
                {
                    KuaFakeLoginReply.EmptyToken => string.Empty,
                    KuaFakeLoginReply.TokenWithLineBreak => NewTokenValue() + "\r\nX-Injected: yes",
                    KuaFakeLoginReply.OversizedToken => new string('a', OversizedTokenLength),
                    _ => token?.Value ?? NewTokenValue(),
                });
                writer.WriteString("tokenType", mode == KuaFakeLoginReply.NonBearerTokenType ? "MAC" : mode == KuaFakeLoginReply.LowercaseTokenType ? "bearer" : "Bearer");
                writer.WriteString("tokenFormat", "opaque");
                switch (mode)
                {
                    case KuaFakeLoginReply.MissingExpiresIn:
                        break;
                    case KuaFakeLoginReply.ZeroExpiresIn:
                        writer.WriteNumber("expiresIn", 0);
                        break;
                    case KuaFakeLoginReply.NegativeExpiresIn:
                        writer.WriteNumber("expiresIn", -60);
                        break;
                    case KuaFakeLoginReply.HugeExpiresIn:
                        writer.WriteNumber("expiresIn", long.MaxValue);
                        break;
                    case KuaFakeLoginReply.DecimalExpiresIn:
                        writer.WriteNumber("expiresIn", lifetimeSeconds + 0.5m);
                        break;
                    case KuaFakeLoginReply.StringExpiresIn:
                        writer.WriteString("expiresIn", lifetimeSeconds.ToString(CultureInfo.InvariantCulture));
                        break;
                    default:
                        writer.WriteNumber("expiresIn", lifetimeSeconds);
                        break;
                }

                writer.WriteEndObject();
            }

            await response.Body.WriteAsync(buffer.ToArray()).ConfigureAwait(false);
            Record(context, KuaFakeRequestKind.Login, token?.Number, 200, null);
        }

        private static bool IssuesUsableToken(KuaFakeLoginReply mode) =>
            mode != KuaFakeLoginReply.EmptyToken &&
            mode != KuaFakeLoginReply.TokenWithLineBreak &&
            mode != KuaFakeLoginReply.OversizedToken &&
            mode != KuaFakeLoginReply.NonBearerTokenType &&
            mode != KuaFakeLoginReply.InvalidJson &&
            mode != KuaFakeLoginReply.HtmlErrorPage;

        private async Task HandleApiAsync(HttpContext context, KuaFakeRequestKind kind)
        {
            KuaFakeServerGate? gate;
            TimeSpan delay;
            (Uri Target, int Status)? redirect;
            lock (_lock)
            {
                _apiCallCount++;
                gate = _apiGate != null && _apiGate.TryHold() ? _apiGate : null;
                delay = _apiDelay;
                redirect = kind == KuaFakeRequestKind.Account ? _accountRedirect : null;
                SignalWaiters();
            }

            var body = kind == KuaFakeRequestKind.Echo ? await ReadBodyAsync(context.Request).ConfigureAwait(false) : null;
            if (gate != null)
            {
                await gate.WaitAsync().ConfigureAwait(false);
            }

            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay).ConfigureAwait(false);
            }

            var hadAuthorization = context.Request.Headers.ContainsKey("Authorization");
            if (redirect is (Uri target, int redirectStatus))
            {
                context.Response.StatusCode = redirectStatus;
                context.Response.Headers["Location"] = target.AbsoluteUri;
                Record(context, kind, null, redirectStatus, null, hadAuthorization);
                return;
            }

            var token = Authenticate(context.Request, out var problem);
            if (token is null)
            {
                lock (_lock)
                {
                    _unauthorizedCount++;
                }

                context.Response.Headers["WWW-Authenticate"] = "Bearer";
                await WriteErrorAsync(context, 401, "unauthorized", problem).ConfigureAwait(false);
                Record(context, kind, null, 401, null, hadAuthorization);
                return;
            }

            context.Response.Headers[TokenNumberHeader] = token.Number.ToString(CultureInfo.InvariantCulture);
            if (kind == KuaFakeRequestKind.Echo)
            {
                context.Response.StatusCode = 200;
                context.Response.ContentType = context.Request.ContentType ?? "application/octet-stream";
                await context.Response.Body.WriteAsync(body!).ConfigureAwait(false);
                Record(context, kind, token.Number, 200, body, hadAuthorization);
                return;
            }

            await WriteAccountAsync(context, token.User).ConfigureAwait(false);
            Record(context, kind, token.Number, 200, null, hadAuthorization);
        }

        private IssuedToken? Authenticate(HttpRequest request, out string problem)
        {
            var header = request.Headers["Authorization"].ToString();
            if (header.Length == 0)
            {
                problem = "The request has no bearer token.";
                return null;
            }

            if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                problem = "The Authorization header is not a bearer token.";
                return null;
            }

            var value = header.Substring("Bearer ".Length).Trim();
            lock (_lock)
            {
                if (_rejectAllTokens)
                {
                    problem = "The server rejects every token.";
                    return null;
                }

                if (!_tokens.TryGetValue(value, out var token))
                {
                    problem = "The bearer token is unknown.";
                    return null;
                }

                if (token.Revoked)
                {
                    problem = "The bearer token was revoked.";
                    return null;
                }

                if (_timeProvider.GetElapsedTime(token.IssuedAt) >= token.Lifetime)
                {
                    problem = "The bearer token expired.";
                    return null;
                }

                problem = string.Empty;
                return token;
            }
        }

        private static async Task WriteAccountAsync(HttpContext context, KuaFakeUser user)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("id", user.Id);
                writer.WriteString("email", user.Email);
                if (user.DisplayName is null)
                {
                    writer.WriteNull("displayName");
                }
                else
                {
                    writer.WriteString("displayName", user.DisplayName);
                }

                writer.WriteString("status", user.Status);
                writer.WriteString("createdAt", user.CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                writer.WriteEndObject();
            }

            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.Body.WriteAsync(buffer.ToArray()).ConfigureAwait(false);
        }

        private static async Task WriteErrorAsync(HttpContext context, int status, string code, string message, IReadOnlyList<(string Field, string Message)>? details = null)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("code", code);
                writer.WriteString("message", message);
                if (details != null)
                {
                    writer.WriteStartArray("details");
                    foreach (var (field, text) in details)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("field", field);
                        writer.WriteString("message", text);
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
            }

            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.Body.WriteAsync(buffer.ToArray()).ConfigureAwait(false);
        }

        private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer).ConfigureAwait(false);
            return buffer.ToArray();
        }

        private void Record(HttpContext context, KuaFakeRequestKind kind, int? tokenNumber, int status, byte[]? body, bool? hadAuthorization = null)
        {
            var request = new KuaFakeRequest(
                context.Request.Method,
                context.Request.Path.Value ?? "/",
                kind,
                hadAuthorization ?? context.Request.Headers.ContainsKey("Authorization"),
                tokenNumber,
                status,
                body);
            lock (_lock)
            {
                _requests.Add(request);
                SignalWaiters();
            }
        }

        private static string NewTokenValue()
        {
            var bytes = new byte[32];
            RandomNumberGenerator.Fill(bytes);
            return "kua_" + Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        }

        private sealed class IssuedToken
        {
            public IssuedToken(string value, int number, KuaFakeUser user, long issuedAt, TimeSpan lifetime)
            {
                Value = value;
                Number = number;
                User = user;
                IssuedAt = issuedAt;
                Lifetime = lifetime;
            }

            public string Value { get; }

            public int Number { get; }

            public KuaFakeUser User { get; }

            public long IssuedAt { get; }

            public TimeSpan Lifetime { get; }

            public bool Revoked { get; set; }

            public override string ToString() => "IssuedToken #" + Number;
        }
    }
}
