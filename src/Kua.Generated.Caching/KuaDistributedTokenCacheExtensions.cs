using System;
using System.Threading;
using System.Threading.Tasks;
using Kua.Generated;
using Kua.Generated.Caching;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection
{
    /// <summary>Shares a Kua client's tokens with every instance of the application (fleet mode).</summary>
    public static class KuaDistributedTokenCacheExtensions
    {
        /// <summary>
        /// Shares the client's tokens through HybridCache's distributed tier (register the distributed cache as usual, for
        /// example <c>services.AddStackExchangeRedisCache(…)</c>): one instance logs in for the fleet while the others wait
        /// for its token, a 401 on one instance removes the shared token once, and a cache that is down costs nothing but
        /// the sharing. Tokens are encrypted before they leave the process. With Redis (<c>IConnectionMultiplexer</c> in the
        /// container, or <see cref="RedisCacheOptions"/>' configuration), the login lock is a Redis lock.
        /// </summary>
        /// <param name="builder">The builder <c>AddKuaClient</c> (or another generated <c>Add…Client</c>) returned.</param>
        /// <param name="configure">Sets the encryption key and the lock's timing.</param>
        /// <returns>The same builder.</returns>
        public static IHttpClientBuilder AddDistributedTokenCache(this IHttpClientBuilder builder, Action<KuaDistributedTokenCacheOptions>? configure = null)
        {
            if (builder is null)
            {
                throw new ArgumentNullException(nameof(builder));
            }

            var options = new KuaDistributedTokenCacheOptions();
            configure?.Invoke(options);
            builder.Services.AddHybridCache();
            builder.Services.AddKeyedSingleton<KuaTokenStore>(builder.Name, (provider, _) =>
                new KuaHybridTokenStore(provider.GetRequiredService<HybridCache>(), options, RedisConnection(provider), provider.GetService<IDataProtectionProvider>()));
            return builder;
        }

        /// <summary>The container's Redis connection, or one made (once, lazily; again after a failure) from the Redis cache's configuration; null without Redis.</summary>
        private static Func<CancellationToken, Task<IConnectionMultiplexer>>? RedisConnection(IServiceProvider provider)
        {
            if (provider.GetService<IConnectionMultiplexer>() is IConnectionMultiplexer registered)
            {
                return _ => Task.FromResult(registered);
            }

            var redis = provider.GetService<IOptions<RedisCacheOptions>>()?.Value;
            if (redis is null || (redis.ConnectionMultiplexerFactory is null && redis.ConfigurationOptions is null && string.IsNullOrEmpty(redis.Configuration)))
            {
                return null;
            }

            var gate = new object();
            Task<IConnectionMultiplexer>? connecting = null;
            return _ =>
            {
                lock (gate)
                {
                    if (connecting is null || connecting.IsFaulted || connecting.IsCanceled)
                    {
                        connecting = redis.ConnectionMultiplexerFactory != null
                            ? redis.ConnectionMultiplexerFactory()
                            : ConnectAsync(redis);
                    }

                    return connecting;
                }
            };
        }

        private static async Task<IConnectionMultiplexer> ConnectAsync(RedisCacheOptions redis) =>
            await ConnectionMultiplexer.ConnectAsync(redis.ConfigurationOptions?.Clone() ?? ConfigurationOptions.Parse(redis.Configuration!)).ConfigureAwait(false);
    }
}
