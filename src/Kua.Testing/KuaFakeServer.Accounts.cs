using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Kua.Testing
{
    // Accounts: the accounts it knows and the authenticated endpoints (GET accounts, _fake/echo).
    public sealed partial class KuaFakeServer
    {
        private readonly Dictionary<string, KuaFakeUser> _users = new Dictionary<string, KuaFakeUser>(StringComparer.OrdinalIgnoreCase);

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
                await WriteErrorAsync(context, 401, "unauthorized", problem + Echo(context, context.Request.Headers["Authorization"].ToString())).ConfigureAwait(false);
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
    }
}
