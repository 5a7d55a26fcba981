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

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // The warm path, nearly every request: it needs our token, a fresh one is cached, and there is nothing to
            // refuse, buffer or wait for (anything else goes to SendColdAsync, which decides as it always did). It takes no
            // lock, and unless the reply is a 3xx or a 401 the inner handler's own task comes back: no state machine, no task of ours.
            var uri = request.RequestUri;
            if (uri != null &&
                TransportSecurity.IsAllowed(uri, Settings.AllowInsecureLoopback) &&
                !cancellationToken.IsCancellationRequested &&
                ReplayableContent.IsReplayableAsIs(request.Content) &&
                NeedsToken(request, uri, out _) &&
                _cache.TryGetFreshToken() is AccessToken token)
            {
                MarkAttached(request);
                return SendWithToken(request, token, uri, request.Method, request.Content, replayable: true, cancellationToken);
            }

            return SendColdAsync(request, cancellationToken);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && _ownsCache)
            {
                _cache.Dispose();
            }

            base.Dispose(disposing);
        }

        /// <summary>
        /// Every other request: a token to wait for (or a login to fail), a body to buffer, the caller's own header, an
        /// anonymous or other-origin request, an address to refuse, a cancelled caller. Failures end up in the task.
        /// </summary>
        private async Task<HttpResponseMessage> SendColdAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
            TransportSecurity.EnsureAllowed(uri, Settings.AllowInsecureLoopback);

            var originalMethod = request.Method;
            var originalContent = request.Content;
            try
            {
                var replayable = await ReplayableContent.PrepareAsync(originalContent, Settings.MaxReplayBufferSize, cancellationToken).ConfigureAwait(false);
                if (!NeedsToken(request, uri, out var callerAuthorization))
                {
                    // The caller's own header is passed on as its text (the same bytes on the wire), to its origin only.
                    return callerAuthorization != null
                        ? await SendFollowingRedirectsAsync(request, callerAuthorization.ToString(), uri, replayable, cancellationToken).ConfigureAwait(false)
                        : await SendFollowingRedirectsAsync(request, null, null, replayable, cancellationToken).ConfigureAwait(false);
                }

                MarkAttached(request);
                var token = await _cache.GetTokenAsync(_sender, cancellationToken).ConfigureAwait(false);
                return await SendWithToken(request, token, uri, originalMethod, originalContent, replayable, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // A redirect may have dropped the body; hand it back so whoever owns the request disposes it.
                request.Content = originalContent;
            }
        }

        /// <summary>
        /// Sends with <paramref name="token"/>. A reply that needs nothing more (neither a 3xx nor a 401) comes back in the
        /// inner handler's own task; anything else, a failure included, goes on in <see cref="FinishWithTokenAsync"/>.
        /// </summary>
        private Task<HttpResponseMessage> SendWithToken(
            HttpRequestMessage request,
            AccessToken token,
            Uri uri,
            HttpMethod originalMethod,
            HttpContent? originalContent,
            bool replayable,
            CancellationToken cancellationToken)
        {
            Task<HttpResponseMessage> sending;
            try
            {
                AuthenticationLog.TokenAttached(Logger, request, token);
                sending = SendHop(request, token.AuthorizationValue, Settings.BaseAddress, cancellationToken);
            }
            catch (Exception ex)
            {
                // Not thrown from here: the async path rethrows it, so the caller sees what an async method shows (a
                // cancelled task for an OperationCanceledException, a faulted one otherwise), as before this fast path.
                sending = Task.FromException<HttpResponseMessage>(ex);
            }

            // Also the async path when an inner handler swapped the body: its finally puts the caller's back.
            if (sending.Status == TaskStatus.RanToCompletion && sending.Result is HttpResponseMessage response &&
                !MayNeedFollowUp(response) && ReferenceEquals(request.Content, originalContent))
            {
                return sending;
            }

            return FinishWithTokenAsync(request, token, sending, uri, originalMethod, originalContent, replayable, cancellationToken);
        }

        /// <summary>The rest of a send with a token once its first hop is under way: redirects, then on a 401 one re-login and one retry.</summary>
        private async Task<HttpResponseMessage> FinishWithTokenAsync(
            HttpRequestMessage request,
            AccessToken token,
            Task<HttpResponseMessage> sending,
            Uri uri,
            HttpMethod originalMethod,
            HttpContent? originalContent,
            bool replayable,
            CancellationToken cancellationToken)
        {
            try
            {
                // Awaited here rather than in FollowRedirectsAsync, which then completes at once when there is no redirect:
                // a reply that arrives later (from the network, always) costs this one state machine only.
                var response = await sending.ConfigureAwait(false);
                response = await FollowRedirectsAsync(request, uri, response, token.AuthorizationValue, Settings.BaseAddress, replayable, cancellationToken).ConfigureAwait(false);
                if (!IsRejectedByApi(response, request))
                {
                    return response;
                }

                _cache.Invalidate(token);
                var operationId = AuthenticationLog.OperationId(request, uri, originalMethod);
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

        private Task<HttpResponseMessage> SendInnerAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            base.SendAsync(request, cancellationToken);

        /// <summary>Sends the request and follows its redirects, with <paramref name="authorization"/> on each hop to <paramref name="authorizationOrigin"/>.</summary>
        private async ValueTask<HttpResponseMessage> SendFollowingRedirectsAsync(
            HttpRequestMessage request,
            string? authorization,
            Uri? authorizationOrigin,
            bool replayable,
            CancellationToken cancellationToken)
        {
            var sentTo = request.RequestUri!;
            var response = await SendHop(request, authorization, authorizationOrigin, cancellationToken).ConfigureAwait(false);
            return await FollowRedirectsAsync(request, sentTo, response, authorization, authorizationOrigin, replayable, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Sends one hop, with <paramref name="authorization"/> only if it goes to <paramref name="authorizationOrigin"/>.</summary>
        private Task<HttpResponseMessage> SendHop(HttpRequestMessage request, string? authorization, Uri? authorizationOrigin, CancellationToken cancellationToken)
        {
            SetAuthorization(request, authorization != null && TransportSecurity.IsSameOrigin(request.RequestUri, authorizationOrigin) ? authorization : null);
            return base.SendAsync(request, cancellationToken);
        }

        /// <summary>
        /// Follows the redirects that <paramref name="response"/>, the reply from <paramref name="sentTo"/>, starts, each
        /// hop sent with <see cref="SendHop"/>. A ValueTask: with no redirect it completes at once and allocates nothing.
        /// </summary>
        private async ValueTask<HttpResponseMessage> FollowRedirectsAsync(
            HttpRequestMessage request,
            Uri sentTo,
            HttpResponseMessage response,
            string? authorization,
            Uri? authorizationOrigin,
            bool replayable,
            CancellationToken cancellationToken)
        {
            for (var redirects = 0; ; redirects++)
            {
                if (redirects >= Settings.MaxRedirects || !TryGetRedirect(response, sentTo, request.Method, out var target, out var keepsBody))
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
                AuthenticationLog.Redirect(Logger, status, sentTo, target, authorization != null && TransportSecurity.IsSameOrigin(target, authorizationOrigin));
                response.Dispose();
                request.RequestUri = sentTo = target;
                if (!keepsBody)
                {
                    if (request.Method != HttpMethod.Head)
                    {
                        request.Method = HttpMethod.Get;
                    }

                    request.Content = null;
                }

                response = await SendHop(request, authorization, authorizationOrigin, cancellationToken).ConfigureAwait(false);
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

        /// <summary>
        /// Whether the request gets our token: not when the caller brought an Authorization of their own (a header this
        /// handler attached on an earlier pass, as when a retry handler above re-sends the message, is ours to replace),
        /// nor when it is marked anonymous or goes to another origin.
        /// </summary>
        private bool NeedsToken(HttpRequestMessage request, Uri uri, out AuthenticationHeaderValue? callerAuthorization)
        {
            callerAuthorization = IsAttachedByUs(request) ? null : request.Headers.Authorization;
            return callerAuthorization is null && !KuaRequestMarkers.IsAnonymous(request) && TransportSecurity.IsSameOrigin(uri, Settings.BaseAddress);
        }

        /// <summary>A 3xx may be a redirect to follow and a 401 the token rejected: the async path decides. Any other reply is final.</summary>
        private static bool MayNeedFollowUp(HttpResponseMessage response)
        {
            var status = (int)response.StatusCode;
            return status == (int)HttpStatusCode.Unauthorized || (status >= 300 && status < 400);
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
