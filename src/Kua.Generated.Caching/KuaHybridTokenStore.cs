using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Hybrid;
using StackExchange.Redis;

namespace Kua.Generated.Caching
{
    /// <summary>
    /// The fleet's token store: entries in HybridCache's distributed tier (its in-memory tier is off for them: each client
    /// keeps its own copy, and a token another instance rejected must not linger in a local tier), encrypted before they
    /// leave the process and bound to their key; the login lock is a Redis lock (<c>SET NX PX</c> with a random value,
    /// released only by its holder) when a Redis connection is given, and none otherwise (instances then share tokens
    /// but may log in at the same moment).
    /// </summary>
    public sealed class KuaHybridTokenStore : KuaTokenStore
    {
        private const byte FormatVersion = 1;

        private static readonly HybridCacheEntryOptions ReadOnly = new HybridCacheEntryOptions
        {
            Flags = HybridCacheEntryFlags.DisableLocalCache | HybridCacheEntryFlags.DisableUnderlyingData | HybridCacheEntryFlags.DisableDistributedCacheWrite,
        };

        private readonly HybridCache _cache;
        private readonly KuaDistributedTokenCacheOptions _options;
        private readonly TokenProtector _protector;
        private readonly Func<CancellationToken, Task<IConnectionMultiplexer>>? _redis;

        /// <summary>Creates the store.</summary>
        /// <param name="cache">The HybridCache (its distributed tier is where tokens go).</param>
        /// <param name="options">The key, prefix and lock timing; validated now.</param>
        /// <param name="redis">Connects to Redis for the login lock (called again after a failure), or null for no lock.</param>
        /// <param name="dataProtection">Protects tokens when <see cref="KuaDistributedTokenCacheOptions.EncryptionKey"/> is not set.</param>
        /// <exception cref="ArgumentException">The options are invalid, or tokens could not be encrypted.</exception>
        public KuaHybridTokenStore(HybridCache cache, KuaDistributedTokenCacheOptions options, Func<CancellationToken, Task<IConnectionMultiplexer>>? redis = null, IDataProtectionProvider? dataProtection = null)
        {
            _cache = cache ?? throw new ArgumentNullException(nameof(cache));
            _options = options ?? throw new ArgumentNullException(nameof(options));
            options.Validate();
            _protector = TokenProtector.Create(options, dataProtection);
            _redis = redis;
        }

        /// <inheritdoc />
        public override TimeSpan LockWait => _options.LockWait;

        /// <inheritdoc />
        public override TimeSpan PollInterval => _options.PollInterval;

        /// <inheritdoc />
        public override TimeSpan LockExpiry => _options.LockExpiry;

        /// <inheritdoc />
        public override TimeSpan RetryAfterFailure => _options.RetryAfterFailure;

        /// <inheritdoc />
        public override async ValueTask<KuaSharedToken?> GetAsync(string key, CancellationToken cancellationToken)
        {
            var cacheKey = _options.KeyPrefix + key;
            var stored = await _cache.GetOrCreateAsync<byte[]?>(cacheKey, static _ => new ValueTask<byte[]?>((byte[]?)null), ReadOnly, cancellationToken: cancellationToken).ConfigureAwait(false);
            var plaintext = stored is null ? null : _protector.Unprotect(stored, cacheKey);
            return plaintext is null ? null : Read(plaintext);
        }

        /// <inheritdoc />
        public override async ValueTask SetAsync(string key, KuaSharedToken token, CancellationToken cancellationToken)
        {
            var cacheKey = _options.KeyPrefix + key;
            var lifetime = token.ExpiresAt - DateTimeOffset.UtcNow;
            if (lifetime <= TimeSpan.Zero)
            {
                return;
            }

            var plaintext = Write(token);
            var ciphertext = _protector.Protect(plaintext, cacheKey);
            Array.Clear(plaintext);
            var entry = new HybridCacheEntryOptions { Expiration = lifetime, Flags = HybridCacheEntryFlags.DisableLocalCache };
            await _cache.SetAsync(cacheKey, ciphertext, entry, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        /// <inheritdoc />
        public override ValueTask RemoveAsync(string key, CancellationToken cancellationToken) => _cache.RemoveAsync(_options.KeyPrefix + key, cancellationToken);

        /// <inheritdoc />
        public override async ValueTask<IAsyncDisposable?> TryLockAsync(string key, CancellationToken cancellationToken)
        {
            if (_redis is null)
            {
                return NoLock.Instance;
            }

            var connection = await _redis(cancellationToken).ConfigureAwait(false);
            var database = connection.GetDatabase();
            var lockKey = new RedisKey(_options.KeyPrefix + key + ":lock");
            var holder = Guid.NewGuid().ToString("N");
            return await database.LockTakeAsync(lockKey, holder, _options.LockExpiry).ConfigureAwait(false)
                ? new RedisLock(database, lockKey, holder)
                : null;
        }

        /// <inheritdoc />
        public override string ToString() => "KuaHybridTokenStore { " + _options + ", Lock = " + (_redis is null ? "none" : "Redis") + " }";

        private static byte[] Write(KuaSharedToken token)
        {
            using var buffer = new MemoryStream();
            using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
            {
                writer.Write(FormatVersion);
                writer.Write(token.Id);
                writer.Write(token.AccessToken);
                writer.Write(token.IssuedAt.UtcTicks);
                writer.Write(token.ExpiresAt.UtcTicks);
            }

            return buffer.ToArray();
        }

        private static KuaSharedToken? Read(byte[] plaintext)
        {
            try
            {
                using var reader = new BinaryReader(new MemoryStream(plaintext), Encoding.UTF8);
                if (reader.ReadByte() != FormatVersion)
                {
                    return null;
                }

                var id = reader.ReadString();
                var accessToken = reader.ReadString();
                var issuedAt = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
                var expiresAt = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
                return new KuaSharedToken(id, accessToken, issuedAt, expiresAt);
            }
            catch (Exception ex) when (ex is EndOfStreamException || ex is ArgumentException || ex is IOException)
            {
                return null;
            }
            finally
            {
                Array.Clear(plaintext);
            }
        }

        /// <summary>Held until disposed; released only if this holder still owns it (the value is compared by Redis).</summary>
        private sealed class RedisLock : IAsyncDisposable
        {
            private readonly IDatabase _database;
            private readonly RedisKey _key;
            private readonly string _holder;

            public RedisLock(IDatabase database, RedisKey key, string holder)
            {
                _database = database;
                _key = key;
                _holder = holder;
            }

            public async ValueTask DisposeAsync() => await _database.LockReleaseAsync(_key, _holder).ConfigureAwait(false);
        }

        private sealed class NoLock : IAsyncDisposable
        {
            public static readonly NoLock Instance = new NoLock();

            public ValueTask DisposeAsync() => default;
        }
    }
}
