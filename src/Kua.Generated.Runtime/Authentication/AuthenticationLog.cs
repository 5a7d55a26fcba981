using System;
using System.Diagnostics;
using System.Net.Http;
using Kua.Generated.Runtime.Http;
using Microsoft.Extensions.Logging;

namespace Kua.Generated.Runtime.Authentication
{
    /// <summary>
    /// Every log line and trace the token code writes, through the <c>[LoggerMessage]</c> source generator. Arguments
    /// are hosts, operation ids, statuses, token numbers and durations only: no email, password or token ever goes
    /// into a message, a structured value or a tag.
    /// </summary>
    internal static partial class AuthenticationLog
    {
        /// <summary>The name of the <see cref="ActivitySource"/> that traces logins.</summary>
        public const string ActivitySourceName = "Kua.Generated.Authentication";

        /// <summary>The logger category.</summary>
        public const string Category = "Kua.Generated.Authentication";

        public static readonly ActivitySource ActivitySource = new ActivitySource(ActivitySourceName);

        public static void LoginStarting(ILogger logger, Uri address, string operationId, string reason) =>
            LoginStarting(logger, TransportSecurity.Origin(address), operationId, reason);

        public static void LoginSucceeded(ILogger logger, Uri address, AccessToken token) =>
            LoginSucceeded(logger, TransportSecurity.Origin(address), token.Generation, token.Lifetime);

        public static void LoginFailed(ILogger logger, Uri address, KuaAuthenticationException exception, TimeSpan cooldown) =>
            LoginFailed(logger, TransportSecurity.Origin(address), exception.Failure, exception.StatusCode, cooldown);

        public static void LoginRetrying(ILogger logger, int attempt, Uri address, KuaAuthenticationException exception, TimeSpan delay) =>
            LoginRetrying(logger, attempt, TransportSecurity.Origin(address), exception.Failure, exception.StatusCode, delay);

        public static void TokenRejected(ILogger logger, string operationId, AccessToken token) => TokenRejected(logger, operationId, token.Generation);

        public static void RejectedAgain(ILogger logger, string operationId, AccessToken token) => RejectedAgain(logger, operationId, token.Generation);

        public static void Redirect(ILogger logger, int statusCode, Uri from, Uri to, bool withCredentials) =>
            Redirect(logger, statusCode, TransportSecurity.Origin(from), TransportSecurity.Origin(to), withCredentials);

        public static void RedirectRefused(ILogger logger, int statusCode, Uri from, Uri to, string reason) =>
            RedirectRefused(logger, statusCode, TransportSecurity.Origin(from), TransportSecurity.Origin(to), reason);

        public static void RefreshStarting(ILogger logger, AccessToken token) => RefreshStarting(logger, token.Generation);

        public static void TokenExpired(ILogger logger, AccessToken token) => TokenExpired(logger, token.Generation);

        /// <summary>Written before the request leaves, so its address and method are still the caller's.</summary>
        public static void TokenAttached(ILogger logger, HttpRequestMessage request, AccessToken token)
        {
            // Every request passes here: its operation id is looked up (or built) only when the line is written.
            if (logger.IsEnabled(LogLevel.Trace))
            {
                TokenAttached(logger, OperationId(request, request.RequestUri!, request.Method), token.Generation);
            }
        }

        /// <summary>The operation a request belongs to, for log lines: what generated code recorded, else "METHOD /path".</summary>
        public static string OperationId(HttpRequestMessage request, Uri uri, HttpMethod method) =>
            KuaRequestMarkers.GetOperationId(request) ?? method + " " + uri.AbsolutePath;

        [LoggerMessage(1, LogLevel.Debug, "Logging in to {Origin} with {OperationId} ({Reason}).")]
        private static partial void LoginStarting(ILogger logger, string origin, string operationId, string reason);

        [LoggerMessage(2, LogLevel.Information, "Logged in to {Origin}; token #{Generation} is used for {Lifetime}.")]
        private static partial void LoginSucceeded(ILogger logger, string origin, int generation, TimeSpan lifetime);

        [LoggerMessage(3, LogLevel.Warning, "Login to {Origin} failed ({Failure}, HTTP {StatusCode}); the next attempt is allowed in {Cooldown}.")]
        private static partial void LoginFailed(ILogger logger, string origin, KuaAuthenticationFailure failure, int statusCode, TimeSpan cooldown);

        [LoggerMessage(4, LogLevel.Information, "Login attempt {Attempt} to {Origin} failed ({Failure}, HTTP {StatusCode}); retrying in {Delay}.")]
        private static partial void LoginRetrying(ILogger logger, int attempt, string origin, KuaAuthenticationFailure failure, int statusCode, TimeSpan delay);

        [LoggerMessage(5, LogLevel.Information, "{OperationId} got HTTP 401 with token #{Generation}; logging in again and retrying once.")]
        private static partial void TokenRejected(ILogger logger, string operationId, int generation);

        [LoggerMessage(6, LogLevel.Warning, "{OperationId} got HTTP 401 but its request body cannot be sent again; the 401 is returned.")]
        public static partial void RetryImpossible(ILogger logger, string operationId);

        [LoggerMessage(7, LogLevel.Warning, "The login reply's {Field} was {Description}; the token is used for {Lifetime}.")]
        public static partial void OddExpiry(ILogger logger, string field, string description, TimeSpan lifetime);

        [LoggerMessage(8, LogLevel.Warning, "{OperationId} got HTTP 401 again with the fresh token #{Generation}; the 401 is returned.")]
        private static partial void RejectedAgain(ILogger logger, string operationId, int generation);

        [LoggerMessage(9, LogLevel.Debug, "Following HTTP {StatusCode} from {From} to {To} (credentials sent: {WithCredentials}).")]
        private static partial void Redirect(ILogger logger, int statusCode, string from, string to, bool withCredentials);

        [LoggerMessage(10, LogLevel.Debug, "Token #{Generation} is in its refresh window; one background login starts while it stays in use.")]
        private static partial void RefreshStarting(ILogger logger, int generation);

        [LoggerMessage(11, LogLevel.Debug, "Token #{Generation} expired; callers wait for a new login.")]
        private static partial void TokenExpired(ILogger logger, int generation);

        [LoggerMessage(12, LogLevel.Trace, "{OperationId}: attaching token #{Generation}.")]
        private static partial void TokenAttached(ILogger logger, string operationId, int generation);

        [LoggerMessage(14, LogLevel.Information, "{OperationId}: the refresh token was rejected (HTTP {StatusCode}); trying the original grant once.")]
        public static partial void RefreshTokenRejected(ILogger logger, string operationId, int statusCode);

        [LoggerMessage(15, LogLevel.Warning, "The shared token store failed ({ExceptionType}); tokens are kept in this process until it answers again.")]
        public static partial void SharedStoreUnavailable(ILogger logger, string exceptionType);

        [LoggerMessage(16, LogLevel.Information, "The shared token store answers again; tokens are shared with the fleet.")]
        public static partial void SharedStoreRecovered(ILogger logger);

        [LoggerMessage(17, LogLevel.Debug, "Using the token another instance stored (expires {ExpiresAt:O}).")]
        public static partial void SharedTokenAdopted(ILogger logger, DateTimeOffset expiresAt);

        [LoggerMessage(18, LogLevel.Information, "Another instance held the login lock longer than {Wait}; logging in here.")]
        public static partial void SharedLockWaitExpired(ILogger logger, TimeSpan wait);

        [LoggerMessage(19, LogLevel.Warning, "{OperationId} needs credentials that are not configured: {Reason}")]
        public static partial void CredentialsMissing(ILogger logger, string operationId, string reason);

        [LoggerMessage(13, LogLevel.Warning, "Not following HTTP {StatusCode} from {From} to {To}: {Reason}; the redirect itself is returned.")]
        private static partial void RedirectRefused(ILogger logger, int statusCode, string from, string to, string reason);
    }
}
