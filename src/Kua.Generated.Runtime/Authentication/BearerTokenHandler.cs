using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Kua.Generated.Runtime.Http;
using Microsoft.Extensions.Logging;

namespace Kua.Generated.Runtime.Authentication
{
    /// <summary>
    /// Attaches the cached bearer token to requests for the configured host, re-logs in once when the API answers
    /// 401, and follows redirects so that the token never reaches another host. Refuses plain HTTP except to an
    /// opted-in loopback host. Requests marked anonymous and requests that already carry an Authorization header
    /// pass through without a login, and the latter are never retried.
    /// </summary>
    internal sealed class BearerTokenHandler : DelegatingHandler
    {
        private const string AttachedKey = "Kua.Generated.TokenAttached";

        private const string AuthorizationHeader = "Authorization";

        /// <summary>The marker's value, boxed once (setting a bool through HttpRequestOptions boxes it on every request).</summary>
        private static readonly object AttachedValue = true;

        private readonly TokenCache _cache;
        private readonly bool _ownsCache;
        private readonly LoginSender _sender;

        public BearerTokenHandler(TokenCache cache, bool ownsCache)
        {
            _cache = cache ?? throw new ArgumentNullException(nameof(cache));
            _ownsCache = ownsCache;
            _sender = SendInnerAsync;
        }

        private TokenSettings Settings => _cache.Settings;

        private ILogger Logger => _cache.Logger;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
            TransportSecurity.EnsureAllowed(uri, Settings.AllowInsecureLoopback);

            var originalMethod = request.Method;
            var originalContent = request.Content;
            try
            {
                var replayable = await ReplayableContent.PrepareAsync(originalContent, Settings.MaxReplayBufferSize, cancellationToken).ConfigureAwait(false);

                // A header this handler attached on an earlier pass (a retry handler above re-sending the message) is ours to replace.
                var callerAuthorization = IsAttachedByUs(request) ? null : request.Headers.Authorization;
                if (callerAuthorization != null)
                {
                    // Passed on as its text: the same bytes on the wire.
                    return await SendFollowingRedirectsAsync(request, callerAuthorization.ToString(), uri, replayable, cancellationToken).ConfigureAwait(false);
                }

                if (KuaRequestMarkers.IsAnonymous(request) || !TransportSecurity.IsSameOrigin(uri, Settings.BaseAddress))
                {
                    request.Headers.Authorization = null;
                    return await SendFollowingRedirectsAsync(request, null, null, replayable, cancellationToken).ConfigureAwait(false);
                }

                var operationId = KuaRequestMarkers.GetOperationId(request) ?? request.Method + " " + uri.AbsolutePath;
                MarkAttached(request);
                var token = await _cache.GetTokenAsync(_sender, cancellationToken).ConfigureAwait(false);
                AuthenticationLog.TokenAttached(Logger, operationId, token);
                var response = await SendFollowingRedirectsAsync(request, token.AuthorizationValue, Settings.BaseAddress, replayable, cancellationToken).ConfigureAwait(false);
                if (!IsRejectedByApi(response, request))
                {
                    return response;
                }

                _cache.Invalidate(token);
                if (!replayable)
                {
                    AuthenticationLog.RetryImpossible(Logger, operationId);
                    return response;
                }

                AuthenticationLog.TokenRejected(Logger, operationId, token);
                AccessToken fresh;
                try
                {
                    fresh = await _cache.GetTokenAsync(_sender, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    response.Dispose();
                    throw;
                }

                response.Dispose();
                request.RequestUri = uri;
                request.Method = originalMethod;
                request.Content = originalContent;
                response = await SendFollowingRedirectsAsync(request, fresh.AuthorizationValue, Settings.BaseAddress, replayable, cancellationToken).ConfigureAwait(false);
                if (IsRejectedByApi(response, request))
                {
                    // Drop it so the next call logs in again; this call gets the 401 (generated code turns it into KuaApiException).
                    _cache.Invalidate(fresh);
                    AuthenticationLog.RejectedAgain(Logger, operationId, fresh);
                }

                return response;
            }
            finally
            {
                // A redirect may have dropped the body; hand it back so whoever owns the request disposes it.
                request.Content = originalContent;
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && _ownsCache)
            {
                _cache.Dispose();
            }

            base.Dispose(disposing);
        }

        private Task<HttpResponseMessage> SendInnerAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            base.SendAsync(request, cancellationToken);

        private async Task<HttpResponseMessage> SendFollowingRedirectsAsync(
            HttpRequestMessage request,
            string? authorization,
            Uri? authorizationOrigin,
            bool replayable,
            CancellationToken cancellationToken)
        {
            for (var redirects = 0; ; redirects++)
            {
                var current = request.RequestUri!;
                SetAuthorization(request, authorization != null && TransportSecurity.IsSameOrigin(current, authorizationOrigin) ? authorization : null);
                var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (redirects >= Settings.MaxRedirects || !TryGetRedirect(response, current, request.Method, out var target, out var keepsBody))
                {
                    return response;
                }

                // A downgrade to plain HTTP, or a body that cannot be sent again: the caller gets the redirect itself.
                if (!TransportSecurity.IsAllowed(target, Settings.AllowInsecureLoopback) ||
                    (keepsBody && request.Content != null && !replayable))
                {
                    return response;
                }

                var status = (int)response.StatusCode;
                AuthenticationLog.Redirect(Logger, status, current, target, authorization != null && TransportSecurity.IsSameOrigin(target, authorizationOrigin));
                response.Dispose();
                request.RequestUri = target;
                if (!keepsBody)
                {
                    if (request.Method != HttpMethod.Head)
                    {
                        request.Method = HttpMethod.Get;
                    }

                    request.Content = null;
                }
            }
        }

        private static bool TryGetRedirect(HttpResponseMessage response, Uri current, HttpMethod method, out Uri target, out bool keepsBody)
        {
            target = current;
            keepsBody = false;

            // The status first: most replies are not redirects, and their headers need not be looked at.
            switch ((int)response.StatusCode)
            {
                case 301:
                case 302:
                    // Like browsers and SocketsHttpHandler: POST becomes GET, other methods keep their body.
                    keepsBody = method != HttpMethod.Post;
                    break;
                case 303:
                    keepsBody = false;
                    break;
                case 307:
                case 308:
                    keepsBody = true;
                    break;
                default:
                    return false;
            }

            var location = response.Headers.Location;
            if (location is null)
            {
                return false;
            }

            if (!location.IsAbsoluteUri)
            {
                location = new Uri(current, location);
            }

            if (location.Scheme != Uri.UriSchemeHttp && location.Scheme != Uri.UriSchemeHttps)
            {
                return false;
            }

            target = location;
            return true;
        }

        private bool IsRejectedByApi(HttpResponseMessage response, HttpRequestMessage request) =>
            response.StatusCode == HttpStatusCode.Unauthorized && TransportSecurity.IsSameOrigin(request.RequestUri, Settings.BaseAddress);

        /// <summary>Replaces the request's Authorization with <paramref name="value"/>, kept as raw text (nothing parsed or allocated), or removes it.</summary>
        private static void SetAuthorization(HttpRequestMessage request, string? value)
        {
            var headers = request.Headers;
            headers.Authorization = null;
            if (value != null)
            {
                headers.TryAddWithoutValidation(AuthorizationHeader, value);
            }
        }

        private static void MarkAttached(HttpRequestMessage request)
        {
#if NET5_0_OR_GREATER
            ((System.Collections.Generic.IDictionary<string, object?>)request.Options)[AttachedKey] = AttachedValue;
#else
            request.Properties[AttachedKey] = AttachedValue;
#endif
        }

        private static bool IsAttachedByUs(HttpRequestMessage request)
        {
#if NET5_0_OR_GREATER
            return request.Options.TryGetValue(new HttpRequestOptionsKey<bool>(AttachedKey), out var attached) && attached;
#else
            return request.Properties.TryGetValue(AttachedKey, out var attached) && attached is bool value && value;
#endif
        }
    }
}
