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
    /// The Kua login as a token source: writes the credentials as the spec's token endpoint wants them, sends them
    /// once, and turns the reply into a <see cref="TokenGrant"/> or a <see cref="KuaAuthenticationException"/>.
    /// Hostile or broken replies fail with a clear message that never quotes the reply, the password or the token.
    /// </summary>
    internal sealed class KuaLoginSource : ITokenSource
    {
        /// <summary>The largest login reply read; anything bigger is not a login reply.</summary>
        internal const int MaxReplyBytes = 256 * 1024;

        private const int MaxErrorBodyBytes = 64 * 1024;

        private readonly TokenSettings _settings;
        private readonly KuaTokenEndpoint _endpoint;
        private readonly ILogger _logger;
        private readonly KnownSecrets _secrets;

        /// <param name="settings">The client's settings.</param>
        /// <param name="endpoint">The login operation.</param>
        /// <param name="secrets">The client's secrets (the password among them), scrubbed from every failure this source reports.</param>
        /// <param name="logger">The authentication log.</param>
        public KuaLoginSource(TokenSettings settings, KuaTokenEndpoint endpoint, KnownSecrets secrets, ILogger logger)
        {
            _settings = settings;
            _endpoint = endpoint;
            _secrets = secrets;
            _logger = logger;
            LoginUri = new Uri(settings.BaseAddress, endpoint.Path);
            TransportSecurity.EnsureAllowed(LoginUri, settings.AllowInsecureLoopback);
        }

        public Uri LoginUri { get; }

        /// <summary>The token cache of a client that logs in at <paramref name="endpoint"/>, with its secrets and its log.</summary>
        public static TokenCache CreateCache(TokenSettings settings, KuaTokenEndpoint endpoint)
        {
            var logger = settings.LoggerFactory.CreateLogger(AuthenticationLog.Category);
            var secrets = new KnownSecrets(settings.Password);
            return new TokenCache(settings, new KuaLoginSource(settings, endpoint, secrets, logger), secrets, logger);
        }

        public Uri Address => LoginUri;

        public string OperationId => _endpoint.OperationId;

        public async Task<TokenGrant> RequestTokenAsync(TokenRequestSender send, CancellationToken cancellationToken)
        {
            using var activity = AuthenticationLog.ActivitySource.StartActivity("Kua.Login", ActivityKind.Client);
            activity?.SetTag("kua.operation_id", _endpoint.OperationId);
            activity?.SetTag("server.address", LoginUri.Host);
            activity?.SetTag("server.port", LoginUri.Port);
            try
            {
                var grant = await SendOnceAsync(send, activity, cancellationToken).ConfigureAwait(false);
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

        private async Task<TokenGrant> SendOnceAsync(TokenRequestSender send, Activity? activity, CancellationToken cancellationToken)
        {
            var body = CreateBody();
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, LoginUri);
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                KuaRequestMarkers.MarkAnonymous(request);
                KuaRequestMarkers.SetOperationId(request, _endpoint.OperationId);

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
                // The body holds the password: do not leave it in memory longer than the request.
                Array.Clear(body, 0, body.Length);
            }
        }

        private byte[] CreateBody()
        {
            using var buffer = new MemoryStream(128);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString(_endpoint.UserField, _settings.Email);
                writer.WriteString(_endpoint.PasswordField, _settings.Password);
                writer.WriteEndObject();
            }

            return buffer.ToArray();
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

            if (!root.TryGetProperty(_endpoint.AccessTokenField, out var tokenElement) || tokenElement.ValueKind != JsonValueKind.String)
            {
                throw Fail(status, KuaAuthenticationFailure.InvalidReply, "the login reply has no string '" + _endpoint.AccessTokenField + "'", response);
            }

            var token = tokenElement.GetString()!;
            var problem = DescribeTokenProblem(token);
            if (problem != null)
            {
                throw Fail(status, KuaAuthenticationFailure.InvalidReply, "the login reply's '" + _endpoint.AccessTokenField + "' " + problem, response);
            }

            if (_endpoint.TokenTypeField != null && root.TryGetProperty(_endpoint.TokenTypeField, out var typeElement) && typeElement.ValueKind != JsonValueKind.Null)
            {
                var type = typeElement.ValueKind == JsonValueKind.String ? typeElement.GetString() : null;
                if (!string.Equals(type, "Bearer", StringComparison.OrdinalIgnoreCase))
                {
                    throw Fail(status, KuaAuthenticationFailure.InvalidReply, "the login reply's '" + _endpoint.TokenTypeField + "' is " + DescribeTokenType(type) + ", not 'Bearer'", response);
                }
            }

            var (lifetime, cacheable) = ReadLifetime(root);
            return new TokenGrant(token, lifetime, cacheable);
        }

        private string? DescribeTokenProblem(string token)
        {
            if (token.Trim().Length == 0)
            {
                return "is empty";
            }

            if (token.Length > _settings.MaxAccessTokenLength)
            {
                return "is longer than " + _settings.MaxAccessTokenLength.ToString(CultureInfo.InvariantCulture) + " characters (KuaClientOptions.MaxAccessTokenLength)";
            }

            foreach (var c in token)
            {
                // Printable ASCII without space: anything else could split or corrupt the Authorization header.
                if (c < '!' || c > '~')
                {
                    return c == '\r' || c == '\n'
                        ? "contains a line break, which would inject HTTP headers"
                        : "contains characters that are not allowed in an HTTP header (control characters, spaces or non-ASCII)";
                }
            }

            return null;
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
            var field = _endpoint.ExpiresInField;
            if (field is null)
            {
                return (_settings.DefaultTokenLifetime, true);
            }

            if (!root.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
            {
                AuthenticationLog.OddExpiry(_logger, field, "missing", _settings.DefaultTokenLifetime);
                return (_settings.DefaultTokenLifetime, true);
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
                AuthenticationLog.OddExpiry(_logger, field, "not a number", _settings.DefaultTokenLifetime);
                return (_settings.DefaultTokenLifetime, true);
            }

            if (seconds <= 0)
            {
                AuthenticationLog.OddExpiry(_logger, field, "zero or negative, so the token is not cached", TimeSpan.Zero);
                return (TimeSpan.Zero, false);
            }

            if (seconds >= _settings.MaxTokenLifetime.TotalSeconds)
            {
                if (seconds > _settings.MaxTokenLifetime.TotalSeconds)
                {
                    AuthenticationLog.OddExpiry(_logger, field, "longer than KuaClientOptions.MaxTokenLifetime", _settings.MaxTokenLifetime);
                }

                return (_settings.MaxTokenLifetime, true);
            }

            return (TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond)), true);
        }

        private async Task<KuaAuthenticationException> CreateStatusFailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            var status = (int)response.StatusCode;
            var statusText = "HTTP " + status.ToString(CultureInfo.InvariantCulture) + (string.IsNullOrWhiteSpace(response.ReasonPhrase) ? string.Empty : " (" + response.ReasonPhrase + ")");
            if (status >= 300 && status <= 399)
            {
                var location = response.Headers.Location;
                var target = location is null ? "nowhere" : location.IsAbsoluteUri ? TransportSecurity.Origin(location) : "another path";
                return Fail(status, KuaAuthenticationFailure.InvalidReply, "the login was redirected (" + statusText + ") to " + target + "; credentials are only sent to the configured address, so the redirect was not followed", response);
            }

            var body = _secrets.Scrub(await TryReadErrorBodyAsync(response, cancellationToken).ConfigureAwait(false));
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
                return Fail(status, KuaAuthenticationFailure.Rejected, "the server rejected the login (" + statusText + "); check the email and password. Rejected logins are not retried automatically, so a wrong password cannot lock the account", response, retryAfter, body);
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
                delay = date - _settings.TimeProvider.GetUtcNow();
            }

            return delay is TimeSpan value && value < TimeSpan.Zero ? TimeSpan.Zero : delay;
        }

        private static async Task<(byte[] Buffer, int Length, bool TooLarge)> ReadBodyAsync(HttpResponseMessage response, int limit, CancellationToken cancellationToken)
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

        private KuaAuthenticationException Fail(
            int status,
            KuaAuthenticationFailure failure,
            string reason,
            HttpResponseMessage? response = null,
            TimeSpan? retryAfter = null,
            string? body = null,
            Exception? innerException = null)
        {
            var message = "Login with " + _endpoint.OperationId + " to " + TransportSecurity.Origin(LoginUri) + " failed: " + reason + ".";
            // A server may echo the password (or a token) in a header.
            IReadOnlyDictionary<string, IReadOnlyList<string>>? headers = response is null ? null : _secrets.Scrub(KuaResponses.CopyHeaders(response));
            return new KuaAuthenticationException(_endpoint.OperationId, status, failure, message, retryAfter, body, headers, innerException);
        }
    }
}
