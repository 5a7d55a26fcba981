using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Kua.Testing
{
    // Login: POST accounts/sessions/email, validated as the spec says, and the tokens it issues (hostile replies included).
    public sealed partial class KuaFakeServer
    {
        private const int OversizedTokenLength = 40 * 1024;
        private readonly Dictionary<string, IssuedToken> _tokens = new Dictionary<string, IssuedToken>(StringComparer.Ordinal);
        private readonly List<IssuedToken> _issued = new List<IssuedToken>();
        private TimeSpan _tokenLifetime;

        /// <summary>The lifetime of tokens issued from now on (also the <c>expiresIn</c> announced).</summary>
        public TimeSpan TokenLifetime
        {
            get { lock (_lock) { return _tokenLifetime; } }
            set { lock (_lock) { _tokenLifetime = value; } }
        }

        /// <summary>Every token issued so far, in order (token number n is at index n - 1). For tests that check tokens never leak.</summary>
        public IReadOnlyList<string> IssuedTokens { get { lock (_lock) { return _issued.Select(t => t.Value).ToArray(); } } }

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
                await WriteErrorAsync(context, 400, "invalid_request", "The login request is invalid." + Echo(context, password), problems).ConfigureAwait(false);
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
                await WriteErrorAsync(context, 401, "invalid_credentials", "The email or password is wrong." + Echo(context, password)).ConfigureAwait(false);
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
