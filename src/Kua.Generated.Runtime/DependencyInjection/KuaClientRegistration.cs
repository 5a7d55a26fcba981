using System;
using Kua.Generated.Runtime.Authentication;
using Microsoft.Extensions.Logging;

namespace Kua.Generated.Runtime.DependencyInjection
{
    /// <summary>
    /// The singleton behind one <c>AddKuaGeneratedClient</c> registration: its options, read once and validated, and the
    /// authentication (token caches among it) every handler the factory builds for <typeparamref name="TClient"/> shares.
    /// </summary>
    /// <typeparam name="TClient">The generated client the registration is for.</typeparam>
    internal sealed class KuaClientRegistration<TClient> : IDisposable
        where TClient : class
    {
        public KuaClientRegistration(KuaClientOptions options, KuaSecurity security, Uri? defaultBaseAddress, ILoggerFactory? loggerFactory, KuaTokenStore? store)
        {
            Authentication = ClientAuthentication.Create(options, security, defaultBaseAddress, loggerFactory, store);
            if (options.LoggerFactory is null)
            {
                options.LoggerFactory = loggerFactory;
            }

            Options = options;
        }

        public ClientAuthentication Authentication { get; }

        /// <summary>The options as configured, with the container's logger factory unless one was set (the client reads its own settings, such as <see cref="KuaClientOptions.ReadMode"/>, from them).</summary>
        public KuaClientOptions Options { get; }

        public void Dispose() => Authentication.Dispose();

        public override string ToString() => "KuaClientRegistration<" + typeof(TClient).Name + "> { " + Authentication + " }";
    }
}
