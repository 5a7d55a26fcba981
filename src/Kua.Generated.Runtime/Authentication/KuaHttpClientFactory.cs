using System;
using System.Net.Http;
using Kua.Generated.Runtime.Authentication;

namespace Kua.Generated
{
    /// <summary>
    /// Builds the <see cref="HttpClient"/> a generated client uses when it is created without dependency injection:
    /// its handler attaches the bearer token, logs in when needed, refreshes the token before it expires and
    /// retries once after a 401.
    /// </summary>
    public static class KuaHttpClientFactory
    {
        /// <summary>Creates the client.</summary>
        /// <param name="options">The base address, the account and the token rules; validated and copied now.</param>
        /// <param name="endpoint">The login operation, as the spec describes it.</param>
        /// <param name="defaultBaseAddress">The spec's server URL (null when it declares none), used when <see cref="KuaClientOptions.BaseAddress"/> is null.</param>
        /// <returns>
        /// A client whose <see cref="HttpClient.BaseAddress"/> is set. Disposing it disposes its token cache (a login in
        /// flight then fails its waiters with <see cref="ObjectDisposedException"/>) but not
        /// <see cref="KuaClientOptions.PrimaryHandler"/>.
        /// </returns>
        /// <exception cref="ArgumentException">An option is missing or invalid, or the base address is plain HTTP without the loopback opt-in.</exception>
        public static HttpClient Create(KuaClientOptions options, KuaTokenEndpoint endpoint, Uri? defaultBaseAddress)
        {
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            if (endpoint is null)
            {
                throw new ArgumentNullException(nameof(endpoint));
            }

            var settings = TokenSettings.Create(options, defaultBaseAddress, null);
            HttpMessageHandler primary;
            if (options.PrimaryHandler is HttpMessageHandler supplied)
            {
                PrimaryHandlers.DisableAutoRedirect(supplied);
                primary = new PrimaryHandlers.NonDisposing(supplied);
            }
            else
            {
                primary = PrimaryHandlers.CreateDefault();
            }

            var handler = CreateHandler(KuaLoginSource.CreateCache(settings, endpoint), primary, ownsCache: true);
            return new HttpClient(handler, disposeHandler: true) { BaseAddress = settings.BaseAddress };
        }

        /// <summary>The token handler, then the redirect handler, then <paramref name="primary"/>; logins go to <paramref name="primary"/> directly.</summary>
        internal static HttpMessageHandler CreateHandler(TokenCache cache, HttpMessageHandler primary, bool ownsCache) =>
            new BearerTokenHandler(cache, ownsCache, loginTransport: primary)
            {
                InnerHandler = new RedirectHandler(cache.Settings, cache.Logger) { InnerHandler = primary },
            };
    }
}
