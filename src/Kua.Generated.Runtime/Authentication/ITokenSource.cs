using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Kua.Generated.Runtime.Authentication
{
    /// <summary>Sends a request a token source makes (straight to the network handler: nothing below it retries or follows redirects).</summary>
    internal delegate Task<HttpResponseMessage> TokenRequestSender(HttpRequestMessage request, CancellationToken cancellationToken);

    /// <summary>
    /// Where tokens come from: one attempt to get one, turned into a <see cref="TokenGrant"/> or a
    /// <see cref="KuaAuthenticationException"/>. Everything around an attempt (single flight, the refresh window,
    /// retries, cooldowns, the 401 retry) is the <see cref="TokenCache"/>'s, the same for every source.
    /// </summary>
    internal interface ITokenSource
    {
        /// <summary>The operation that gets tokens, named in logs, metrics and exceptions.</summary>
        string OperationId { get; }

        /// <summary>Where the source sends its requests.</summary>
        Uri Address { get; }

        /// <summary>One attempt, never retried here.</summary>
        /// <param name="send">Sends the attempt's request.</param>
        /// <param name="cancellationToken">The shared login's timeout and the client's disposal.</param>
        /// <returns>The token; the cache adds it to the client's <see cref="KnownSecrets"/>.</returns>
        /// <exception cref="KuaAuthenticationException">
        /// The attempt failed (with the client's secrets scrubbed from what it keeps of the reply);
        /// <see cref="KuaAuthenticationException.IsTransient"/> says whether another attempt may help.
        /// </exception>
        Task<TokenGrant> RequestTokenAsync(TokenRequestSender send, CancellationToken cancellationToken);
    }

    /// <summary>A usable token and the lifetime it will be trusted for.</summary>
    internal readonly struct TokenGrant
    {
        public TokenGrant(string accessToken, TimeSpan lifetime, bool isCacheable)
        {
            AccessToken = accessToken;
            Lifetime = lifetime;
            IsCacheable = isCacheable;
        }

        public string AccessToken { get; }

        /// <summary>The lifetime, after capping (zero when the token cannot be cached).</summary>
        public TimeSpan Lifetime { get; }

        /// <summary>False when the source said the token lives zero seconds or less: it serves only the callers that waited for it.</summary>
        public bool IsCacheable { get; }

        public override string ToString() => "TokenGrant { AccessToken = " + KnownSecrets.Mask + " }";
    }
}
