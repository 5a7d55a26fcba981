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
        /// <remarks>
        /// The pipeline the factory builds is: the factory's request log, the token handler, the handlers added to the
        /// returned builder, the factory's per-try log, the redirect handler, the primary handler. Logins go from the token
        /// handler straight to the primary handler, so a resilience handler on the builder never retries a login
        /// (<see cref="KuaClientOptions.MaxLoginRetries"/> does). The factory's request logs are the client's own: they
        /// write what the default ones do, with credential headers and the client's secrets masked in the structured
        /// values too.
        /// </remarks>
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
            if (create is null)
            {
                throw new ArgumentNullException(nameof(create));
            }

            return AddKuaGeneratedClient<TClient>(services, endpoint, defaultBaseAddress, configure, (http, options) => create(http));
        }

        /// <summary>
        /// Registers a generated client as <see cref="AddKuaGeneratedClient{TClient}(IServiceCollection, KuaTokenEndpoint, Uri?, Action{KuaClientOptions}, Func{HttpClient, TClient})"/>
        /// does, creating it with the configured options (for settings the client itself applies, such as <see cref="KuaClientOptions.ReadMode"/>).
        /// </summary>
        /// <typeparam name="TClient">The generated client.</typeparam>
        /// <param name="services">The services.</param>
        /// <param name="endpoint">The login operation, as the spec describes it.</param>
        /// <param name="defaultBaseAddress">The spec's server URL (null when it declares none), used when <see cref="KuaClientOptions.BaseAddress"/> is null.</param>
        /// <param name="configure">Sets the options; runs once, when the client is first resolved, and the result is validated then.</param>
        /// <param name="create">Creates the client around the factory's <see cref="HttpClient"/>, from the options as configured (their <see cref="KuaClientOptions.LoggerFactory"/> is the container's unless one was set).</param>
        /// <returns>The builder, to add handlers (resilience, logging) or configure the primary handler.</returns>
        public static IHttpClientBuilder AddKuaGeneratedClient<TClient>(
            this IServiceCollection services,
            KuaTokenEndpoint endpoint,
            Uri? defaultBaseAddress,
            Action<KuaClientOptions> configure,
            Func<HttpClient, KuaClientOptions, TClient> create)
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
                // Post-configured so it runs after the application's own actions: the token handler goes on top of the
                // handlers it added, and redirects are followed above whatever primary handler it set.
                factoryOptions.HttpMessageHandlerBuilderActions.Add(builder =>
                {
                    var cache = builder.Services.GetRequiredService<KuaClientRegistration<TClient>>().Cache;
                    var primary = builder.PrimaryHandler;
                    PrimaryHandlers.DisableAutoRedirect(primary);
                    builder.AdditionalHandlers.Insert(0, new BearerTokenHandler(cache, ownsCache: false, loginTransport: primary));
                    builder.PrimaryHandler = new RedirectHandler(cache.Settings, cache.Logger) { InnerHandler = primary };
                });

                // For whoever brings the default loggers back (AddDefaultLogger): their messages mask these values.
                var redactOthers = factoryOptions.ShouldRedactHeaderValue;
                factoryOptions.ShouldRedactHeaderValue = header => KuaHttpClientLogger.IsCredentialHeader(header) || redactOthers(header);
            });

            var httpClientBuilder = services.AddHttpClient(name, (provider, httpClient) =>
                httpClient.BaseAddress = provider.GetRequiredService<KuaClientRegistration<TClient>>().Cache.Settings.BaseAddress);

            // The default loggers keep header values in their structured state (only their message is redacted).
            httpClientBuilder.RemoveAllLoggers();
            httpClientBuilder.AddLogger(provider => KuaHttpClientLogger.Create(provider, name, provider.GetRequiredService<KuaClientRegistration<TClient>>().Cache.Secrets, wrapsPipeline: true), wrapHandlersPipeline: true);
            httpClientBuilder.AddLogger(provider => KuaHttpClientLogger.Create(provider, name, provider.GetRequiredService<KuaClientRegistration<TClient>>().Cache.Secrets, wrapsPipeline: false), wrapHandlersPipeline: false);
            httpClientBuilder.AddTypedClient((http, provider) => create(http, provider.GetRequiredService<KuaClientRegistration<TClient>>().Options));
            return httpClientBuilder;
        }
    }
}
