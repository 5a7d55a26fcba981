using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.Serialization;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;

namespace Kua.Generated
{
    /// <summary>An API key for an <c>apiKey</c> scheme. Its text form, the debugger view and JSON never show the key.</summary>
    [DebuggerDisplay("{ToString(),nq}")]
    public sealed class KuaApiKeyCredential
    {
        /// <summary>Creates the credential.</summary>
        /// <param name="key">The key, sent as the scheme says (header, query or cookie), only to the base address's origin.</param>
        public KuaApiKeyCredential(string key)
        {
            Key = key;
        }

        /// <summary>The key.</summary>
        [JsonIgnore]
        [IgnoreDataMember]
        public string Key { get; }

        /// <summary>A credential from the key's text.</summary>
        /// <param name="key">The key.</param>
        public static implicit operator KuaApiKeyCredential(string key) => new KuaApiKeyCredential(key);

        /// <summary>Describes the credential without the key.</summary>
        /// <returns>The description.</returns>
        public override string ToString() => "KuaApiKeyCredential { Key = *** }";
    }

    /// <summary>A user name and password for an <c>http basic</c> scheme. Its text form, the debugger view and JSON never show the password.</summary>
    [DebuggerDisplay("{ToString(),nq}")]
    public sealed class KuaBasicCredential
    {
        /// <summary>Creates the credential.</summary>
        /// <param name="userName">The user name (no ':').</param>
        /// <param name="password">The password.</param>
        public KuaBasicCredential(string userName, string password)
        {
            UserName = userName;
            Password = password;
        }

        /// <summary>The user name.</summary>
        public string UserName { get; }

        /// <summary>The password.</summary>
        [JsonIgnore]
        [IgnoreDataMember]
        public string Password { get; }

        /// <summary>Describes the credential without the password.</summary>
        /// <returns>The description.</returns>
        public override string ToString() => "KuaBasicCredential { UserName = " + UserName + ", Password = *** }";
    }

    /// <summary>
    /// A bearer token the application supplies, for an <c>http bearer</c> scheme: a fixed token, or a provider asked on
    /// every request (cache in the provider; a 401 is returned as it is). Never shown by its text form or JSON.
    /// </summary>
    [DebuggerDisplay("{ToString(),nq}")]
    public sealed class KuaBearerCredential
    {
        /// <summary>A fixed token.</summary>
        /// <param name="token">The token.</param>
        public KuaBearerCredential(string token)
        {
            Token = token;
        }

        /// <summary>A token asked for on every request.</summary>
        /// <param name="tokenProvider">Returns the current token; honours the cancellation token.</param>
        public KuaBearerCredential(Func<CancellationToken, ValueTask<string>> tokenProvider)
        {
            TokenProvider = tokenProvider;
        }

        /// <summary>The fixed token, or null.</summary>
        [JsonIgnore]
        [IgnoreDataMember]
        public string? Token { get; }

        /// <summary>The provider, or null.</summary>
        [JsonIgnore]
        [IgnoreDataMember]
        public Func<CancellationToken, ValueTask<string>>? TokenProvider { get; }

        /// <summary>Describes the credential without the token.</summary>
        /// <returns>The description.</returns>
        public override string ToString() => "KuaBearerCredential { " + (TokenProvider != null ? "TokenProvider" : "Token = ***") + " }";
    }

    /// <summary>How an OAuth 2 client authenticates to the token endpoint (RFC 6749 §2.3.1).</summary>
    public enum KuaOAuth2ClientAuthentication
    {
        /// <summary>HTTP Basic with the client id and secret (<c>client_secret_basic</c>, the default every server must accept).</summary>
        Basic,

        /// <summary><c>client_id</c> and <c>client_secret</c> in the form body (<c>client_secret_post</c>).</summary>
        Body,
    }

    /// <summary>
    /// The client (and, for the password grant, the user) for an <c>oauth2</c> or <c>openIdConnect</c> scheme. With
    /// <see cref="UserName"/> set the password grant is used, otherwise client credentials. Tokens are fetched from the
    /// spec's token URL (or <see cref="TokenUrl"/>; for OpenID Connect, the discovery document's <c>token_endpoint</c>),
    /// with the scopes each operation's requirement lists (or <see cref="Scopes"/> for every operation), and a refresh
    /// token the server returns is used before the original grant. Never shows the secret or the password.
    /// </summary>
    [DebuggerDisplay("{ToString(),nq}")]
    public sealed class KuaOAuth2Credential
    {
        /// <summary>The client id.</summary>
        public string? ClientId { get; set; }

        /// <summary>The client secret (may be empty for a public client using the password grant).</summary>
        [JsonIgnore]
        [IgnoreDataMember]
        public string? ClientSecret { get; set; }

        /// <summary>The resource owner's user name: when set, the password grant is used.</summary>
        public string? UserName { get; set; }

        /// <summary>The resource owner's password (password grant).</summary>
        [JsonIgnore]
        [IgnoreDataMember]
        public string? Password { get; set; }

        /// <summary>Replaces the spec's token URL.</summary>
        public Uri? TokenUrl { get; set; }

        /// <summary>Replaces the spec's OpenID Connect discovery document address.</summary>
        public Uri? DiscoveryUrl { get; set; }

        /// <summary>When set, these scopes are requested for every operation (one token) instead of each requirement's own.</summary>
        public IList<string>? Scopes { get; set; }

        /// <summary>How the client authenticates to the token endpoint. Default: <see cref="KuaOAuth2ClientAuthentication.Basic"/>.</summary>
        public KuaOAuth2ClientAuthentication ClientAuthentication { get; set; }

        /// <summary>Describes the credential without the secret and the password.</summary>
        /// <returns>The description.</returns>
        public override string ToString() =>
            "KuaOAuth2Credential { ClientId = " + (ClientId ?? "(none)") + ", ClientSecret = " + (string.IsNullOrEmpty(ClientSecret) ? "(none)" : "***") +
            (UserName != null ? ", UserName = " + UserName + ", Password = ***" : string.Empty) + " }";
    }
}
