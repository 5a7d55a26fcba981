using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Kua.Generated.Runtime.Authentication
{
    /// <summary>
    /// Follows redirects in place of the network handler (whose own following is switched off), so credentials never
    /// leave their origin: the request's Authorization goes only to hops on the origin it was first sent to, and is
    /// removed on every other hop, as are API keys in headers and cookies. 301/302 turn a POST into a GET and 303 turns anything but HEAD into a GET, each
    /// without its body; 307/308 keep method and body, and are followed only when the body can be sent again. At most
    /// <see cref="TokenSettings.MaxRedirects"/> hops. A redirect it does not follow (too many, to a refused plain
    /// <c>http://</c> address, a body that cannot be re-sent) is logged and returned to the caller as it is, so
    /// generated code turns it into a <see cref="KuaApiException"/> with that status.
    /// </summary>
    internal sealed class RedirectHandler : DelegatingHandler
    {
        private readonly TokenSettings _settings;
        private readonly ILogger _logger;

        public RedirectHandler(TokenSettings settings, ILogger logger)
        {
            _settings = settings ?? throw new ArgumentNullException(nameof(settings));
            _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var sending = base.SendAsync(request, cancellationToken);

            // A reply that is already there and no redirect goes back as it is: the warm path costs no state machine here.
            if (sending.Status == TaskStatus.RanToCompletion && !(sending.Result is HttpResponseMessage response && IsRedirectStatus((int)response.StatusCode)))
            {
                return sending;
            }

            return FollowAsync(request, sending, cancellationToken);
        }

        private async Task<HttpResponseMessage> FollowAsync(HttpRequestMessage request, Task<HttpResponseMessage> sending, CancellationToken cancellationToken)
        {
            var origin = request.RequestUri!;
            var content = request.Content;
            var authorization = request.Headers.TryGetValues("Authorization", out var values) ? string.Join(", ", values) : null;
            var plan = RequestOptions.Get(request, AuthenticationHandler.PlanKey) as SecurityPlan;
            try
            {
                var response = await sending.ConfigureAwait(false);
                for (var hops = 0; ; hops++)
                {
                    var from = request.RequestUri!;
                    if (!TryGetTarget(response, from, out var target))
                    {
                        return response;
                    }

                    var status = (int)response.StatusCode;
                    var keepsBody = KeepsMethodAndBody(status, request.Method);
                    var refusal =
                        hops >= _settings.MaxRedirects ? "more than " + _settings.MaxRedirects + " redirects (KuaClientOptions.MaxRedirects)" :
                        !TransportSecurity.IsAllowed(target, _settings.AllowInsecureLoopback) ? TransportSecurity.DescribeRefusal(target, _settings.AllowInsecureLoopback) :
                        keepsBody && request.Content != null && !ReplayableContent.CanResend(request) ? "the request body cannot be sent again" :
                        null;
                    if (refusal != null)
                    {
                        AuthenticationLog.RedirectRefused(_logger, status, from, target, refusal);
                        return response;
                    }

                    var withCredentials = authorization != null && TransportSecurity.IsSameOrigin(target, origin);
                    AuthenticationLog.Redirect(_logger, status, from, target, withCredentials);
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

                    AuthenticationHandler.SetAuthorization(request, withCredentials ? authorization : null);
                    if (plan != null && !TransportSecurity.IsSameOrigin(target, origin))
                    {
                        RemoveFixedCredentials(request, plan);
                    }

                    response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                // A redirect may have dropped the body; hand it back so whoever owns the request disposes it.
                request.Content = content;
            }
        }

        /// <summary>API keys in headers and cookies stay on their origin, like Authorization (a key in the query is not carried: the target is the server's).</summary>
        private static void RemoveFixedCredentials(HttpRequestMessage request, SecurityPlan plan)
        {
            foreach (var credential in plan.Fixed)
            {
                if (credential.Location == KuaApiKeyLocation.Header)
                {
                    request.Headers.Remove(credential.Name);
                }
                else if (credential.Location == KuaApiKeyLocation.Cookie)
                {
                    request.Headers.Remove("Cookie");
                }
            }
        }

        private static bool IsRedirectStatus(int status) => status == 301 || status == 302 || status == 303 || status == 307 || status == 308;

        /// <summary>Like browsers and SocketsHttpHandler: 301/302 turn a POST into a GET, 303 anything but HEAD; 307/308 keep both.</summary>
        private static bool KeepsMethodAndBody(int status, HttpMethod method) =>
            status == 307 || status == 308 || ((status == 301 || status == 302) && method != HttpMethod.Post);

        private static bool TryGetTarget(HttpResponseMessage response, Uri current, out Uri target)
        {
            target = current;

            // The status first: most replies are not redirects, and their headers need not be looked at.
            if (!IsRedirectStatus((int)response.StatusCode) || response.Headers.Location is not Uri location)
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
    }
}
