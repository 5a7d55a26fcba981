using System;
using System.ComponentModel;
using System.Net.Http;
using Kua.Generated.Runtime.Authentication;

namespace Kua.Generated
{
    /// <summary>
    /// Builds the <see cref="HttpClient"/> a generated client uses when it is created without dependency injection: its
    /// handler attaches what each operation's security requirement asks for (API keys, Basic, bearer tokens it fetches,
    /// refreshes before they expire and renews once after a 401).
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class KuaHttpClientFactory
    {
        /// <summary>Creates the client for a spec's security.</summary>
        /// <param name="options">The base address, the credentials and the token rules; validated and copied now.</param>
        /// <param name="security">The spec's security schemes and requirements.</param>
        /// <param name="defaultBaseAddress">The spec's server URL (null when it declares none), used when <see cref="KuaClientOptions.BaseAddress"/> is null.</param>
        /// <returns>
        /// A client whose <see cref="HttpClient.BaseAddress"/> is set. Disposing it disposes its token caches (a login in
        /// flight then fails its waiters with <see cref="ObjectDisposedException"/>) but not
        /// <see cref="KuaClientOptions.PrimaryHandler"/>.
        /// </returns>
        /// <exception cref="ArgumentException">An option or a credential is missing or invalid, or an address is plain HTTP without the loopback opt-in.</exception>
        public static HttpClient Create(KuaClientOptions options, KuaSecurity security, Uri? defaultBaseAddress)
        {
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            if (security is null)
            {
                throw new ArgumentNullException(nameof(security));
            }

            var authentication = ClientAuthentication.Create(options, security, defaultBaseAddress, null);
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

            var handler = CreateHandler(authentication, primary, ownsAuthentication: true);
            return new HttpClient(handler, disposeHandler: true) { BaseAddress = authentication.Settings.BaseAddress };
        }

        /// <summary>Creates the client for a spec whose only scheme is the Kua login.</summary>
        /// <param name="options">The base address, the account and the token rules; validated and copied now.</param>
        /// <param name="endpoint">The login operation, as the spec describes it.</param>
        /// <param name="defaultBaseAddress">The spec's server URL, or null.</param>
        /// <returns>The client (see <see cref="Create(KuaClientOptions, KuaSecurity, Uri)"/>).</returns>
        /// <exception cref="ArgumentException">An option is missing or invalid.</exception>
        public static HttpClient Create(KuaClientOptions options, KuaTokenEndpoint endpoint, Uri? defaultBaseAddress) =>
            Create(options, KuaSecurity.ForKuaLogin(endpoint ?? throw new ArgumentNullException(nameof(endpoint))), defaultBaseAddress);

        /// <summary>The authentication handler, then the redirect handler, then <paramref name="primary"/>; token requests go to <paramref name="primary"/> directly.</summary>
        internal static HttpMessageHandler CreateHandler(ClientAuthentication authentication, HttpMessageHandler primary, bool ownsAuthentication) =>
            new AuthenticationHandler(authentication, ownsAuthentication, loginTransport: primary)
            {
                InnerHandler = new RedirectHandler(authentication.Settings, authentication.Logger) { InnerHandler = primary },
            };
    }
}
