using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Kua.Generated.Runtime.Http;
using Microsoft.Extensions.Logging;

namespace Kua.Generated.Runtime.Authentication
{
    /// <summary>
    /// A token source that posts to a token endpoint over HTTP and reads a JSON reply: what the Kua login and OAuth 2 token
    /// requests share. It sends one request per attempt, and turns the reply into a <see cref="TokenGrant"/> or a
    /// <see cref="KuaAuthenticationException"/>. Hostile or broken replies fail with a clear message that never quotes the
    /// reply, a credential or a token.
    /// </summary>
    internal abstract class HttpTokenSource : ITokenSource
    {
        /// <summary>The largest token reply read; anything bigger is not a token reply.</summary>
        internal const int MaxReplyBytes = 256 * 1024;

        private const int MaxErrorBodyBytes = 64 * 1024;

        /// <param name="settings">The client's settings.</param>
        /// <param name="operationId">What the source's requests are named in logs, metrics and exceptions.</param>
        /// <param name="fields">The reply's field names.</param>
        /// <param name="secrets">The client's secrets, scrubbed from every failure this source reports.</param>
        /// <param name="logger">The authentication log.</param>
        protected HttpTokenSource(TokenSettings settings, string operationId, TokenReplyFields fields, KnownSecrets secrets, ILogger logger)
        {
            Settings = settings;
            OperationId = operationId;
            Fields = fields;
            Secrets = secrets;
            Logger = logger;
        }

        public string OperationId { get; }

        public abstract Uri Address { get; }

        protected TokenSettings Settings { get; }

        protected TokenReplyFields Fields { get; }

        protected KnownSecrets Secrets { get; }

        protected ILogger Logger { get; }

        public async Task<TokenGrant> RequestTokenAsync(TokenRequestSender send, CancellationToken cancellationToken)
        {
            using var activity = AuthenticationLog.ActivitySource.StartActivity("Kua.Login", ActivityKind.Client);
            activity?.SetTag("kua.operation_id", OperationId);
            try
            {
                var grant = await RequestOnceAsync(send, activity, cancellationToken).ConfigureAwait(false);
                activity?.SetStatus(ActivityStatusCode.Ok);
                return grant;
            }
            catch (KuaAuthenticationException ex)
            {
                activity?.SetTag("error.type", ex.Failure.ToString());
                activity?.SetStatus(ActivityStatusCode.Error, ex.Failure.ToString());
                throw;
            }
        }

        /// <summary>One attempt: usually one request through <see cref="SendAsync"/>; a refresh that falls back makes two.</summary>
        protected abstract Task<TokenGrant> RequestOnceAsync(TokenRequestSender send, Activity? activity, CancellationToken cancellationToken);

        /// <summary>Called with a usable reply before it becomes a grant (OAuth 2 keeps its refresh token here).</summary>
        protected virtual void OnReply(JsonElement root)
        {
        }

        /// <summary>POSTs <paramref name="body"/> to <paramref name="target"/> and reads the reply; the body's bytes are zeroed afterwards.</summary>
        protected async Task<TokenGrant> SendAsync(
            TokenRequestSender send,
            Uri target,
            byte[] body,
            string mediaType,
            AuthenticationHeaderValue? authorization,
            Activity? activity,
            CancellationToken cancellationToken)
        {
            try
            {
                TransportSecurity.EnsureAllowed(target, Settings.AllowInsecureLoopback);
                activity?.SetTag("server.address", target.Host);
                activity?.SetTag("server.port", target.Port);
                using var request = new HttpRequestMessage(HttpMethod.Post, target);
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" };
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                request.Headers.Authorization = authorization;
                KuaRequestMarkers.MarkAnonymous(request);
                KuaRequestMarkers.SetOperationId(request, OperationId);

                HttpResponseMessage response;
                try
                {
                    response = await send(request, cancellationToken).ConfigureAwait(false);
                }
                catch (HttpRequestException ex)
                {
                    throw Fail(0, KuaAuthenticationFailure.NetworkError, "the login request got no reply (" + ex.Message + ")", innerException: ex);
                }
                catch (IOException ex)
                {
                    throw Fail(0, KuaAuthenticationFailure.NetworkError, "the connection broke during the login (" + ex.Message + ")", innerException: ex);
                }
                catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    // The network handler gave up on its own (its connect timeout), not our login timeout or disposal.
                    throw Fail(0, KuaAuthenticationFailure.Timeout, "the network handler timed out the login request", innerException: ex);
                }

                using (response)
                {
                    var status = (int)response.StatusCode;
                    activity?.SetTag("http.response.status_code", status);
                    if (status >= 200 && status <= 299)
                    {
                        return await ReadReplyAsync(response, cancellationToken).ConfigureAwait(false);
                    }

                    throw await CreateStatusFailureAsync(response, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                // The body holds credentials: do not leave them in memory longer than the request.
                Array.Clear(body, 0, body.Length);
            }
        }

        private async Task<TokenGrant> ReadReplyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            var status = (int)response.StatusCode;
            var (buffer, length, tooLarge) = await ReadBodyAsync(response, MaxReplyBytes, cancellationToken).ConfigureAwait(false);
            try
            {
                if (tooLarge)
                {
                    throw Fail(status, KuaAuthenticationFailure.InvalidReply, "the login reply is larger than " + (MaxReplyBytes / 1024).ToString(CultureInfo.InvariantCulture) + " KiB", response);
                }

                JsonDocument document;
                try
                {
                    document = JsonDocument.Parse(new ReadOnlyMemory<byte>(buffer, 0, length), new JsonDocumentOptions { MaxDepth = 64 });
                }
                catch (JsonException ex)
                {
                    // The reply is not quoted: it may hold a token. Only the position and the media type are reported.
                    var mediaType = response.Content?.Headers.ContentType?.MediaType ?? "no Content-Type";
                    throw Fail(status, KuaAuthenticationFailure.InvalidReply, "the login reply is not valid JSON (" + mediaType + ", line " + (ex.LineNumber ?? 0).ToString(CultureInfo.InvariantCulture) + ", byte " + (ex.BytePositionInLine ?? 0).ToString(CultureInfo.InvariantCulture) + ")", response);
                }

                using (document)
                {
                    return Interpret(document.RootElement, response);
                }
            }
            finally
            {
                // The buffer held the token.
                Array.Clear(buffer, 0, length);
            }
        }

        private TokenGrant Interpret(JsonElement root, HttpResponseMessage response)
        {
            var status = (int)response.StatusCode;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Fail(status, KuaAuthenticationFailure.InvalidReply, "the login reply is not a JSON object", response);
            }

            if (!root.TryGetProperty(Fields.AccessToken, out var tokenElement) || tokenElement.ValueKind != JsonValueKind.String)
            {
                throw Fail(status, KuaAuthenticationFailure.InvalidReply, "the login reply has no string '" + Fields.AccessToken + "'", response);
            }

            var token = tokenElement.GetString()!;
            var problem = TokenRules.DescribeProblem(token, Settings.MaxAccessTokenLength);
            if (problem != null)
            {
                throw Fail(status, KuaAuthenticationFailure.InvalidReply, "the login reply's '" + Fields.AccessToken + "' " + problem, response);
            }

            if (Fields.TokenType != null && root.TryGetProperty(Fields.TokenType, out var typeElement) && typeElement.ValueKind != JsonValueKind.Null)
            {
                var type = typeElement.ValueKind == JsonValueKind.String ? typeElement.GetString() : null;
                if (!string.Equals(type, "Bearer", StringComparison.OrdinalIgnoreCase))
                {
                    throw Fail(status, KuaAuthenticationFailure.InvalidReply, "the login reply's '" + Fields.TokenType + "' is " + DescribeTokenType(type) + ", not 'Bearer'", response);
                }
            }

            var (lifetime, cacheable) = ReadLifetime(root);
            OnReply(root);
            return new TokenGrant(token, lifetime, cacheable);
        }

        private static string DescribeTokenType(string? type)
        {
            if (type is null)
            {
                return "not a string";
            }

            foreach (var c in type)
            {
                if (c < ' ' || c > '~')
                {
                    return "an unprintable value";
                }
            }

            return type.Length <= 32 ? "'" + type + "'" : "a " + type.Length.ToString(CultureInfo.InvariantCulture) + "-character value";
        }

        private (TimeSpan Lifetime, bool Cacheable) ReadLifetime(JsonElement root)
        {
            var field = Fields.ExpiresIn;
            if (field is null)
            {
                return (Settings.DefaultTokenLifetime, true);
            }

            if (!root.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
            {
                AuthenticationLog.OddExpiry(Logger, field, "missing", Settings.DefaultTokenLifetime);
                return (Settings.DefaultTokenLifetime, true);
            }

            double seconds;
            if (element.ValueKind == JsonValueKind.Number)
            {
                if (!element.TryGetDouble(out seconds) || double.IsInfinity(seconds))
                {
                    seconds = element.GetRawText().StartsWith("-", StringComparison.Ordinal) ? -1 : double.MaxValue;
                }
            }
            else if (element.ValueKind == JsonValueKind.String && double.TryParse(element.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) && !double.IsNaN(seconds))
            {
                // A number sent as a string ("3600"): tolerated, it says what it means.
            }
            else
            {
                AuthenticationLog.OddExpiry(Logger, field, "not a number", Settings.DefaultTokenLifetime);
                return (Settings.DefaultTokenLifetime, true);
            }

            if (seconds <= 0)
            {
                AuthenticationLog.OddExpiry(Logger, field, "zero or negative, so the token is not cached", TimeSpan.Zero);
                return (TimeSpan.Zero, false);
            }

            if (seconds >= Settings.MaxTokenLifetime.TotalSeconds)
            {
                if (seconds > Settings.MaxTokenLifetime.TotalSeconds)
                {
                    AuthenticationLog.OddExpiry(Logger, field, "longer than KuaClientOptions.MaxTokenLifetime", Settings.MaxTokenLifetime);
                }

                return (Settings.MaxTokenLifetime, true);
            }

            return (TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond)), true);
        }

        protected async Task<KuaAuthenticationException> CreateStatusFailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            var status = (int)response.StatusCode;
            var statusText = "HTTP " + status.ToString(CultureInfo.InvariantCulture) + (string.IsNullOrWhiteSpace(response.ReasonPhrase) ? string.Empty : " (" + response.ReasonPhrase + ")");
            if (status >= 300 && status <= 399)
            {
                var location = response.Headers.Location;
                var target = location is null ? "nowhere" : location.IsAbsoluteUri ? TransportSecurity.Origin(location) : "another path";
                return Fail(status, KuaAuthenticationFailure.InvalidReply, "the login was redirected (" + statusText + ") to " + target + "; credentials are only sent to the configured address, so the redirect was not followed", response);
            }

            var body = Secrets.Scrub(await TryReadErrorBodyAsync(response, cancellationToken).ConfigureAwait(false));
            var retryAfter = ReadRetryAfter(response);
            if (status == 429)
            {
                return Fail(status, KuaAuthenticationFailure.RateLimited, "the server is rate limiting logins (" + statusText + ")", response, retryAfter, body);
            }

            if (status >= 500 || status == 408)
            {
                return Fail(status, KuaAuthenticationFailure.ServiceUnavailable, "the server failed (" + statusText + ")", response, retryAfter, body);
            }

            if (status == 400 || status == 401 || status == 403)
            {
                return Fail(status, KuaAuthenticationFailure.Rejected, "the server rejected the login (" + statusText + "); check the credentials. Rejected logins are not retried automatically, so a wrong password cannot lock the account", response, retryAfter, body);
            }

            if (status >= 400)
            {
                return Fail(status, KuaAuthenticationFailure.Rejected, "the server rejected the login (" + statusText + "); check the base address and the login path", response, retryAfter, body);
            }

            return Fail(status, KuaAuthenticationFailure.InvalidReply, "the login got an unexpected reply (" + statusText + ")", response, retryAfter);
        }

        private async Task<string?> TryReadErrorBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            try
            {
                var (buffer, length, _) = await ReadBodyAsync(response, MaxErrorBodyBytes, cancellationToken).ConfigureAwait(false);
                if (length == 0)
                {
                    return null;
                }

                return Encoding.UTF8.GetString(buffer, 0, length);
            }
            catch (Exception ex) when (ex is IOException || ex is HttpRequestException)
            {
                return null;
            }
        }

        private TimeSpan? ReadRetryAfter(HttpResponseMessage response)
        {
            var retryAfter = response.Headers.RetryAfter;
            if (retryAfter is null)
            {
                return null;
            }

            TimeSpan? delay = retryAfter.Delta;
            if (delay is null && retryAfter.Date is DateTimeOffset date)
            {
                delay = date - Settings.TimeProvider.GetUtcNow();
            }

            return delay is TimeSpan value && value < TimeSpan.Zero ? TimeSpan.Zero : delay;
        }

        protected static async Task<(byte[] Buffer, int Length, bool TooLarge)> ReadBodyAsync(HttpResponseMessage response, int limit, CancellationToken cancellationToken)
        {
            if (response.Content is null)
            {
                return (Array.Empty<byte>(), 0, false);
            }

            if (response.Content.Headers.ContentLength > limit)
            {
                return (Array.Empty<byte>(), 0, true);
            }

#if NET5_0_OR_GREATER
            using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
            using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
            var buffer = new byte[Math.Min(limit + 1, 16 * 1024)];
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length > limit)
                    {
                        return (buffer, length, true);
                    }

                    var bigger = new byte[Math.Min((long)buffer.Length * 2, limit + 1)];
                    Buffer.BlockCopy(buffer, 0, bigger, 0, length);
                    Array.Clear(buffer, 0, length);
                    buffer = bigger;
                }

                var read = await stream.ReadAsync(buffer, length, buffer.Length - length, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return (buffer, length, false);
                }

                length += read;
            }
        }

        protected KuaAuthenticationException Fail(
            int status,
            KuaAuthenticationFailure failure,
            string reason,
            HttpResponseMessage? response = null,
            TimeSpan? retryAfter = null,
            string? body = null,
            Exception? innerException = null)
        {
            var message = "Login with " + OperationId + " to " + TransportSecurity.Origin(Address) + " failed: " + reason + ".";
            // A server may echo the password (or a token) in a header.
            IReadOnlyDictionary<string, IReadOnlyList<string>>? headers = response is null ? null : Secrets.Scrub(KuaResponses.CopyHeaders(response));
            return new KuaAuthenticationException(OperationId, status, failure, message, retryAfter, body, headers, innerException);
        }
    }
}
