using System;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Kua.Generated.Runtime.Authentication
{
    /// <summary>
    /// The token code's metrics on the meter <see cref="MeterName"/>, beside the traces of <see cref="AuthenticationLog"/>.
    /// Attribute names follow the OpenTelemetry semantic conventions where one exists (<c>server.address</c>,
    /// <c>server.port</c>, <c>error.type</c>); durations are histograms in seconds, as the conventions ask.
    /// Nothing here is recorded on a request that finds a fresh token.
    /// </summary>
    internal static class AuthenticationMetrics
    {
        /// <summary>The meter's name.</summary>
        public const string MeterName = "Kua.Generated";

        public const string Logins = "kua.client.logins";
        public const string LoginDuration = "kua.client.login.duration";
        public const string Refreshes = "kua.client.token.refreshes";
        public const string UnauthorizedRetries = "kua.client.unauthorized_retries";
        public const string CooldownHits = "kua.client.login.cooldown_hits";

        /// <summary>A login's outcome: <c>success</c>, or the failure (the same value as <c>error.type</c>).</summary>
        public const string OutcomeTag = "kua.login.outcome";

        public const string OperationTag = "kua.operation_id";

        /// <summary>The client's one meter; other parts of the runtime (tolerant reading) add their instruments to it.</summary>
        internal static readonly Meter Meter = new Meter(MeterName, typeof(AuthenticationMetrics).Assembly.GetName().Version?.ToString());

        private static readonly Counter<long> LoginCounter = Meter.CreateCounter<long>(Logins, "{login}", "Shared logins (one for any number of waiting callers), by outcome.");

        private static readonly Histogram<double> LoginDurationHistogram = Meter.CreateHistogram<double>(LoginDuration, "s", "How long a shared login took, its retries and their waits included.");

        private static readonly Counter<long> RefreshCounter = Meter.CreateCounter<long>(Refreshes, "{refresh}", "Background logins started while the current token stayed in use.");

        private static readonly Counter<long> UnauthorizedRetryCounter = Meter.CreateCounter<long>(UnauthorizedRetries, "{request}", "Requests sent again with a fresh token after the API answered 401.");

        private static readonly Counter<long> CooldownHitCounter = Meter.CreateCounter<long>(CooldownHits, "{call}", "Calls that got a remembered login failure at once, without a new attempt.");

        /// <summary>One shared login ended: <paramref name="failure"/> is null on success.</summary>
        public static void LoginCompleted(ITokenSource source, TimeSpan duration, string? failure)
        {
            var tags = Tags(source);
            tags.Add(OutcomeTag, failure ?? "success");
            if (failure != null)
            {
                tags.Add("error.type", failure);
            }

            LoginCounter.Add(1, tags);
            LoginDurationHistogram.Record(duration.TotalSeconds, tags);
        }

        public static void RefreshStarted(ITokenSource source) => RefreshCounter.Add(1, Tags(source));

        public static void UnauthorizedRetry(ITokenSource source) => UnauthorizedRetryCounter.Add(1, Tags(source));

        public static void CooldownHit(ITokenSource source) => CooldownHitCounter.Add(1, Tags(source));

        /// <summary>The name a failure goes by in <c>error.type</c> and <see cref="OutcomeTag"/>.</summary>
        public static string FailureName(Exception failure) => failure switch
        {
            KuaAuthenticationException authentication => authentication.Failure switch
            {
                KuaAuthenticationFailure.Rejected => "rejected",
                KuaAuthenticationFailure.RateLimited => "rate_limited",
                KuaAuthenticationFailure.ServiceUnavailable => "service_unavailable",
                KuaAuthenticationFailure.NetworkError => "network_error",
                KuaAuthenticationFailure.Timeout => "timeout",
                _ => "invalid_reply",
            },
            ObjectDisposedException _ => "disposed",
            _ => failure.GetType().FullName ?? "error",
        };

        private static TagList Tags(ITokenSource source)
        {
            var address = source.Address;
            return new TagList
            {
                { "server.address", address.Host },
                { "server.port", address.Port },
                { OperationTag, source.OperationId },
            };
        }
    }
}
