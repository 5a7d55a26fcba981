using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net.Http;
using System.Runtime.Serialization;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;

namespace Kua.Generated
{
    /// <summary>
    /// How a generated client reaches the API and authenticates: the base address, the account of the Kua login, and the
    /// rules for keeping tokens fresh. A client whose spec declares other security schemes gets a derived options class
    /// with one credential property per scheme. Values are read once, when the client (or its DI registration) is
    /// created, and validated then. <see cref="ToString"/>, the debugger view and JSON never show a secret.
    /// </summary>
    [DebuggerDisplay("{ToString(),nq}")]
    public class KuaClientOptions
    {
        /// <summary>The API's base address; null uses the server URL the spec declares.</summary>
        public Uri? BaseAddress { get; set; }

        private readonly Dictionary<string, object> _credentials = new Dictionary<string, object>(StringComparer.Ordinal);

        /// <summary>The account's email for the Kua login (<c>x-kua-token-endpoint</c>), sent only to the login endpoint.</summary>
        public string? Email { get; set; }

        /// <summary>The account's password for the Kua login, sent only to the login endpoint, only over HTTPS (or opted-in loopback HTTP).</summary>
        [JsonIgnore]
        [IgnoreDataMember]
        public string? Password { get; set; }

        /// <summary>
        /// Allows plain <c>http://</c> for loopback hosts, for local test servers: <c>localhost</c>, any address in
        /// <c>127.0.0.0/8</c> (<c>127.0.0.1</c>, <c>127.1.2.3</c>…), <c>[::1]</c> and <c>[::ffff:127.x.x.x]</c>. Plain HTTP to
        /// any other host is always refused, and so is a redirect to one. Default: false.
        /// </summary>
        public bool AllowInsecureLoopback { get; set; }

        /// <summary>The clock for token lifetimes, refresh windows, cooldowns and the login timeout. Default: <see cref="TimeProvider.System"/>.</summary>
        [JsonIgnore]
        [IgnoreDataMember]
        public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

        /// <summary>How long one shared login (all its attempts and waits) may take before it fails with <see cref="KuaAuthenticationFailure.Timeout"/>. Default: 30 seconds.</summary>
        public TimeSpan LoginTimeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>The lifetime assumed when a login reply says nothing about expiry. Default: 1 hour.</summary>
        public TimeSpan DefaultTokenLifetime { get; set; } = TimeSpan.FromHours(1);

        /// <summary>The longest lifetime believed from a login reply; longer ones are cut to this. Default: 24 hours.</summary>
        public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromHours(24);

        /// <summary>
        /// The longest proactive refresh window: this long before expiry (but never earlier than half the token's
        /// lifetime) one background login starts while the current token keeps being used. Default: 5 minutes.
        /// </summary>
        public TimeSpan RefreshWindow { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>
        /// The least time between the starts of two logins when the last token could not be cached (an
        /// <c>expiresIn</c> of 0 or less) or was rejected with 401, so such a server cannot drive a login per call.
        /// Normal refreshes are spaced by the refresh window instead. Default: 1 second.
        /// </summary>
        public TimeSpan MinimumLoginInterval { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>
        /// How long a failed login (rate limit, server error, network error, bad reply) is remembered: calls during
        /// this time get the same exception without a new attempt. Doubles with each consecutive failure up to
        /// <see cref="MaxLoginFailureCooldown"/>, and is at least the server's <c>Retry-After</c>. Default: 5 seconds.
        /// </summary>
        public TimeSpan LoginFailureCooldown { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>The longest cooldown after failed logins, <c>Retry-After</c> included. Default: 5 minutes.</summary>
        public TimeSpan MaxLoginFailureCooldown { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>
        /// How long a rejected login (HTTP 400, 401, 403: wrong email or password) is remembered. Rejections are never
        /// retried automatically, so a wrong password cannot lock the account. Default: 5 minutes.
        /// </summary>
        public TimeSpan RejectedLoginCooldown { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>
        /// How many times one login is retried after a rate limit, server or network error. This is the only retry of a
        /// login: logins go straight to the primary handler, so handlers added with dependency injection (a resilience
        /// handler among them) never see or retry them. Default: 2.
        /// </summary>
        public int MaxLoginRetries { get; set; } = 2;

        /// <summary>
        /// The longest wait before such a retry; a <c>Retry-After</c> longer than this fails the login at once
        /// (and sets the cooldown) instead of holding callers. Default: 30 seconds.
        /// </summary>
        public TimeSpan MaxLoginRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>The longest access token accepted from a login reply, in characters. Default: 16384.</summary>
        public int MaxAccessTokenLength { get; set; } = 16 * 1024;

        /// <summary>
        /// Request bodies of a known length up to this many bytes are buffered so a request can be sent again after
        /// a 401 or a 307/308 redirect. Larger or streamed bodies are sent once. Default: 64 KiB.
        /// </summary>
        public long MaxReplayBufferSize { get; set; } = 64 * 1024;

        /// <summary>
        /// How many redirects a call follows (the bearer token only ever goes to the base address's origin). A redirect
        /// past this, to a refused plain <c>http://</c> address, or a 307/308 whose body cannot be sent again is not
        /// followed: the caller gets the redirect reply itself (from generated code, a <see cref="KuaApiException"/> with
        /// its status). Default: 5.
        /// </summary>
        public int MaxRedirects { get; set; } = 5;

        /// <summary>
        /// How replies that break the spec are read: <see cref="KuaReadMode.Strict"/> (the default) fails the call;
        /// <see cref="KuaReadMode.Tolerant"/> reads the deviations real servers commit most and reports each one
        /// (a Warning log entry and the <c>kua.client.spec_deviations</c> counter).
        /// </summary>
        public KuaReadMode ReadMode { get; set; }

        /// <summary>
        /// Where logs go when the client is created without dependency injection. With <c>AddKuaClient</c> the
        /// container's <see cref="ILoggerFactory"/> is used instead. Nothing logged contains the password or a token.
        /// </summary>
        [JsonIgnore]
        [IgnoreDataMember]
        public ILoggerFactory? LoggerFactory { get; set; }

        /// <summary>
        /// The handler that sends requests over the network, when the client is created without dependency
        /// injection (null: a new one owned by the client). The client does not dispose it. Automatic redirects are
        /// turned off on it because the client follows redirects itself (the token goes only to its origin). With <c>AddKuaClient</c>, use
        /// <c>ConfigurePrimaryHttpMessageHandler</c> on the returned builder instead.
        /// </summary>
        [JsonIgnore]
        [IgnoreDataMember]
        public HttpMessageHandler? PrimaryHandler { get; set; }

        /// <summary>
        /// Where tokens are shared with other instances of the application (fleet mode), for a client created without
        /// dependency injection; null keeps them in this process only. With dependency injection, use
        /// <c>AddDistributedTokenCache()</c> on the builder instead.
        /// </summary>
        [JsonIgnore]
        [IgnoreDataMember]
        public KuaTokenStore? TokenStore { get; set; }

        /// <summary>The credentials set per security scheme, by the scheme's key in the spec.</summary>
        internal IReadOnlyDictionary<string, object> Credentials => _credentials;

        /// <summary>Describes the options without secrets.</summary>
        /// <returns>The base address, the email, whether a password is set, and which schemes have credentials.</returns>
        public override string ToString() =>
            GetType().Name + " { BaseAddress = " + (BaseAddress?.ToString() ?? "(spec default)") +
            ", Email = " + (Email ?? "(none)") +
            ", Password = " + (string.IsNullOrEmpty(Password) ? "(none)" : "***") +
            (_credentials.Count == 0 ? string.Empty : ", Credentials = " + string.Join(", ", _credentials.Keys)) + " }";

        /// <summary>The credential set for a security scheme (generated options classes expose one property per scheme).</summary>
        /// <typeparam name="T">The credential's type.</typeparam>
        /// <param name="scheme">The scheme's key in the spec.</param>
        /// <returns>The credential, or null.</returns>
        protected T? GetCredential<T>(string scheme)
            where T : class =>
            _credentials.TryGetValue(scheme, out var credential) ? credential as T : null;

        /// <summary>Sets or clears the credential of a security scheme.</summary>
        /// <param name="scheme">The scheme's key in the spec.</param>
        /// <param name="credential">The credential, or null to clear it.</param>
        protected void SetCredential(string scheme, object? credential)
        {
            if (credential is null)
            {
                _credentials.Remove(scheme);
            }
            else
            {
                _credentials[scheme] = credential;
            }
        }
    }
}
