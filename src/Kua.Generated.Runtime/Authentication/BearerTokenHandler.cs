using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Kua.Generated.Runtime.Http;

namespace Kua.Generated.Runtime.Authentication
{
    /// <summary>
    /// Attaches the cached bearer token to requests for the base address's origin, and when the API answers 401 logs
    /// in again once and retries the request once. Refuses plain HTTP except to an opted-in loopback host. Requests
    /// marked anonymous and requests that already carry an Authorization header pass through without a login, and the
    /// latter are never retried. Redirects are followed below it (<see cref="RedirectHandler"/>), so the reply it sees
    /// is the last hop's; logins go to the network handler directly, past every handler below this one.
    /// </summary>
    internal sealed class BearerTokenHandler : DelegatingHandler
    {
        /// <summary>Marks a request whose Authorization this handler attached; the value is the client's <see cref="KnownSecrets"/>.</summary>
        internal const string AttachedKey = "Kua.Generated.TokenAttached";

        private const string AuthorizationHeader = "Authorization";

        private readonly TokenCache _cache;
        private readonly bool _ownsCache;
        private readonly TokenRequestSender _send;

        /// <param name="cache">The token cache.</param>
        /// <param name="ownsCache">Whether disposing this handler disposes <paramref name="cache"/>.</param>
        /// <param name="loginTransport">The network handler the token source's requests go to (not disposed here).</param>
        public BearerTokenHandler(TokenCache cache, bool ownsCache, HttpMessageHandler loginTransport)
        {
            _cache = cache ?? throw new ArgumentNullException(nameof(cache));
            _ownsCache = ownsCache;
            _send = new HttpMessageInvoker(loginTransport ?? throw new ArgumentNullException(nameof(loginTransport)), disposeHandler: false).SendAsync;
        }

        private TokenSettings Settings => _cache.Settings;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // The warm path, nearly every request: it needs our token, a fresh one is cached, and there is nothing to
            // refuse, buffer or wait for (anything else goes to SendColdAsync). It takes no lock, and unless the reply is a
            // 401 the inner handler's own task comes back: no state machine, no task of ours.
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

            var replayable = await ReplayableContent.PrepareAsync(request, Settings.MaxReplayBufferSize, cancellationToken).ConfigureAwait(false);
            if (!NeedsToken(request, uri, out var callerAuthorization))
            {
                // Not ours to authenticate: no token (a header left from an earlier pass of ours goes), the caller's own
                // header as it is, and a reply whose exception must still not show the client's secrets.
                if (callerAuthorization is null)
                {
                    SetAuthorization(request, null);
                }

                _cache.Secrets.MarkRequest(request);
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }

            MarkAttached(request);
            var token = await _cache.GetTokenAsync(_send, cancellationToken).ConfigureAwait(false);
            return await SendWithToken(request, token, uri, request.Method, request.Content, replayable, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// Sends with <paramref name="token"/>. A reply that needs nothing more (not a 401) comes back in the inner
        /// handler's own task; anything else, a failure included, goes on in <see cref="RetryOnUnauthorizedAsync"/>.
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
                AuthenticationLog.TokenAttached(_cache.Logger, request, token);
                SetAuthorization(request, token.AuthorizationValue);
                sending = base.SendAsync(request, cancellationToken);
            }
            catch (Exception ex)
            {
                // Not thrown from here: the async path rethrows it, so the caller sees what an async method shows (a
                // cancelled task for an OperationCanceledException, a faulted one otherwise).
                sending = Task.FromException<HttpResponseMessage>(ex);
            }

            if (sending.Status == TaskStatus.RanToCompletion && sending.Result is HttpResponseMessage response &&
                response.StatusCode != HttpStatusCode.Unauthorized)
            {
                return sending;
            }

            return RetryOnUnauthorizedAsync(request, token, sending, uri, originalMethod, originalContent, replayable, cancellationToken);
        }

        /// <summary>The rest of a send once it is under way: on a 401 from the API, one re-login and one retry.</summary>
        private async Task<HttpResponseMessage> RetryOnUnauthorizedAsync(
            HttpRequestMessage request,
            AccessToken token,
            Task<HttpResponseMessage> sending,
            Uri uri,
            HttpMethod originalMethod,
            HttpContent? originalContent,
            bool replayable,
            CancellationToken cancellationToken)
        {
            var response = await sending.ConfigureAwait(false);
            if (!IsRejectedByApi(response, request))
            {
                return response;
            }

            _cache.Invalidate(token);
            var operationId = AuthenticationLog.OperationId(request, uri, originalMethod);
            if (!replayable)
            {
                AuthenticationLog.RetryImpossible(_cache.Logger, operationId);
                return response;
            }

            AuthenticationLog.TokenRejected(_cache.Logger, operationId, token);
            AccessToken fresh;
            try
            {
                fresh = await _cache.GetTokenAsync(_send, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                response.Dispose();
                throw;
            }

            response.Dispose();
            AuthenticationMetrics.UnauthorizedRetry(_cache.Source);

            // Redirects below may have moved the request: it starts again where the caller sent it.
            request.RequestUri = uri;
            request.Method = originalMethod;
            request.Content = originalContent;
            SetAuthorization(request, fresh.AuthorizationValue);
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (IsRejectedByApi(response, request))
            {
                // Drop it so the next call logs in again; this call gets the 401 (generated code turns it into KuaApiException).
                _cache.Invalidate(fresh);
                AuthenticationLog.RejectedAgain(_cache.Logger, operationId, fresh);
            }

            return response;
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

        /// <summary>A 401 counts against the token only from the API's origin (a redirect may have ended elsewhere).</summary>
        private bool IsRejectedByApi(HttpResponseMessage response, HttpRequestMessage request) =>
            response.StatusCode == HttpStatusCode.Unauthorized && TransportSecurity.IsSameOrigin(request.RequestUri, Settings.BaseAddress);

        /// <summary>Replaces the request's Authorization with <paramref name="value"/>, kept as raw text (nothing parsed or allocated), or removes it.</summary>
        internal static void SetAuthorization(HttpRequestMessage request, string? value)
        {
            var headers = request.Headers;
            headers.Authorization = null;
            if (value != null)
            {
                headers.TryAddWithoutValidation(AuthorizationHeader, value);
            }
        }

        /// <summary>The marker's value is the client's secrets (an object that exists already, so marking allocates nothing).</summary>
        private void MarkAttached(HttpRequestMessage request) => RequestOptions.Set(request, AttachedKey, _cache.Secrets);

        private static bool IsAttachedByUs(HttpRequestMessage request) => RequestOptions.Get(request, AttachedKey) is KnownSecrets;
    }
}
