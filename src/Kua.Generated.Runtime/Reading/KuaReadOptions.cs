using System;
using Microsoft.Extensions.Logging;

namespace Kua.Generated
{
    /// <summary>How a generated client reads replies: the <see cref="KuaReadMode"/>, and where tolerant reading logs what it read anyway.</summary>
    public sealed class KuaReadOptions
    {
        /// <summary>Strict (the default: a reply that breaks the spec fails the call) or Tolerant.</summary>
        public KuaReadMode Mode { get; set; }

        /// <summary>Where <see cref="KuaReadMode.Tolerant"/> logs each deviation (at Warning, rate-limited); null logs nothing (the counter still counts).</summary>
        public ILoggerFactory? LoggerFactory { get; set; }

        /// <summary>The read settings of client options: their <see cref="KuaClientOptions.ReadMode"/> and <see cref="KuaClientOptions.LoggerFactory"/>.</summary>
        /// <param name="options">The client's options.</param>
        /// <returns>The read settings.</returns>
        public static KuaReadOptions From(KuaClientOptions options)
        {
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            return new KuaReadOptions { Mode = options.ReadMode, LoggerFactory = options.LoggerFactory };
        }

        /// <summary>The read settings of a client registered in a container: the mode given, logging through the container's <see cref="ILoggerFactory"/> (when it has one).</summary>
        /// <param name="services">The container.</param>
        /// <param name="mode">The read mode.</param>
        /// <returns>The read settings.</returns>
        public static KuaReadOptions From(IServiceProvider services, KuaReadMode mode)
        {
            if (services is null)
            {
                throw new ArgumentNullException(nameof(services));
            }

            return new KuaReadOptions { Mode = mode, LoggerFactory = services.GetService(typeof(ILoggerFactory)) as ILoggerFactory };
        }
    }
}
