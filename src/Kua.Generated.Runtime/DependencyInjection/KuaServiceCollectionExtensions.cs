using System;
using System.Net.Http;
using Kua.Generated;
using Kua.Generated.Runtime.Authentication;
using Kua.Generated.Runtime.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection
{
    /// <summary>Registers generated Kua clients on <see cref="IHttpClientFactory"/>.</summary>
    public static class KuaServiceCollectionExtensions
    {
        /// <summary>
        /// Registers <typeparamref name="TClient"/> as a typed client whose handler attaches and refreshes the bearer
        /// token. The token cache is a singleton per registration, so it outlives the factory's handler recycling;
        /// the container disposes it. Generated code calls this from its <c>AddKuaClient</c> method.
        /// </summary>
        /// <typeparam name="TClient">The generated client.</typeparam>
        /// <param name="services">The services.</param>
        /// <param name="endpoint">The login operation, as the spec describes it.</param>
        /// <param name="defaultBaseAddress">The spec's server URL (null when it declares none), used when <see cref="KuaClientOptions.BaseAddress"/> is null.</param>
        /// <param name="configure">Sets the options; runs once, when the client is first resolved, and the result is validated then.</param>
        /// <param name="create">Creates the client around the factory's <see cref="HttpClient"/>.</param>
        /// <returns>The builder, to add handlers (resilience, logging) or configure the primary handler.</returns>
        public static IHttpClientBuilder AddKuaGeneratedClient<TClient>(
            this IServiceCollection services,
            KuaTokenEndpoint endpoint,
            Uri? defaultBaseAddress,
            Action<KuaClientOptions> configure,
            Func<HttpClient, TClient> create)
            where TClient : class
        {
            if (services is null)
            {
                throw new ArgumentNullException(nameof(services));
            }

            if (endpoint is null)
            {
                throw new ArgumentNullException(nameof(endpoint));
            }

            if (configure is null)
            {
                throw new ArgumentNullException(nameof(configure));
            }

            if (create is null)
            {
                throw new ArgumentNullException(nameof(create));
            }

            var name = typeof(TClient).FullName ?? typeof(TClient).Name;
            services.AddSingleton(provider => new KuaClientRegistration<TClient>(endpoint, defaultBaseAddress, configure, provider.GetService<ILoggerFactory>()));

            services.PostConfigure<HttpClientFactoryOptions>(name, factoryOptions =>
            {
                // Post-configured so it runs after any primary handler the application sets: the token handler follows redirects itself.
                factoryOptions.HttpMessageHandlerBuilderActions.Add(builder => PrimaryHandlers.DisableAutoRedirect(builder.PrimaryHandler));

                // The factory's logging handler sits below the token handler and logs headers at Trace level.
                var redactOthers = factoryOptions.ShouldRedactHeaderValue;
                factoryOptions.ShouldRedactHeaderValue = header => IsCredentialHeader(header) || redactOthers(header);
            });

            var httpClientBuilder = services.AddHttpClient(name, (provider, httpClient) =>
                httpClient.BaseAddress = provider.GetRequiredService<KuaClientRegistration<TClient>>().Cache.Settings.BaseAddress);
            httpClientBuilder.AddHttpMessageHandler(provider =>
                new BearerTokenHandler(provider.GetRequiredService<KuaClientRegistration<TClient>>().Cache, ownsCache: false));
            httpClientBuilder.AddTypedClient(create);
            return httpClientBuilder;
        }

        private static bool IsCredentialHeader(string header) =>
            string.Equals(header, "Authorization", StringComparison.OrdinalIgnoreCase) ||
            string.Equals(header, "Proxy-Authorization", StringComparison.OrdinalIgnoreCase) ||
            string.Equals(header, "Cookie", StringComparison.OrdinalIgnoreCase) ||
            string.Equals(header, "Set-Cookie", StringComparison.OrdinalIgnoreCase);
    }
}
