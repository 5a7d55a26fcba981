using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace Kua.Generated
{
    /// <summary>
    /// Where tokens are shared between instances of an application that use one account (fleet mode). The client keeps
    /// its own copy in memory: the store is asked only when that copy is missing, due for refresh or rejected, never on a
    /// request that finds a fresh token. The client holds the store's lock while it logs in, so one instance logs in for
    /// the fleet; others wait (a bounded time) for the token it writes. A store that fails is skipped for a while and the
    /// client logs in on its own: a store outage never fails an API call. Keys are hashes; implementations must encrypt
    /// the token before it leaves the process (see the Kua.Generated.Caching package).
    /// </summary>
    public abstract class KuaTokenStore
    {
        private long _unavailableUntil;

        /// <summary>The longest an instance waits for another instance's login before logging in itself. Default: 10 seconds.</summary>
        public virtual TimeSpan LockWait => TimeSpan.FromSeconds(10);

        /// <summary>How often a waiting instance looks for the token another instance is fetching. Default: 100 ms.</summary>
        public virtual TimeSpan PollInterval => TimeSpan.FromMilliseconds(100);

        /// <summary>How long the lock lives if its holder dies. Default: 30 seconds.</summary>
        public virtual TimeSpan LockExpiry => TimeSpan.FromSeconds(30);

        /// <summary>How long a store that failed is skipped before it is tried again. Default: 30 seconds.</summary>
        public virtual TimeSpan RetryAfterFailure => TimeSpan.FromSeconds(30);

        /// <summary>Reads the token stored under <paramref name="key"/>.</summary>
        /// <param name="key">The key (a hash of the account and the base address).</param>
        /// <param name="cancellationToken">Cancels the read.</param>
        /// <returns>The token, or null.</returns>
        public abstract ValueTask<KuaSharedToken?> GetAsync(string key, CancellationToken cancellationToken);

        /// <summary>Stores a token until it expires.</summary>
        /// <param name="key">The key.</param>
        /// <param name="token">The token.</param>
        /// <param name="cancellationToken">Cancels the write.</param>
        /// <returns>A task.</returns>
        public abstract ValueTask SetAsync(string key, KuaSharedToken token, CancellationToken cancellationToken);

        /// <summary>Removes the token stored under <paramref name="key"/> (called under the lock, after comparing its id).</summary>
        /// <param name="key">The key.</param>
        /// <param name="cancellationToken">Cancels the removal.</param>
        /// <returns>A task.</returns>
        public abstract ValueTask RemoveAsync(string key, CancellationToken cancellationToken);

        /// <summary>Takes the fleet-wide lock of <paramref name="key"/> for <see cref="LockExpiry"/>, if no one holds it.</summary>
        /// <param name="key">The key.</param>
        /// <param name="cancellationToken">Cancels the attempt.</param>
        /// <returns>The lock (disposing releases it), or null when another instance holds it.</returns>
        public abstract ValueTask<IAsyncDisposable?> TryLockAsync(string key, CancellationToken cancellationToken);

        /// <summary>Whether the store failed recently and is being skipped (<paramref name="now"/> is a <see cref="TimeProvider.GetTimestamp"/>).</summary>
        internal bool IsSkipped(long now) => now < Interlocked.Read(ref _unavailableUntil);

        /// <summary>Records a failure; true for the first of an outage (the one that is logged).</summary>
        internal bool MarkFailed(long now, TimeProvider clock)
        {
            var until = now + (long)(RetryAfterFailure.TotalSeconds * clock.TimestampFrequency);
            return Interlocked.Exchange(ref _unavailableUntil, until) == 0;
        }

        /// <summary>Records a success; true when it ends an outage.</summary>
        internal bool MarkWorking() => Interlocked.Exchange(ref _unavailableUntil, 0) != 0;
    }

    /// <summary>A token as instances share it: its id (compared before a rejected token is removed), its value and its lifetime on the wall clock.</summary>
    [DebuggerDisplay("{ToString(),nq}")]
    public sealed class KuaSharedToken
    {
        /// <summary>Creates the token.</summary>
        /// <param name="id">A random id, unique per login.</param>
        /// <param name="accessToken">The token.</param>
        /// <param name="issuedAt">When the login was sent.</param>
        /// <param name="expiresAt">When it stops being good.</param>
        public KuaSharedToken(string id, string accessToken, DateTimeOffset issuedAt, DateTimeOffset expiresAt)
        {
            Id = id ?? throw new ArgumentNullException(nameof(id));
            AccessToken = accessToken ?? throw new ArgumentNullException(nameof(accessToken));
            IssuedAt = issuedAt;
            ExpiresAt = expiresAt;
        }

        /// <summary>The login's id.</summary>
        public string Id { get; }

        /// <summary>The token.</summary>
        public string AccessToken { get; }

        /// <summary>When the login was sent.</summary>
        public DateTimeOffset IssuedAt { get; }

        /// <summary>When the token stops being good.</summary>
        public DateTimeOffset ExpiresAt { get; }

        /// <summary>Describes the token without its value.</summary>
        /// <returns>The description.</returns>
        public override string ToString() => "KuaSharedToken { Id = " + Id + ", AccessToken = ***, ExpiresAt = " + ExpiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture) + " }";
    }
}
