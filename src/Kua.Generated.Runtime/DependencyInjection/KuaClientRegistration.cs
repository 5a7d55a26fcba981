using System;
using Kua.Generated.Runtime.Authentication;
using Microsoft.Extensions.Logging;

namespace Kua.Generated.Runtime.DependencyInjection
{
    /// <summary>
    /// The singleton behind one <c>AddKuaGeneratedClient</c> registration: its options, read once and validated,
    /// and the token cache every handler the factory builds for <typeparamref name="TClient"/> shares.
    /// </summary>
    /// <typeparam name="TClient">The generated client the registration is for.</typeparam>
    internal sealed class KuaClientRegistration<TClient> : IDisposable
        where TClient : class
    {
        public KuaClientRegistration(KuaTokenEndpoint endpoint, Uri? defaultBaseAddress, Action<KuaClientOptions> configure, ILoggerFactory? loggerFactory)
        {
            var options = new KuaClientOptions();
            configure(options);
            Cache = KuaLoginSource.CreateCache(TokenSettings.Create(options, defaultBaseAddress, loggerFactory), endpoint);
            options.LoggerFactory = Cache.Settings.LoggerFactory;
            Options = options;
        }

        public TokenCache Cache { get; }

        /// <summary>The options as configured, with the logger factory the client uses (the container's unless one was set).</summary>
        public KuaClientOptions Options { get; }

        public void Dispose() => Cache.Dispose();

        public override string ToString() => "KuaClientRegistration<" + typeof(TClient).Name + "> { " + Cache + " }";
    }
}
