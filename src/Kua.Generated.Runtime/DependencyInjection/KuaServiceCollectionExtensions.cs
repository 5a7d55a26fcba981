using System;
using System.ComponentModel;
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
        /// Registers <typeparamref name="TClient"/> as a typed client whose handler attaches what each operation's
        /// security requirement asks for. The authentication (its token caches) is a singleton per registration, so it
        /// outlives the factory's handler recycling; the container disposes it. Generated code calls this from its
        /// <c>Add{ClientName}</c> method.
        /// </summary>
        /// <remarks>
        /// The pipeline the factory builds is: the factory's request log, the authentication handler, the handlers added to
        /// the returned builder, the factory's per-try log, the redirect handler, the primary handler. Token requests go
        /// from the authentication handler straight to the primary handler, so a resilience handler on the builder never
        /// retries a login (<see cref="KuaClientOptions.MaxLoginRetries"/> does). The factory's request logs are the
        /// client's own: they write what the default ones do, with credential headers and the client's secrets masked in
        /// the structured values too. A <see cref="KuaTokenStore"/> registered for the builder's name (as
        /// <c>AddDistributedTokenCache()</c> does) shares tokens with other instances.
        /// </remarks>
        /// <typeparam name="TClient">The generated client.</typeparam>
        /// <typeparam name="TOptions">The client's options (with a credential property per security scheme).</typeparam>
        /// <param name="services">The services.</param>
        /// <param name="security">The spec's security schemes and requirements.</param>
        /// <param name="defaultBaseAddress">The spec's server URL (null when it declares none), used when <see cref="KuaClientOptions.BaseAddress"/> is null.</param>
        /// <param name="configure">Sets the options; runs once, when the client is first resolved, and the result is validated then.</param>
        /// <param name="create">Creates the client around the factory's <see cref="HttpClient"/>.</param>
        /// <returns>The builder, to add handlers (resilience, logging), configure the primary handler or share tokens with a fleet.</returns>
        [EditorBrowsable(EditorBrowsableState.Never)]
        public static IHttpClientBuilder AddKuaGeneratedClient<TClient, TOptions>(
            this IServiceCollection services,
            KuaSecurity security,
            Uri? defaultBaseAddress,
            Action<TOptions> configure,
            Func<HttpClient, TClient> create)
            where TClient : class
            where TOptions : KuaClientOptions, new()
        {
            if (create is null)
            {
                throw new ArgumentNullException(nameof(create));
            }

            return services.AddKuaGeneratedClient<TClient, TOptions>(security, defaultBaseAddress, configure, (http, options) => create(http));
        }

        /// <summary>
        /// Registers a generated client as the overload with <c>Func&lt;HttpClient, TClient&gt;</c> does, creating it from
        /// the options as configured (for the settings the client itself applies, such as <see cref="KuaClientOptions.ReadMode"/>).
        /// </summary>
        /// <typeparam name="TClient">The generated client.</typeparam>
        /// <typeparam name="TOptions">The client's options (with a credential property per security scheme).</typeparam>
        /// <param name="services">The services.</param>
        /// <param name="security">The spec's security schemes and requirements.</param>
        /// <param name="defaultBaseAddress">The spec's server URL (null when it declares none), used when <see cref="KuaClientOptions.BaseAddress"/> is null.</param>
        /// <param name="configure">Sets the options; runs once, when the client is first resolved, and the result is validated then.</param>
        /// <param name="create">Creates the client around the factory's <see cref="HttpClient"/> from the options (their <see cref="KuaClientOptions.LoggerFactory"/> is the container's unless one was set).</param>
        /// <returns>The builder, to add handlers (resilience, logging), configure the primary handler or share tokens with a fleet.</returns>
        [EditorBrowsable(EditorBrowsableState.Never)]
        public static IHttpClientBuilder AddKuaGeneratedClient<TClient, TOptions>(
            this IServiceCollection services,
            KuaSecurity security,
            Uri? defaultBaseAddress,
            Action<TOptions> configure,
            Func<HttpClient, TOptions, TClient> create)
            where TClient : class
            where TOptions : KuaClientOptions, new()
        {
            if (services is null)
            {
                throw new ArgumentNullException(nameof(services));
            }

            if (security is null)
            {
                throw new ArgumentNullException(nameof(security));
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
            services.AddSingleton(provider =>
            {
                var options = new TOptions();
                configure(options);
                return new KuaClientRegistration<TClient>(options, security, defaultBaseAddress, provider.GetService<ILoggerFactory>(), provider.GetKeyedService<KuaTokenStore>(name));
            });

            services.PostConfigure<HttpClientFactoryOptions>(name, factoryOptions =>
            {
                // Post-configured so it runs after the application's own actions: the authentication handler goes on top of
                // the handlers it added, and redirects are followed above whatever primary handler it set.
                factoryOptions.HttpMessageHandlerBuilderActions.Add(builder =>
                {
                    var authentication = builder.Services.GetRequiredService<KuaClientRegistration<TClient>>().Authentication;
                    var primary = builder.PrimaryHandler;
                    PrimaryHandlers.DisableAutoRedirect(primary);
                    builder.AdditionalHandlers.Insert(0, new AuthenticationHandler(authentication, ownsAuthentication: false, loginTransport: primary));
                    builder.PrimaryHandler = new RedirectHandler(authentication.Settings, authentication.Logger) { InnerHandler = primary };
                });

                // For whoever brings the default loggers back (AddDefaultLogger): their messages mask these values.
                var redactOthers = factoryOptions.ShouldRedactHeaderValue;
                factoryOptions.ShouldRedactHeaderValue = header => KuaHttpClientLogger.IsCredentialHeader(header) || redactOthers(header);
            });

            var httpClientBuilder = services.AddHttpClient(name, (provider, httpClient) =>
                httpClient.BaseAddress = provider.GetRequiredService<KuaClientRegistration<TClient>>().Authentication.Settings.BaseAddress);

            // The default loggers keep header values in their structured state (only their message is redacted).
            httpClientBuilder.RemoveAllLoggers();
            httpClientBuilder.AddLogger(provider => KuaHttpClientLogger.Create(provider, name, provider.GetRequiredService<KuaClientRegistration<TClient>>().Authentication.Secrets, wrapsPipeline: true), wrapHandlersPipeline: true);
            httpClientBuilder.AddLogger(provider => KuaHttpClientLogger.Create(provider, name, provider.GetRequiredService<KuaClientRegistration<TClient>>().Authentication.Secrets, wrapsPipeline: false), wrapHandlersPipeline: false);
            httpClientBuilder.AddTypedClient((http, provider) => create(http, (TOptions)provider.GetRequiredService<KuaClientRegistration<TClient>>().Options));
            return httpClientBuilder;
        }

        /// <summary>Registers <typeparamref name="TClient"/> for a spec whose only scheme is the Kua login (see the overload with <see cref="KuaSecurity"/>).</summary>
        /// <typeparam name="TClient">The generated client.</typeparam>
        /// <param name="services">The services.</param>
        /// <param name="endpoint">The login operation, as the spec describes it.</param>
        /// <param name="defaultBaseAddress">The spec's server URL, or null.</param>
        /// <param name="configure">Sets the options; runs once, when the client is first resolved.</param>
        /// <param name="create">Creates the client around the factory's <see cref="HttpClient"/>.</param>
        /// <returns>The builder.</returns>
        [EditorBrowsable(EditorBrowsableState.Never)]
        public static IHttpClientBuilder AddKuaGeneratedClient<TClient>(
            this IServiceCollection services,
            KuaTokenEndpoint endpoint,
            Uri? defaultBaseAddress,
            Action<KuaClientOptions> configure,
            Func<HttpClient, TClient> create)
            where TClient : class =>
            services.AddKuaGeneratedClient<TClient, KuaClientOptions>(KuaSecurity.ForKuaLogin(endpoint ?? throw new ArgumentNullException(nameof(endpoint))), defaultBaseAddress, configure, create);
    }
}
