using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Tasks;

namespace Kua.Generated.Runtime.Authentication
{
    /// <summary>
    /// A bearer token and when it stops being good, measured on the monotonic clock from the moment its login
    /// was sent (the server counts <c>expiresIn</c> from later, so this errs on the early side).
    /// Its text form never shows the token.
    /// </summary>
    [DebuggerDisplay("{ToString(),nq}")]
    internal sealed class AccessToken
    {
        public AccessToken(string value, int generation, long sentAt, TimeSpan lifetime, TimeSpan refreshAfter, TimeSpan expiresAfter, bool cacheable, string sharedId)
        {
            Value = value;
            Generation = generation;
            SentAt = sentAt;
            Lifetime = lifetime;
            RefreshAfter = refreshAfter;
            ExpiresAfter = expiresAfter;
            IsCacheable = cacheable;
            SharedId = sharedId;
            AuthorizationValue = "Bearer " + value;
            AsTask = Task.FromResult(this);
        }

        /// <summary>The token itself: goes into the Authorization header and nowhere else.</summary>
        public string Value { get; }

        /// <summary>
        /// The Authorization header's text, built once per token: attached raw (<c>TryAddWithoutValidation</c>), it costs a
        /// request nothing, where an <c>AuthenticationHeaderValue</c> costs two objects each time. The login reply's token was
        /// checked to hold only characters allowed in a header.
        /// </summary>
        public string AuthorizationValue { get; }

        /// <summary>Counts logins of one cache, for logs and tests.</summary>
        public int Generation { get; }

        /// <summary>The timestamp (<see cref="TimeProvider.GetTimestamp"/>) at which the login was sent.</summary>
        public long SentAt { get; }

        /// <summary>The lifetime the reply announced, after capping (zero when it cannot be cached).</summary>
        public TimeSpan Lifetime { get; }

        /// <summary>Age at which one background login starts while this token keeps being used.</summary>
        public TimeSpan RefreshAfter { get; }

        /// <summary>Age after which this token is no longer handed out.</summary>
        public TimeSpan ExpiresAfter { get; }

        /// <summary>False when the reply gave a lifetime of zero or less: the token serves only the callers that waited for it.</summary>
        public bool IsCacheable { get; }

        /// <summary>The login's id in a shared token store: a 401 removes the shared token only while it still has this id.</summary>
        public string SharedId { get; }

        /// <summary>A completed task with this token, so the cached path allocates nothing.</summary>
        public Task<AccessToken> AsTask { get; }

        public override string ToString() =>
            "AccessToken { Value = ***, Generation = " + Generation.ToString(CultureInfo.InvariantCulture) + ", Lifetime = " + Lifetime.ToString("c", CultureInfo.InvariantCulture) + " }";
    }
}
