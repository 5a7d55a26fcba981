using System.Threading.Tasks;

namespace Kua.Generated.Runtime.Authentication
{
    /// <summary>
    /// Everything a <see cref="TokenCache"/> knows at one moment, immutable: every change makes a new state, written by
    /// one assignment under the cache's lock and read without it. A reader therefore sees one whole state, never half
    /// of a transition.
    /// </summary>
    /// <param name="Token">The cached token, or null.</param>
    /// <param name="Flight">The shared login in flight, or null.</param>
    /// <param name="Failure">The last failed login while it is remembered (its cooldown may have passed), or null.</param>
    /// <param name="ConsecutiveFailures">Failed logins since the last success (the cooldown doubles with each).</param>
    /// <param name="Generation">Tokens issued so far: the number of the newest.</param>
    /// <param name="LastLoginSentAt">When the last login attempt was sent (<see cref="System.TimeProvider.GetTimestamp"/>).</param>
    /// <param name="ThrottleNextLogin">Whether the next login must wait for the minimum interval: the last token could not be cached, or was rejected.</param>
    /// <param name="Disposed">Whether the cache was disposed.</param>
    /// <param name="Rejected">The last token the API rejected with 401 until a new one comes: a shared store must not hand it back.</param>
    internal sealed record TokenCacheState(
        AccessToken? Token,
        TokenCacheState.LoginFlight? Flight,
        TokenCacheState.LoginFailure? Failure,
        int ConsecutiveFailures,
        int Generation,
        long LastLoginSentAt,
        bool ThrottleNextLogin,
        bool Disposed,
        AccessToken? Rejected)
    {
        public static readonly TokenCacheState Initial = new TokenCacheState(null, null, null, 0, 0, 0, false, false, null);

        /// <summary>One shared login; every waiter awaits <see cref="Task"/>.</summary>
        internal sealed class LoginFlight
        {
            private readonly TaskCompletionSource<AccessToken> _completion = new TaskCompletionSource<AccessToken>(TaskCreationOptions.RunContinuationsAsynchronously);

            public LoginFlight(string reason, AccessToken? replacing, long startedAt)
            {
                Reason = reason;
                Replacing = replacing;
                StartedAt = startedAt;
            }

            public string Reason { get; }

            /// <summary>The token a background refresh replaces (it stays in use meanwhile); null for a login callers wait for.</summary>
            public AccessToken? Replacing { get; }

            public bool Background => Replacing != null;

            /// <summary>When the flight started (<see cref="System.TimeProvider.GetTimestamp"/>), for its duration.</summary>
            public long StartedAt { get; }

            public Task<AccessToken> Task => _completion.Task;

            public void Succeed(AccessToken token) => _completion.TrySetResult(token);

            public void Fail(System.Exception exception)
            {
                _completion.TrySetException(exception);

                // Nobody may be waiting (all callers cancelled, or it was a background refresh).
                AsyncHelpers.Observe(_completion.Task);
            }
        }

        /// <summary>A failed login remembered for its cooldown; callers in that time get the same exception.</summary>
        internal sealed class LoginFailure
        {
            public LoginFailure(KuaAuthenticationException exception, long failedAt, System.TimeSpan cooldown)
            {
                FailedAt = failedAt;
                Cooldown = cooldown;
                Task = System.Threading.Tasks.Task.FromException<AccessToken>(exception);
                AsyncHelpers.Observe(Task);
            }

            public long FailedAt { get; }

            public System.TimeSpan Cooldown { get; }

            public Task<AccessToken> Task { get; }
        }
    }
}
