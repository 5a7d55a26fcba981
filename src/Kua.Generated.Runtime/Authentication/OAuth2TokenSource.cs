using System;
using System.Diagnostics;
using System.Globalization;
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
    /// OAuth 2 tokens (RFC 6749) for one scope set: the client credentials grant (§4.4) or the password grant (§4.3), and
    /// a refresh token (§6) whenever the server returns one. The refresh token is kept only here, used before the original
    /// grant, replaced by the one each refresh returns (rotation), and dropped when the server rejects it, after which the
    /// original grant is tried once in the same attempt. The cache around this source runs one attempt at a time, so a
    /// one-time refresh token is sent once however many callers wait. For OpenID Connect, the token endpoint comes from
    /// the discovery document, read once.
    /// </summary>
    internal sealed class OAuth2TokenSource : HttpTokenSource
    {
        private readonly KuaOAuth2Credential _credential;
        private readonly string? _scope;
        private readonly Uri? _discoveryUri;
        private readonly AuthenticationHeaderValue? _clientAuthorization;
        private Uri? _tokenUri;
        private volatile string? _refreshToken;

        /// <param name="settings">The client's settings.</param>
        /// <param name="scheme">The scheme's key (the operation id of its token requests in logs and exceptions).</param>
        /// <param name="tokenUri">The token endpoint, or null when <paramref name="discoveryUri"/> gives it.</param>
        /// <param name="discoveryUri">The OpenID Connect discovery document, or null.</param>
        /// <param name="credential">The client (and user); validated.</param>
        /// <param name="scopes">The scopes to request.</param>
        /// <param name="secrets">The client's secrets.</param>
        /// <param name="logger">The authentication log.</param>
        public OAuth2TokenSource(TokenSettings settings, string scheme, Uri? tokenUri, Uri? discoveryUri, KuaOAuth2Credential credential, string[] scopes, KnownSecrets secrets, ILogger logger)
            : base(settings, scheme, TokenReplyFields.OAuth2, secrets, logger)
        {
            _tokenUri = tokenUri;
            _discoveryUri = discoveryUri;
            _credential = credential;
            _scope = scopes.Length == 0 ? null : string.Join(" ", scopes);
            if (credential.ClientAuthentication == KuaOAuth2ClientAuthentication.Basic && !string.IsNullOrEmpty(credential.ClientSecret))
            {
                var pair = Uri.EscapeDataString(credential.ClientId!) + ":" + Uri.EscapeDataString(credential.ClientSecret!);
                _clientAuthorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
            }
        }

        public override Uri Address => _tokenUri ?? _discoveryUri!;

        /// <summary>The refresh token held now, for tests.</summary>
        internal string? RefreshToken => _refreshToken;

        protected override async Task<TokenGrant> RequestOnceAsync(TokenRequestSender send, Activity? activity, CancellationToken cancellationToken)
        {
            var tokenUri = _tokenUri ?? await DiscoverAsync(send, cancellationToken).ConfigureAwait(false);
            var refreshToken = _refreshToken;
            if (refreshToken != null)
            {
                try
                {
                    return await SendAsync(send, tokenUri, Form("refresh_token", "refresh_token", refreshToken), activity, cancellationToken).ConfigureAwait(false);
                }
                catch (KuaAuthenticationException ex) when (ex.Failure == KuaAuthenticationFailure.Rejected)
                {
                    // invalid_grant: expired, revoked or already used. It is never sent again; the original grant goes next.
                    _refreshToken = null;
                    AuthenticationLog.RefreshTokenRejected(Logger, OperationId, ex.StatusCode);
                }
            }

            var body = _credential.UserName != null
                ? Form("password", "username", _credential.UserName, "password", _credential.Password ?? string.Empty)
                : Form("client_credentials");
            return await SendAsync(send, tokenUri, body, activity, cancellationToken).ConfigureAwait(false);
        }

        protected override void OnReply(JsonElement root)
        {
            if (root.TryGetProperty("refresh_token", out var element) && element.ValueKind == JsonValueKind.String && element.GetString() is string refreshToken && refreshToken.Length > 0)
            {
                Secrets.AddToken(refreshToken);
                _refreshToken = refreshToken;
            }
        }

        private Task<TokenGrant> SendAsync(TokenRequestSender send, Uri tokenUri, byte[] body, Activity? activity, CancellationToken cancellationToken) =>
            SendAsync(send, tokenUri, body, "application/x-www-form-urlencoded", _clientAuthorization, activity, cancellationToken);

        /// <summary>The form of a token request: the grant, its own fields, the scope, and the client when it is not sent with Basic.</summary>
        private byte[] Form(string grantType, params string[] fields)
        {
            var form = new StringBuilder("grant_type=").Append(grantType);
            for (var i = 0; i + 1 < fields.Length; i += 2)
            {
                Append(form, fields[i], fields[i + 1]);
            }

            if (_scope != null)
            {
                Append(form, "scope", _scope);
            }

            if (_clientAuthorization is null)
            {
                Append(form, "client_id", _credential.ClientId!);
                if (!string.IsNullOrEmpty(_credential.ClientSecret))
                {
                    Append(form, "client_secret", _credential.ClientSecret!);
                }
            }

            var bytes = Encoding.UTF8.GetBytes(form.ToString());
            form.Clear();
            return bytes;
        }

        private static void Append(StringBuilder form, string name, string value) =>
            form.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value));

        /// <summary>Reads <c>token_endpoint</c> from the discovery document (once: later attempts reuse it).</summary>
        private async Task<Uri> DiscoverAsync(TokenRequestSender send, CancellationToken cancellationToken)
        {
            var discovery = _discoveryUri!;
            TransportSecurity.EnsureAllowed(discovery, Settings.AllowInsecureLoopback);
            using var request = new HttpRequestMessage(HttpMethod.Get, discovery);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            KuaRequestMarkers.MarkAnonymous(request);
            HttpResponseMessage response;
            try
            {
                response = await send(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException || ex is System.IO.IOException)
            {
                throw Fail(0, KuaAuthenticationFailure.NetworkError, "the OpenID Connect discovery document could not be read (" + ex.Message + ")", innerException: ex);
            }

            using (response)
            {
                if (!response.IsSuccessStatusCode)
                {
                    throw await CreateStatusFailureAsync(response, cancellationToken).ConfigureAwait(false);
                }

                var (buffer, length, tooLarge) = await ReadBodyAsync(response, MaxReplyBytes, cancellationToken).ConfigureAwait(false);
                Uri? endpoint = null;
                try
                {
                    using var document = JsonDocument.Parse(new ReadOnlyMemory<byte>(buffer, 0, tooLarge ? 0 : length));
                    if (document.RootElement.ValueKind == JsonValueKind.Object &&
                        document.RootElement.TryGetProperty("token_endpoint", out var element) && element.ValueKind == JsonValueKind.String)
                    {
                        Uri.TryCreate(element.GetString(), UriKind.Absolute, out endpoint);
                    }
                }
                catch (JsonException)
                {
                    endpoint = null;
                }

                if (endpoint is null)
                {
                    throw Fail((int)response.StatusCode, KuaAuthenticationFailure.InvalidReply, "the OpenID Connect discovery document " + discovery.AbsolutePath + " has no absolute 'token_endpoint'", response);
                }

                if (!TransportSecurity.IsAllowed(endpoint, Settings.AllowInsecureLoopback))
                {
                    throw Fail((int)response.StatusCode, KuaAuthenticationFailure.InvalidReply, "the discovery document's token endpoint is refused: " + TransportSecurity.DescribeRefusal(endpoint, Settings.AllowInsecureLoopback), response);
                }

                _tokenUri = endpoint;
                return endpoint;
            }
        }
    }
}
