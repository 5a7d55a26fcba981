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
    /// Attaches what the operation's security requirement asks for (see <see cref="SecurityPlan"/>) to requests for the
    /// base address's origin: a cached bearer token, which a 401 from the API refreshes once before the request is sent
    /// once more; a token from the application's provider; API keys and Basic credentials. Refuses plain HTTP except to
    /// an opted-in loopback host. Requests marked anonymous and requests that already carry an Authorization header pass
    /// through with nothing added, and the latter are never retried. Redirects are followed below it
    /// (<see cref="RedirectHandler"/>), so the reply it sees is the last hop's; token requests go to the network handler
    /// directly, past every handler below this one.
    /// </summary>
    internal sealed class AuthenticationHandler : DelegatingHandler
    {
        /// <summary>Marks a request whose credentials this handler attached; the value is the client's <see cref="KnownSecrets"/>.</summary>
        internal const string AttachedKey = "Kua.Generated.TokenAttached";

        /// <summary>Marks a request with the plan whose fixed credentials it carries (the redirect handler removes them off-origin).</summary>
        internal const string PlanKey = "Kua.Generated.SecurityPlan";

        private const string AuthorizationHeader = "Authorization";

        private readonly ClientAuthentication _authentication;
        private readonly bool _ownsAuthentication;
        private readonly TokenRequestSender _send;

        /// <param name="authentication">The client's credentials and token caches.</param>
        /// <param name="ownsAuthentication">Whether disposing this handler disposes <paramref name="authentication"/> (its token caches).</param>
        /// <param name="loginTransport">The network handler the token sources' requests go to (not disposed here).</param>
        public AuthenticationHandler(ClientAuthentication authentication, bool ownsAuthentication, HttpMessageHandler loginTransport)
        {
            _authentication = authentication ?? throw new ArgumentNullException(nameof(authentication));
            _ownsAuthentication = ownsAuthentication;
            _send = new HttpMessageInvoker(loginTransport ?? throw new ArgumentNullException(nameof(loginTransport)), disposeHandler: false).SendAsync;
        }

        private TokenSettings Settings => _authentication.Settings;

        private KnownSecrets Secrets => _authentication.Secrets;

        private Microsoft.Extensions.Logging.ILogger Logger => _authentication.Logger;

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
                NeedsCredentials(request, uri, out _) is SecurityPlan plan &&
                plan.IsTokenOnly &&
                plan.Cache!.TryGetFreshToken() is AccessToken token)
            {
                MarkAttached(request);
                return SendWithToken(request, plan.Cache, token, uri, request.Method, request.Content, replayable: true, cancellationToken);
            }

            return SendColdAsync(request, cancellationToken);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && _ownsAuthentication)
            {
                _authentication.Dispose();
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
            var plan = NeedsCredentials(request, uri, out var callerAuthorization);
            if (plan is null || plan.IsEmpty)
            {
                // Not ours to authenticate: no token (a header left from an earlier pass of ours goes), the caller's own
                // header as it is, and a reply whose exception must still not show the client's secrets.
                if (callerAuthorization is null)
                {
                    SetAuthorization(request, null);
                }

                Secrets.MarkRequest(request);
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }

            if (plan.Missing != null)
            {
                var operationId = AuthenticationLog.OperationId(request, uri, request.Method);
                AuthenticationLog.CredentialsMissing(Logger, operationId, plan.Missing);
                throw new InvalidOperationException("Operation '" + operationId + "' was not sent: " + plan.Missing + ".");
            }

            var firstPass = !IsAttachedByUs(request);
            MarkAttached(request);
            if (plan.Fixed.Length > 0)
            {
                plan.ApplyFixed(request, firstPass);
                RequestOptions.Set(request, PlanKey, plan);
                uri = request.RequestUri!;
            }

            if (plan.Provider != null)
            {
                SetAuthorization(request, await ProvidedAuthorizationAsync(plan.Provider, cancellationToken).ConfigureAwait(false));
            }

            if (plan.Cache is null)
            {
                // Fixed credentials and provided tokens: nothing to refresh, so a 401 goes back to the caller as it is.
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }

            var token = await plan.Cache.GetTokenAsync(_send, cancellationToken).ConfigureAwait(false);
            return await SendWithToken(request, plan.Cache, token, uri, request.Method, request.Content, replayable, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>"Bearer …" from the application's provider, checked like a token from a login reply.</summary>
        private async Task<string> ProvidedAuthorizationAsync(Func<CancellationToken, ValueTask<string>> provider, CancellationToken cancellationToken)
        {
            var token = await provider(cancellationToken).ConfigureAwait(false);
            var problem = token is null ? "is null" : TokenRules.DescribeProblem(token, Settings.MaxAccessTokenLength);
            if (problem != null)
            {
                throw new InvalidOperationException("The token from the bearer token provider " + problem + ".");
            }

            if (!Secrets.Contains(token))
            {
                Secrets.AddToken(token!);
            }

            return "Bearer " + token;
        }

        /// <summary>
        /// Sends with <paramref name="token"/>. A reply that needs nothing more (not a 401) comes back in the inner
        /// handler's own task; anything else, a failure included, goes on in <see cref="RetryOnUnauthorizedAsync"/>.
        /// </summary>
        private Task<HttpResponseMessage> SendWithToken(
            HttpRequestMessage request,
            TokenCache cache,
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

            return RetryOnUnauthorizedAsync(request, cache, token, sending, uri, originalMethod, originalContent, replayable, cancellationToken);
        }

        /// <summary>The rest of a send once it is under way: on a 401 from the API, one re-login and one retry.</summary>
        private async Task<HttpResponseMessage> RetryOnUnauthorizedAsync(
            HttpRequestMessage request,
            TokenCache cache,
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

            cache.Invalidate(token);
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
                fresh = await cache.GetTokenAsync(_send, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                response.Dispose();
                throw;
            }

            response.Dispose();
            AuthenticationMetrics.UnauthorizedRetry(cache.Source);

            // Redirects below may have moved the request: it starts again where the caller sent it.
            request.RequestUri = uri;
            request.Method = originalMethod;
            request.Content = originalContent;
            SetAuthorization(request, fresh.AuthorizationValue);
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (IsRejectedByApi(response, request))
            {
                // Drop it so the next call logs in again; this call gets the 401 (generated code turns it into KuaApiException).
                cache.Invalidate(fresh);
                AuthenticationLog.RejectedAgain(Logger, operationId, fresh);
            }

            return response;
        }

        /// <summary>
        /// The plan of the request's requirement set, or null when it gets no credentials: when the caller brought an
        /// Authorization of their own (a header this handler attached on an earlier pass, as when a retry handler above
        /// re-sends the message, is ours to replace), or it is marked anonymous, or it goes to another origin.
        /// </summary>
        private SecurityPlan? NeedsCredentials(HttpRequestMessage request, Uri uri, out AuthenticationHeaderValue? callerAuthorization)
        {
            callerAuthorization = IsAttachedByUs(request) ? null : request.Headers.Authorization;
            return callerAuthorization is null && !KuaRequestMarkers.IsAnonymous(request) && TransportSecurity.IsSameOrigin(uri, Settings.BaseAddress)
                ? _authentication.PlanFor(KuaRequestMarkers.GetSecurity(request))
                : null;
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
        private void MarkAttached(HttpRequestMessage request) => RequestOptions.Set(request, AttachedKey, Secrets);

        private static bool IsAttachedByUs(HttpRequestMessage request) => RequestOptions.Get(request, AttachedKey) is KnownSecrets;
    }
}
