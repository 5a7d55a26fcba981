using System;
using System.Diagnostics;

namespace Kua.Generated.Caching
{
    /// <summary>
    /// How a fleet shares tokens: the encryption key, the Redis lock's timing and the key prefix. Read once, when the
    /// client's registration is created. Its text form never shows the key.
    /// </summary>
    [DebuggerDisplay("{ToString(),nq}")]
    public sealed class KuaDistributedTokenCacheOptions
    {
        /// <summary>
        /// A base64 AES key of 32 bytes (for example from configuration or a secret store) that encrypts tokens before they
        /// leave the process (AES-256-GCM); every instance needs the same one. Null: ASP.NET Core Data Protection
        /// (<c>IDataProtectionProvider</c> from the container) protects them, and its keys must be shared by the fleet.
        /// </summary>
        public string? EncryptionKey { get; set; }

        /// <summary>Prepended to every key in the distributed cache and to the lock's key. Default: <c>kua:token:</c>.</summary>
        public string KeyPrefix { get; set; } = "kua:token:";

        /// <summary>The longest an instance waits for another instance's login before logging in itself. Default: 10 seconds.</summary>
        public TimeSpan LockWait { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>How often a waiting instance looks for the token. Default: 100 ms.</summary>
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

        /// <summary>How long the login lock lives if its holder dies. Default: 30 seconds.</summary>
        public TimeSpan LockExpiry { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>How long the store is skipped after it failed (the client keeps its tokens to itself meanwhile). Default: 30 seconds.</summary>
        public TimeSpan RetryAfterFailure { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>Describes the options without the key.</summary>
        /// <returns>The description.</returns>
        public override string ToString() =>
            "KuaDistributedTokenCacheOptions { EncryptionKey = " + (EncryptionKey is null ? "(Data Protection)" : "***") + ", KeyPrefix = " + KeyPrefix + " }";

        internal void Validate()
        {
            if (string.IsNullOrEmpty(KeyPrefix))
            {
                throw new ArgumentException("KuaDistributedTokenCacheOptions.KeyPrefix is required.", "options");
            }

            if (LockWait < TimeSpan.Zero || PollInterval <= TimeSpan.Zero || LockExpiry <= TimeSpan.Zero || RetryAfterFailure < TimeSpan.Zero)
            {
                throw new ArgumentException("KuaDistributedTokenCacheOptions: PollInterval and LockExpiry must be positive, LockWait and RetryAfterFailure not negative.", "options");
            }
        }
    }
}
