using System;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kua.Generated.Runtime.Authentication
{
    /// <summary>
    /// A validated, immutable copy of <see cref="KuaClientOptions"/>: later changes to the options object do not
    /// reach a running client, and every value is checked once.
    /// </summary>
    [DebuggerDisplay("{ToString(),nq}")]
    internal sealed class TokenSettings
    {
        private static readonly TimeSpan MaxAllowedLifetime = TimeSpan.FromDays(365);

        private TokenSettings(KuaClientOptions options, Uri baseAddress, ILoggerFactory loggerFactory)
        {
            BaseAddress = baseAddress;
            AllowInsecureLoopback = options.AllowInsecureLoopback;
            TimeProvider = options.TimeProvider;
            LoginTimeout = options.LoginTimeout;
            DefaultTokenLifetime = options.DefaultTokenLifetime;
            MaxTokenLifetime = options.MaxTokenLifetime;
            RefreshWindow = options.RefreshWindow;
            MinimumLoginInterval = options.MinimumLoginInterval;
            LoginFailureCooldown = options.LoginFailureCooldown;
            MaxLoginFailureCooldown = options.MaxLoginFailureCooldown;
            RejectedLoginCooldown = options.RejectedLoginCooldown;
            MaxLoginRetries = options.MaxLoginRetries;
            MaxLoginRetryDelay = options.MaxLoginRetryDelay;
            MaxAccessTokenLength = options.MaxAccessTokenLength;
            MaxReplayBufferSize = options.MaxReplayBufferSize;
            MaxRedirects = options.MaxRedirects;
            LoggerFactory = loggerFactory;
        }

        public Uri BaseAddress { get; }

        public bool AllowInsecureLoopback { get; }

        public TimeProvider TimeProvider { get; }

        public TimeSpan LoginTimeout { get; }

        public TimeSpan DefaultTokenLifetime { get; }

        public TimeSpan MaxTokenLifetime { get; }

        public TimeSpan RefreshWindow { get; }

        public TimeSpan MinimumLoginInterval { get; }

        public TimeSpan LoginFailureCooldown { get; }

        public TimeSpan MaxLoginFailureCooldown { get; }

        public TimeSpan RejectedLoginCooldown { get; }

        public int MaxLoginRetries { get; }

        public TimeSpan MaxLoginRetryDelay { get; }

        public int MaxAccessTokenLength { get; }

        public long MaxReplayBufferSize { get; }

        public int MaxRedirects { get; }

        public ILoggerFactory LoggerFactory { get; }

        /// <summary>Validates <paramref name="options"/> and copies them.</summary>
        /// <exception cref="ArgumentException">A value is missing or out of range, or the base address is not allowed.</exception>
        public static TokenSettings Create(KuaClientOptions options, Uri? defaultBaseAddress, ILoggerFactory? fallbackLoggerFactory)
        {
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            var baseAddress = options.BaseAddress ?? defaultBaseAddress ?? throw new ArgumentException("KuaClientOptions.BaseAddress is not set and the spec declares no server URL.", nameof(options));
            if (!baseAddress.IsAbsoluteUri)
            {
                throw new ArgumentException("KuaClientOptions.BaseAddress must be an absolute URI.", nameof(options));
            }

            if (!TransportSecurity.IsAllowed(baseAddress, options.AllowInsecureLoopback))
            {
                throw new ArgumentException(TransportSecurity.DescribeRefusal(baseAddress, options.AllowInsecureLoopback), nameof(options));
            }

            if (options.TimeProvider is null)
            {
                throw new ArgumentException("KuaClientOptions.TimeProvider must not be null.", nameof(options));
            }

            Positive(options.LoginTimeout, nameof(KuaClientOptions.LoginTimeout));
            Positive(options.DefaultTokenLifetime, nameof(KuaClientOptions.DefaultTokenLifetime));
            Positive(options.MaxTokenLifetime, nameof(KuaClientOptions.MaxTokenLifetime));
            if (options.MaxTokenLifetime > MaxAllowedLifetime)
            {
                throw new ArgumentException("KuaClientOptions.MaxTokenLifetime must not exceed 365 days.", nameof(options));
            }

            NotNegative(options.RefreshWindow, nameof(KuaClientOptions.RefreshWindow));
            NotNegative(options.MinimumLoginInterval, nameof(KuaClientOptions.MinimumLoginInterval));
            NotNegative(options.LoginFailureCooldown, nameof(KuaClientOptions.LoginFailureCooldown));
            NotNegative(options.MaxLoginFailureCooldown, nameof(KuaClientOptions.MaxLoginFailureCooldown));
            NotNegative(options.RejectedLoginCooldown, nameof(KuaClientOptions.RejectedLoginCooldown));
            NotNegative(options.MaxLoginRetryDelay, nameof(KuaClientOptions.MaxLoginRetryDelay));
            if (options.MaxLoginRetries < 0 || options.MaxRedirects < 0 || options.MaxReplayBufferSize < 0)
            {
                throw new ArgumentException("KuaClientOptions.MaxLoginRetries, MaxRedirects and MaxReplayBufferSize must not be negative.", nameof(options));
            }

            if (options.MaxAccessTokenLength < 1)
            {
                throw new ArgumentException("KuaClientOptions.MaxAccessTokenLength must be positive.", nameof(options));
            }

            return new TokenSettings(options, WithTrailingSlash(baseAddress), options.LoggerFactory ?? fallbackLoggerFactory ?? NullLoggerFactory.Instance);
        }

        public override string ToString() => "TokenSettings { BaseAddress = " + BaseAddress + " }";

        private static Uri WithTrailingSlash(Uri uri)
        {
            var text = uri.GetLeftPart(UriPartial.Path);
            return text.EndsWith("/", StringComparison.Ordinal) ? new Uri(text) : new Uri(text + "/");
        }

        private static void Positive(TimeSpan value, string name)
        {
            if (value <= TimeSpan.Zero)
            {
                throw new ArgumentException("KuaClientOptions." + name + " must be positive.", "options");
            }
        }

        private static void NotNegative(TimeSpan value, string name)
        {
            if (value < TimeSpan.Zero)
            {
                throw new ArgumentException("KuaClientOptions." + name + " must not be negative.", "options");
            }
        }
    }
}
