using System;
using System.Collections.Generic;

namespace Kua.Generated
{
    /// <summary>Why a login failed.</summary>
    public enum KuaAuthenticationFailure
    {
        /// <summary>The server rejected the login (HTTP 400, 401, 403 or another 4xx): wrong email or password, or an invalid request. Never retried automatically.</summary>
        Rejected,

        /// <summary>The server asked the client to slow down (HTTP 429); see <see cref="KuaAuthenticationException.RetryAfter"/>.</summary>
        RateLimited,

        /// <summary>The server failed or was unavailable (HTTP 5xx or 408).</summary>
        ServiceUnavailable,

        /// <summary>No reply was received: the connection failed or broke.</summary>
        NetworkError,

        /// <summary>The login took longer than <see cref="KuaClientOptions.LoginTimeout"/>.</summary>
        Timeout,

        /// <summary>
        /// The reply was not a usable token: not JSON, no token, an empty, oversized or header-breaking token,
        /// a token type other than Bearer, or a redirect (credentials are never re-sent elsewhere).
        /// </summary>
        InvalidReply,
    }

    /// <summary>
    /// Thrown when the client cannot get a bearer token: the login failed or its reply was unusable.
    /// Every caller waiting on the same login gets the same exception. The message names the login
    /// operation and the status; it never contains the password or a token.
    /// </summary>
    public class KuaAuthenticationException : KuaApiException
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="operationId">The login operation.</param>
        /// <param name="statusCode">The HTTP status of the login reply, or 0 when there was none.</param>
        /// <param name="failure">Why the login failed.</param>
        /// <param name="message">What went wrong (must not contain secrets).</param>
        /// <param name="retryAfter">How long the server asked the client to wait, when it said.</param>
        /// <param name="responseBody">The reply body, when it is safe to keep.</param>
        /// <param name="headers">The reply headers.</param>
        /// <param name="innerException">The cause, if any.</param>
        public KuaAuthenticationException(
            string operationId,
            int statusCode,
            KuaAuthenticationFailure failure,
            string message,
            TimeSpan? retryAfter = null,
            string? responseBody = null,
            IReadOnlyDictionary<string, IReadOnlyList<string>>? headers = null,
            Exception? innerException = null)
            : base(operationId, statusCode, message, responseBody, headers, innerException)
        {
            Failure = failure;
            RetryAfter = retryAfter;
        }

        /// <summary>Why the login failed.</summary>
        public KuaAuthenticationFailure Failure { get; }

        /// <summary>How long the server asked the client to wait before the next login (<c>Retry-After</c>), when it said.</summary>
        public TimeSpan? RetryAfter { get; }

        /// <summary>Whether trying again later may succeed: rate limits, server and network errors, timeouts.</summary>
        public bool IsTransient =>
            Failure == KuaAuthenticationFailure.RateLimited ||
            Failure == KuaAuthenticationFailure.ServiceUnavailable ||
            Failure == KuaAuthenticationFailure.NetworkError ||
            Failure == KuaAuthenticationFailure.Timeout;
    }
}
