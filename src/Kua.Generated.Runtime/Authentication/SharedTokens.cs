using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Kua.Generated.Runtime.Authentication
{
    /// <summary>
    /// One token cache's side of fleet mode: before its shared login logs in, it looks in the <see cref="KuaTokenStore"/>
    /// for a token another instance fetched; otherwise it takes the store's lock and logs in for the fleet, or waits (at
    /// most <see cref="KuaTokenStore.LockWait"/>) for the instance that holds it. A token that was just rejected with 401 is
    /// removed from the store under the lock if it is still the stored one (compare-and-delete: a newer token is kept).
    /// A store that fails is logged once and skipped for <see cref="KuaTokenStore.RetryAfterFailure"/>; the login then
    /// happens here, so a store outage never fails an API call.
    /// </summary>
    internal sealed class SharedTokens
    {
        private readonly KuaTokenStore _store;
        private readonly string _key;
        private readonly TimeProvider _clock;
        private readonly ILogger _logger;

        public SharedTokens(KuaTokenStore store, string key, TimeProvider clock, ILogger logger)
        {
            _store = store;
            _key = key;
            _clock = clock;
            _logger = logger;
        }

        /// <summary>The store key (a hash), for tests.</summary>
        internal string Key => _key;

        /// <param name="cache">The cache whose login this is.</param>
        /// <param name="avoid">The token being replaced or rejected: never taken from the store again.</param>
        /// <param name="rejected">Whether <paramref name="avoid"/> was rejected with 401 (then it is removed from the store).</param>
        /// <param name="send">Sends the login's requests.</param>
        /// <param name="cancellationToken">The shared login's timeout and the client's disposal.</param>
        public async Task<AccessToken> AcquireAsync(TokenCache cache, AccessToken? avoid, bool rejected, TokenRequestSender send, CancellationToken cancellationToken)
        {
            var started = _clock.GetTimestamp();
            if (!_store.IsSkipped(started))
            {
                try
                {
                    var found = Usable(cache, await _store.GetAsync(_key, cancellationToken).ConfigureAwait(false), avoid);
                    while (found is null)
                    {
                        var held = await _store.TryLockAsync(_key, cancellationToken).ConfigureAwait(false);
                        if (held != null)
                        {
                            Recovered();
                            return await LoginUnderLockAsync(cache, held, avoid, rejected, send, cancellationToken).ConfigureAwait(false);
                        }

                        if (_clock.GetElapsedTime(started) >= _store.LockWait)
                        {
                            AuthenticationLog.SharedLockWaitExpired(_logger, _store.LockWait);
                            break;
                        }

                        await AsyncHelpers.Delay(_clock, _store.PollInterval, cancellationToken).ConfigureAwait(false);
                        found = Usable(cache, await _store.GetAsync(_key, cancellationToken).ConfigureAwait(false), avoid);
                    }

                    Recovered();
                    if (found != null)
                    {
                        AuthenticationLog.SharedTokenAdopted(_logger, found.ExpiresAt);
                        return cache.Adopt(found);
                    }
                }
                catch (Exception ex) when (IsStoreFailure(ex, cancellationToken))
                {
                    Failed(ex);
                }
            }

            return await cache.LoginWithRetriesAsync(send, cancellationToken).ConfigureAwait(false);
        }

        private async Task<AccessToken> LoginUnderLockAsync(TokenCache cache, IAsyncDisposable held, AccessToken? avoid, bool rejected, TokenRequestSender send, CancellationToken cancellationToken)
        {
            try
            {
                KuaSharedToken? stored = null;
                try
                {
                    // Another instance may have stored a token between the last look and the lock.
                    stored = await _store.GetAsync(_key, cancellationToken).ConfigureAwait(false);
                    if (Usable(cache, stored, avoid) is KuaSharedToken newer)
                    {
                        AuthenticationLog.SharedTokenAdopted(_logger, newer.ExpiresAt);
                        return cache.Adopt(newer);
                    }

                    if (rejected && stored != null && stored.Id == avoid!.SharedId)
                    {
                        await _store.RemoveAsync(_key, cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (IsStoreFailure(ex, cancellationToken))
                {
                    Failed(ex);
                }

                var token = await cache.LoginWithRetriesAsync(send, cancellationToken).ConfigureAwait(false);
                if (token.IsCacheable && !_store.IsSkipped(_clock.GetTimestamp()))
                {
                    try
                    {
                        var issuedAt = _clock.GetUtcNow() - _clock.GetElapsedTime(token.SentAt);
                        await _store.SetAsync(_key, new KuaSharedToken(token.SharedId, token.Value, issuedAt, issuedAt + token.Lifetime), cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (IsStoreFailure(ex, cancellationToken))
                    {
                        Failed(ex);
                    }
                }

                return token;
            }
            finally
            {
                try
                {
                    await held.DisposeAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (IsStoreFailure(ex, cancellationToken))
                {
                    // The lock expires on its own.
                    Failed(ex);
                }
            }
        }

        /// <summary>A stored token worth using: not the one being replaced, and not yet due for refresh itself.</summary>
        private KuaSharedToken? Usable(TokenCache cache, KuaSharedToken? stored, AccessToken? avoid)
        {
            if (stored is null || (avoid != null && stored.Id == avoid.SharedId))
            {
                return null;
            }

            var lifetime = stored.ExpiresAt - stored.IssuedAt;
            var age = _clock.GetUtcNow() - stored.IssuedAt;
            return lifetime > TimeSpan.Zero && age < cache.RefreshAgeOf(lifetime) ? stored : null;
        }

        private static bool IsStoreFailure(Exception ex, CancellationToken cancellationToken) =>
            !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested) && !(ex is KuaAuthenticationException);

        private void Failed(Exception ex)
        {
            if (_store.MarkFailed(_clock.GetTimestamp(), _clock))
            {
                AuthenticationLog.SharedStoreUnavailable(_logger, ex.GetType().Name);
            }
        }

        private void Recovered()
        {
            if (_store.MarkWorking())
            {
                AuthenticationLog.SharedStoreRecovered(_logger);
            }
        }
    }
}
