using System;
using System.ComponentModel;

namespace Kua.Generated
{
    /// <summary>The kinds of security scheme the runtime serves.</summary>
    public enum KuaSecuritySchemeKind
    {
        /// <summary>An API key in a header, the query or a cookie (<c>type: apiKey</c>).</summary>
        ApiKey,

        /// <summary>HTTP Basic (<c>type: http, scheme: basic</c>).</summary>
        Basic,

        /// <summary>A bearer token the application supplies (<c>type: http, scheme: bearer</c>).</summary>
        Bearer,

        /// <summary>OAuth 2 client credentials or password grants, with refresh tokens (<c>type: oauth2</c>).</summary>
        OAuth2,

        /// <summary>OpenID Connect discovery, then client credentials (<c>type: openIdConnect</c>).</summary>
        OpenIdConnect,

        /// <summary>The Kua login: the operation marked <c>x-kua-token-endpoint</c> issues bearer tokens for an <c>http bearer</c> scheme.</summary>
        KuaLogin,
    }

    /// <summary>Where an API key goes.</summary>
    public enum KuaApiKeyLocation
    {
        /// <summary>A request header.</summary>
        Header,

        /// <summary>A query parameter (redacted from logs and exceptions).</summary>
        Query,

        /// <summary>A cookie.</summary>
        Cookie,
    }

    /// <summary>One security scheme of a spec (<c>components.securitySchemes</c>), as generated code describes it.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class KuaSecurityScheme
    {
        private KuaSecurityScheme(string name, KuaSecuritySchemeKind kind)
        {
            Name = string.IsNullOrEmpty(name) ? throw new ArgumentException("A scheme name is required.", nameof(name)) : name;
            Kind = kind;
        }

        /// <summary>The scheme's key in the spec.</summary>
        public string Name { get; }

        /// <summary>What kind of scheme it is.</summary>
        public KuaSecuritySchemeKind Kind { get; }

        /// <summary>An API key's header, query parameter or cookie name.</summary>
        public string? ParameterName { get; private set; }

        /// <summary>Where an API key goes.</summary>
        public KuaApiKeyLocation Location { get; private set; }

        /// <summary>The token URL of an OAuth 2 <c>clientCredentials</c> flow (relative to the base address when not absolute), when the spec declares one.</summary>
        public string? ClientCredentialsTokenUrl { get; private set; }

        /// <summary>The token URL of an OAuth 2 <c>password</c> flow, when the spec declares one.</summary>
        public string? PasswordTokenUrl { get; private set; }

        /// <summary>An OpenID Connect discovery document's address.</summary>
        public string? DiscoveryUrl { get; private set; }

        /// <summary>The Kua login operation.</summary>
        public KuaTokenEndpoint? TokenEndpoint { get; private set; }

        /// <summary>An API key scheme.</summary>
        /// <param name="name">The scheme's key.</param>
        /// <param name="parameterName">The header, query parameter or cookie name.</param>
        /// <param name="location">Where the key goes.</param>
        /// <returns>The scheme.</returns>
        public static KuaSecurityScheme ApiKey(string name, string parameterName, KuaApiKeyLocation location) =>
            new KuaSecurityScheme(name, KuaSecuritySchemeKind.ApiKey)
            {
                ParameterName = string.IsNullOrEmpty(parameterName) ? throw new ArgumentException("An API key needs a parameter name.", nameof(parameterName)) : parameterName,
                Location = location,
            };

        /// <summary>An HTTP Basic scheme.</summary>
        /// <param name="name">The scheme's key.</param>
        /// <returns>The scheme.</returns>
        public static KuaSecurityScheme Basic(string name) => new KuaSecurityScheme(name, KuaSecuritySchemeKind.Basic);

        /// <summary>An HTTP bearer scheme whose token the application supplies.</summary>
        /// <param name="name">The scheme's key.</param>
        /// <returns>The scheme.</returns>
        public static KuaSecurityScheme Bearer(string name) => new KuaSecurityScheme(name, KuaSecuritySchemeKind.Bearer);

        /// <summary>An OAuth 2 scheme.</summary>
        /// <param name="name">The scheme's key.</param>
        /// <param name="clientCredentialsTokenUrl">The <c>clientCredentials</c> flow's token URL, or null.</param>
        /// <param name="passwordTokenUrl">The <c>password</c> flow's token URL, or null.</param>
        /// <returns>The scheme.</returns>
        public static KuaSecurityScheme OAuth2(string name, string? clientCredentialsTokenUrl, string? passwordTokenUrl) =>
            new KuaSecurityScheme(name, KuaSecuritySchemeKind.OAuth2)
            {
                ClientCredentialsTokenUrl = clientCredentialsTokenUrl,
                PasswordTokenUrl = passwordTokenUrl,
            };

        /// <summary>An OpenID Connect scheme.</summary>
        /// <param name="name">The scheme's key.</param>
        /// <param name="discoveryUrl">The discovery document (<c>openIdConnectUrl</c>).</param>
        /// <returns>The scheme.</returns>
        public static KuaSecurityScheme OpenIdConnect(string name, string? discoveryUrl) =>
            new KuaSecurityScheme(name, KuaSecuritySchemeKind.OpenIdConnect) { DiscoveryUrl = discoveryUrl };

        /// <summary>The Kua login serving a bearer scheme.</summary>
        /// <param name="name">The scheme's key.</param>
        /// <param name="endpoint">The login operation.</param>
        /// <returns>The scheme.</returns>
        public static KuaSecurityScheme KuaLogin(string name, KuaTokenEndpoint endpoint) =>
            new KuaSecurityScheme(name, KuaSecuritySchemeKind.KuaLogin) { TokenEndpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint)) };

        /// <inheritdoc />
        public override string ToString() => Name + " (" + Kind + ")";
    }
}
