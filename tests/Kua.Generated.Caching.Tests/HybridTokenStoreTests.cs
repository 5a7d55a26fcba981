using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Kua.Generated.Caching.Tests.Infrastructure;
using Kua.Generated.Runtime.Tests.Infrastructure;
using Kua.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Xunit;

namespace Kua.Generated.Caching.Tests
{
    /// <summary>
    /// The fleet's token store on a real Redis, in one process: what leaves the process is encrypted and keyed by a hash,
    /// a newer token survives an older one's rejection, and a Redis that is down costs one log line and no call.
    /// </summary>
    public sealed class HybridTokenStoreTests
    {
        private static readonly string Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

        [Fact]
        public async Task WhatRedisHoldsIsEncryptedAndKeyedByAHashOfTheAccountNeverTheEmail()
        {
            await using var redis = await RedisServer.StartAsync();
            await using var server = await KuaFakeServer.StartAsync();
            await using var instance = Instance(server, redis.EndPoint);

            await instance.GetRequiredService<KuaClient>().Accounts.GetAccountAsync();

            using var connection = await ConnectionMultiplexer.ConnectAsync(redis.EndPoint);
            var tokenKey = Assert.Single(await SettledKeysAsync(connection, redis.EndPoint));
            Assert.Matches("^kua:token:[0-9a-f]{64}$", tokenKey);

            var store = instance.GetRequiredKeyedService<KuaTokenStore>(typeof(KuaClient).FullName);
            var token = await store.GetAsync(tokenKey.Substring("kua:token:".Length), CancellationToken.None);
            Assert.NotNull(token);
            Assert.False(string.IsNullOrEmpty(token!.AccessToken));

            // Every value of the entry as Redis keeps it (the distributed cache writes a hash; a plain string is read too).
            var database = connection.GetDatabase();
            var stored = await database.KeyTypeAsync(tokenKey) == RedisType.Hash
                ? (await database.HashGetAllAsync(tokenKey)).SelectMany(field => (byte[])field.Value!).ToArray()
                : (byte[])(await database.StringGetAsync(tokenKey))!;
            Assert.True(stored.Length > token.AccessToken.Length, "Redis holds no token.");
            Assert.False(Contains(stored, token.AccessToken), "Redis holds the token in clear.");
            Assert.False(Contains(stored, KuaFakeServer.DefaultEmail), "Redis holds the email in clear.");
            Assert.DoesNotContain(KuaFakeServer.DefaultEmail, tokenKey, StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>
        /// Redis's keys once the login is done with it: callers get the token as soon as the login has it, and the
        /// store's write and the lock's release follow. Returns the last listing when they do not settle in time.
        /// </summary>
        private static async Task<List<string>> SettledKeysAsync(ConnectionMultiplexer connection, string endPoint)
        {
            var deadline = DateTime.UtcNow + TestTimeouts.Hang;
            while (true)
            {
                var keys = connection.GetServer(endPoint).Keys(pattern: "*").Select(k => k.ToString()).ToList();
                if ((keys.Count == 1 && !keys[0].EndsWith(":lock", StringComparison.Ordinal)) || DateTime.UtcNow > deadline)
                {
                    return keys;
                }

                await Task.Delay(20);
            }
        }

        [Fact]
        public async Task AnEntryReadsBackOnlyWithTheKeyMaterialAndTheKeyItWasWrittenFor()
        {
            await using var redis = await RedisServer.StartAsync();
            await using var services = Services(redis.EndPoint).AddDataProtection().SetApplicationName("fleet").Services.BuildServiceProvider();
            var cache = services.GetRequiredService<HybridCache>();
            var dataProtection = services.GetRequiredService<IDataProtectionProvider>();
            var token = new KuaSharedToken("login-1", "the-access-token", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1));

            var aes = new KuaHybridTokenStore(cache, new KuaDistributedTokenCacheOptions { EncryptionKey = Key });
            var otherAes = new KuaHybridTokenStore(cache, new KuaDistributedTokenCacheOptions { EncryptionKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });
            var protectedByDataProtection = new KuaHybridTokenStore(cache, new KuaDistributedTokenCacheOptions(), dataProtection: dataProtection);

            await aes.SetAsync("a", token, CancellationToken.None);
            await protectedByDataProtection.SetAsync("b", token, CancellationToken.None);

            Assert.Equal("the-access-token", (await aes.GetAsync("a", CancellationToken.None))?.AccessToken);
            Assert.Equal("login-1", (await protectedByDataProtection.GetAsync("b", CancellationToken.None))?.Id);
            Assert.Null(await otherAes.GetAsync("a", CancellationToken.None));
            Assert.Null(await aes.GetAsync("b", CancellationToken.None));

            // An entry copied under another key does not decrypt there (the key is bound into the ciphertext).
            using var connection = await ConnectionMultiplexer.ConnectAsync(redis.EndPoint);
            var database = connection.GetDatabase();
            await database.ExecuteAsync("COPY", "kua:token:a", "kua:token:c");
            Assert.True(await database.KeyExistsAsync("kua:token:c"));
            Assert.Null(await aes.GetAsync("c", CancellationToken.None));
        }

        [Fact]
        public async Task ANewerTokenWrittenByAnotherInstanceSurvivesTheRejectionOfAnOlderOne()
        {
            await using var redis = await RedisServer.StartAsync();
            await using var server = await KuaFakeServer.StartAsync();
            await using var first = Instance(server, redis.EndPoint);
            await using var second = Instance(server, redis.EndPoint);

            await first.GetRequiredService<KuaClient>().Accounts.GetAccountAsync();
            await second.GetRequiredService<KuaClient>().Accounts.GetAccountAsync();
            Assert.Equal(1, server.LoginCount);

            server.RevokeAllTokens();
            await first.GetRequiredService<KuaClient>().Accounts.GetAccountAsync();
            Assert.Equal(2, server.LoginCount);

            // The second instance's token is rejected too; the stored one is newer, so it is used, not removed.
            await second.GetRequiredService<KuaClient>().Accounts.GetAccountAsync();
            Assert.Equal(2, server.LoginCount);

            await using var third = Instance(server, redis.EndPoint);
            await third.GetRequiredService<KuaClient>().Accounts.GetAccountAsync();
            Assert.Equal(2, server.LoginCount);
        }

        [Fact]
        public async Task ARedisThatIsDownFailsNoCallAndIsLoggedOnce()
        {
            await using var server = await KuaFakeServer.StartAsync();
            var logs = new CapturingLoggerProvider();
            await using var instance = Instance(server, "127.0.0.1:" + RedisServer.FreePort(), logs);
            var client = instance.GetRequiredService<KuaClient>();

            await client.Accounts.GetAccountAsync();
            server.RevokeAllTokens();
            await client.Accounts.GetAccountAsync();

            Assert.Equal(2, server.LoginCount);
            Assert.Equal(1, logs.Count("SharedStoreUnavailable"));
        }

        [Fact]
        public void OptionsAreCheckedOnceAndTheKeyIsNeverShown()
        {
            using var services = Services("127.0.0.1:1").BuildServiceProvider();
            var cache = services.GetRequiredService<HybridCache>();

            var options = new KuaDistributedTokenCacheOptions { EncryptionKey = Key };
            Assert.DoesNotContain(Key, options.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(Key, new KuaHybridTokenStore(cache, options).ToString(), StringComparison.Ordinal);

            var notBase64 = Assert.Throws<ArgumentException>(() => new KuaHybridTokenStore(cache, new KuaDistributedTokenCacheOptions { EncryptionKey = "not base64!" }));
            Assert.Contains("base64", notBase64.Message, StringComparison.Ordinal);
            var tooShort = Assert.Throws<ArgumentException>(() => new KuaHybridTokenStore(cache, new KuaDistributedTokenCacheOptions { EncryptionKey = Convert.ToBase64String(new byte[16]) }));
            Assert.Contains("32 bytes", tooShort.Message, StringComparison.Ordinal);
            var noEncryption = Assert.Throws<ArgumentException>(() => new KuaHybridTokenStore(cache, new KuaDistributedTokenCacheOptions()));
            Assert.Contains("AddDataProtection", noEncryption.Message, StringComparison.Ordinal);
            Assert.Throws<ArgumentException>(() => new KuaHybridTokenStore(cache, new KuaDistributedTokenCacheOptions { EncryptionKey = Key, PollInterval = TimeSpan.Zero }));
        }

        /// <summary>One instance of an application: its own container with the generated client and the distributed token cache.</summary>
        private static ServiceProvider Instance(KuaFakeServer server, string redisEndPoint, ILoggerProvider? logs = null)
        {
            var services = Services(redisEndPoint);
            if (logs != null)
            {
                services.AddLogging(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
            }

            services.AddKuaClient(options =>
            {
                options.BaseAddress = server.BaseAddress;
                options.AllowInsecureLoopback = true;
                options.Email = KuaFakeServer.DefaultEmail;
                options.Password = KuaFakeServer.DefaultPassword;
            })
            .AddDistributedTokenCache(cache => cache.EncryptionKey = Key);
            return services.BuildServiceProvider();
        }

        private static ServiceCollection Services(string redisEndPoint)
        {
            var services = new ServiceCollection();
            services.AddStackExchangeRedisCache(redis => redis.ConfigurationOptions = new ConfigurationOptions
            {
                EndPoints = { redisEndPoint },
                AbortOnConnectFail = false,
                ConnectTimeout = 1000,
                AsyncTimeout = 1000,
                SyncTimeout = 1000,
                BacklogPolicy = BacklogPolicy.FailFast,
            });
            services.AddHybridCache();
            return services;
        }

        private static bool Contains(byte[] haystack, string needle) =>
            haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0;
    }
}
