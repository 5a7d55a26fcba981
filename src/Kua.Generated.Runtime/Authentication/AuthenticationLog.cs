using System;
using System.Diagnostics;
using System.Net.Http;
using Kua.Generated.Runtime.Http;
using Microsoft.Extensions.Logging;

namespace Kua.Generated.Runtime.Authentication
{
    /// <summary>
    /// Every log line and trace the token code writes. Arguments are hosts, operation ids, statuses and
    /// durations only: no email, password or token ever goes into a message or a tag.
    /// </summary>
    internal static class AuthenticationLog
    {
        /// <summary>The name of the <see cref="ActivitySource"/> that traces logins.</summary>
        public const string ActivitySourceName = "Kua.Generated.Authentication";

        public static readonly ActivitySource ActivitySource = new ActivitySource(ActivitySourceName);

        /// <summary>The logger category.</summary>
        public const string Category = "Kua.Generated.Authentication";

        private static readonly Action<ILogger, string, string, string, Exception?> LoginStartingMessage =
            LoggerMessage.Define<string, string, string>(LogLevel.Debug, new EventId(1, "LoginStarting"), "Logging in to {Origin} with {OperationId} ({Reason}).");

        private static readonly Action<ILogger, string, int, TimeSpan, Exception?> LoginSucceededMessage =
            LoggerMessage.Define<string, int, TimeSpan>(LogLevel.Information, new EventId(2, "LoginSucceeded"), "Logged in to {Origin}; token #{Generation} is used for {Lifetime}.");

        private static readonly Action<ILogger, string, KuaAuthenticationFailure, int, TimeSpan, Exception?> LoginFailedMessage =
            LoggerMessage.Define<string, KuaAuthenticationFailure, int, TimeSpan>(LogLevel.Warning, new EventId(3, "LoginFailed"), "Login to {Origin} failed ({Failure}, HTTP {StatusCode}); the next attempt is allowed in {Cooldown}.");

        private static readonly Action<ILogger, int, string, KuaAuthenticationFailure, int, TimeSpan, Exception?> LoginRetryingMessage =
            LoggerMessage.Define<int, string, KuaAuthenticationFailure, int, TimeSpan>(LogLevel.Information, new EventId(4, "LoginRetrying"), "Login attempt {Attempt} to {Origin} failed ({Failure}, HTTP {StatusCode}); retrying in {Delay}.");

        private static readonly Action<ILogger, string, int, Exception?> TokenRejectedMessage =
            LoggerMessage.Define<string, int>(LogLevel.Information, new EventId(5, "TokenRejected"), "{OperationId} got HTTP 401 with token #{Generation}; logging in again and retrying once.");

        private static readonly Action<ILogger, string, Exception?> RetryImpossibleMessage =
            LoggerMessage.Define<string>(LogLevel.Warning, new EventId(6, "RetryImpossible"), "{OperationId} got HTTP 401 but its request body cannot be sent again; the 401 is returned.");

        private static readonly Action<ILogger, string, string, TimeSpan, Exception?> OddExpiryMessage =
            LoggerMessage.Define<string, string, TimeSpan>(LogLevel.Warning, new EventId(7, "OddExpiry"), "The login reply's {Field} was {Description}; the token is used for {Lifetime}.");

        private static readonly Action<ILogger, string, int, Exception?> RejectedAgainMessage =
            LoggerMessage.Define<string, int>(LogLevel.Warning, new EventId(8, "RejectedAgain"), "{OperationId} got HTTP 401 again with the fresh token #{Generation}; the 401 is returned.");

        private static readonly Action<ILogger, int, string, string, bool, Exception?> RedirectMessage =
            LoggerMessage.Define<int, string, string, bool>(LogLevel.Debug, new EventId(9, "Redirect"), "Following HTTP {StatusCode} from {From} to {To} (credentials sent: {WithCredentials}).");

        private static readonly Action<ILogger, int, Exception?> RefreshStartingMessage =
            LoggerMessage.Define<int>(LogLevel.Debug, new EventId(10, "RefreshStarting"), "Token #{Generation} is in its refresh window; one background login starts while it stays in use.");

        private static readonly Action<ILogger, int, Exception?> TokenExpiredMessage =
            LoggerMessage.Define<int>(LogLevel.Debug, new EventId(11, "TokenExpired"), "Token #{Generation} expired; callers wait for a new login.");

        private const LogLevel TokenAttachedLevel = LogLevel.Trace;

        private static readonly Action<ILogger, string, int, Exception?> TokenAttachedMessage =
            LoggerMessage.Define<string, int>(TokenAttachedLevel, new EventId(12, "TokenAttached"), "{OperationId}: attaching token #{Generation}.");

        public static void LoginStarting(ILogger logger, Uri baseAddress, string operationId, string reason) =>
            LoginStartingMessage(logger, TransportSecurity.Origin(baseAddress), operationId, reason, null);

        public static void LoginSucceeded(ILogger logger, Uri baseAddress, AccessToken token) =>
            LoginSucceededMessage(logger, TransportSecurity.Origin(baseAddress), token.Generation, token.Lifetime, null);

        public static void LoginFailed(ILogger logger, Uri baseAddress, KuaAuthenticationException exception, TimeSpan cooldown) =>
            LoginFailedMessage(logger, TransportSecurity.Origin(baseAddress), exception.Failure, exception.StatusCode, cooldown, null);

        public static void LoginRetrying(ILogger logger, int attempt, Uri baseAddress, KuaAuthenticationException exception, TimeSpan delay) =>
            LoginRetryingMessage(logger, attempt, TransportSecurity.Origin(baseAddress), exception.Failure, exception.StatusCode, delay, null);

        public static void TokenRejected(ILogger logger, string operationId, AccessToken token) =>
            TokenRejectedMessage(logger, operationId, token.Generation, null);

        public static void RetryImpossible(ILogger logger, string operationId) => RetryImpossibleMessage(logger, operationId, null);

        public static void RejectedAgain(ILogger logger, string operationId, AccessToken token) => RejectedAgainMessage(logger, operationId, token.Generation, null);

        public static void OddExpiry(ILogger logger, string field, string description, TimeSpan lifetime) => OddExpiryMessage(logger, field, description, lifetime, null);

        public static void Redirect(ILogger logger, int statusCode, Uri from, Uri to, bool withCredentials) =>
            RedirectMessage(logger, statusCode, TransportSecurity.Origin(from), TransportSecurity.Origin(to), withCredentials, null);

        public static void RefreshStarting(ILogger logger, AccessToken token) => RefreshStartingMessage(logger, token.Generation, null);

        public static void TokenExpired(ILogger logger, AccessToken token) => TokenExpiredMessage(logger, token.Generation, null);

        /// <summary>Written before the request leaves, so its address and method are still the caller's.</summary>
        public static void TokenAttached(ILogger logger, HttpRequestMessage request, AccessToken token)
        {
            // Every request passes here: its operation id is looked up (or built) only when the line is written.
            if (logger.IsEnabled(TokenAttachedLevel))
            {
                TokenAttachedMessage(logger, OperationId(request, request.RequestUri!, request.Method), token.Generation, null);
            }
        }

        /// <summary>The operation a request belongs to, for log lines: what generated code recorded, else "METHOD /path".</summary>
        public static string OperationId(HttpRequestMessage request, Uri uri, HttpMethod method) =>
            KuaRequestMarkers.GetOperationId(request) ?? method + " " + uri.AbsolutePath;
    }
}
