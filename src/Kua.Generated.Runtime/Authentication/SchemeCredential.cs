using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Kua.Generated.Runtime.Authentication
{
    /// <summary>
    /// The credential the options hold for one security scheme, checked once: what it attaches (a fixed value, a token
    /// provider, or tokens from a source), the secrets to scrub, and who it authenticates (for the shared token's key).
    /// </summary>
    internal sealed class SchemeCredential
    {
        private readonly KuaSecurityScheme _scheme;
        private readonly Func<TokenSettings, string[], KnownSecrets, ILogger, ITokenSource>? _createSource;
        private readonly IList<string>? _fixedScopes;

        private SchemeCredential(
            KuaSecurityScheme scheme,
            string[] secrets,
            string identity,
            FixedCredential? fixedCredential = null,
            Func<CancellationToken, ValueTask<string>>? provider = null,
            Func<TokenSettings, string[], KnownSecrets, ILogger, ITokenSource>? createSource = null,
            IList<string>? fixedScopes = null)
        {
            _scheme = scheme;
            Secrets = secrets;
            Identity = identity;
            Fixed = fixedCredential;
            Provider = provider;
            _createSource = createSource;
            _fixedScopes = fixedScopes;
        }

        public string[] Secrets { get; }

        /// <summary>Who the credential authenticates, hashed into the shared token's key.</summary>
        public string Identity { get; }

        public FixedCredential? Fixed { get; }

        public Func<CancellationToken, ValueTask<string>>? Provider { get; }

        /// <summary>Whether it sends an Authorization header (only one such scheme of a requirement is sent).</summary>
        public bool UsesAuthorization => _scheme.Kind != KuaSecuritySchemeKind.ApiKey ||
                                         (_scheme.Location == KuaApiKeyLocation.Header && string.Equals(_scheme.ParameterName, "Authorization", StringComparison.OrdinalIgnoreCase));

        /// <summary>The scopes tokens are requested with: the credential's own, or the requirement's, sorted and distinct.</summary>
        public string[] ScopesFor(IReadOnlyList<string> requirementScopes) =>
            (_fixedScopes ?? (IEnumerable<string>)requirementScopes).Where(s => !string.IsNullOrWhiteSpace(s)).Distinct(StringComparer.Ordinal).OrderBy(s => s, StringComparer.Ordinal).ToArray();

        public ITokenSource CreateSource(TokenSettings settings, string[] scopes, KnownSecrets secrets, ILogger logger) => _createSource!(settings, scopes, secrets, logger);

        /// <summary>The scheme's credential from <paramref name="options"/>, or null when none is set.</summary>
        /// <exception cref="ArgumentException">The credential is of the wrong kind, incomplete or unsafe.</exception>
        public static SchemeCredential? Read(KuaSecurityScheme scheme, KuaClientOptions options, TokenSettings settings)
        {
            options.Credentials.TryGetValue(scheme.Name, out var value);
            switch (scheme.Kind)
            {
                case KuaSecuritySchemeKind.KuaLogin:
                    return ReadKuaLogin(scheme, options, settings);
                case KuaSecuritySchemeKind.ApiKey:
                    return value is null ? null : ReadApiKey(scheme, Expect<KuaApiKeyCredential>(scheme, value));
                case KuaSecuritySchemeKind.Basic:
                    return value is null ? null : ReadBasic(scheme, Expect<KuaBasicCredential>(scheme, value));
                case KuaSecuritySchemeKind.Bearer:
                    return value is null ? null : ReadBearer(scheme, Expect<KuaBearerCredential>(scheme, value));
                default:
                    return value is null ? null : ReadOAuth2(scheme, Expect<KuaOAuth2Credential>(scheme, value), settings);
            }
        }

        private static SchemeCredential? ReadKuaLogin(KuaSecurityScheme scheme, KuaClientOptions options, TokenSettings settings)
        {
            if (options.Email is null && options.Password is null)
            {
                return null;
            }

            if (string.IsNullOrWhiteSpace(options.Email))
            {
                throw new ArgumentException("KuaClientOptions.Email is required.", nameof(options));
            }

            if (string.IsNullOrEmpty(options.Password))
            {
                throw new ArgumentException("KuaClientOptions.Password is required.", nameof(options));
            }

            var email = options.Email!;
            var password = options.Password!;
            var endpoint = scheme.TokenEndpoint!;

            // Checked now, not at the first call: the login goes to the base address.
            TransportSecurity.EnsureAllowedOrThrowArgument(new Uri(settings.BaseAddress, endpoint.Path), settings.AllowInsecureLoopback);
            return new SchemeCredential(
                scheme,
                new[] { password },
                "kua-login\n" + endpoint.Path + "\n" + email,
                createSource: (s, _, secrets, logger) => new KuaLoginSource(s, endpoint, email, password, secrets, logger));
        }

        private static SchemeCredential ReadApiKey(KuaSecurityScheme scheme, KuaApiKeyCredential credential)
        {
            var key = Required(credential.Key, scheme, "key");
            EnsureHeaderSafe(key, scheme, "key");
            var name = scheme.ParameterName!;
            var fixedCredential = scheme.Location == KuaApiKeyLocation.Query ? FixedCredential.Query(name, key)
                : scheme.Location == KuaApiKeyLocation.Cookie ? FixedCredential.Cookie(name, key)
                : FixedCredential.Header(name, key);
            return new SchemeCredential(scheme, new[] { key }, "api-key", fixedCredential);
        }

        private static SchemeCredential ReadBasic(KuaSecurityScheme scheme, KuaBasicCredential credential)
        {
            var user = Required(credential.UserName, scheme, "user name");
            if (user.IndexOf(':') >= 0)
            {
                throw new ArgumentException("The user name of '" + scheme.Name + "' must not contain ':' (HTTP Basic separates it from the password with one).", "options");
            }

            var password = credential.Password ?? string.Empty;
            EnsureHeaderSafe(user + password, scheme, "user name and password");
            var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));
            return new SchemeCredential(scheme, new[] { password, encoded }, "basic\n" + user, FixedCredential.Header("Authorization", "Basic " + encoded));
        }

        private static SchemeCredential ReadBearer(KuaSecurityScheme scheme, KuaBearerCredential credential)
        {
            if (credential.TokenProvider != null)
            {
                return new SchemeCredential(scheme, Array.Empty<string>(), "bearer-provider", provider: credential.TokenProvider);
            }

            var token = Required(credential.Token, scheme, "token");
            var problem = TokenRules.DescribeProblem(token, int.MaxValue);
            if (problem != null)
            {
                throw new ArgumentException("The token of '" + scheme.Name + "' " + problem + ".", "options");
            }

            return new SchemeCredential(scheme, new[] { token }, "bearer", FixedCredential.Header("Authorization", "Bearer " + token));
        }

        private static SchemeCredential ReadOAuth2(KuaSecurityScheme scheme, KuaOAuth2Credential credential, TokenSettings settings)
        {
            var clientId = Required(credential.ClientId, scheme, "ClientId");
            var password = credential.UserName != null;
            if (!password && string.IsNullOrEmpty(credential.ClientSecret))
            {
                throw new ArgumentException("The ClientSecret of '" + scheme.Name + "' is required for the client credentials grant (set UserName and Password for the password grant).", "options");
            }

            if (password && string.IsNullOrEmpty(credential.Password))
            {
                throw new ArgumentException("The Password of '" + scheme.Name + "' is required with a UserName (password grant).", "options");
            }

            Uri? tokenUri = null;
            Uri? discoveryUri = null;
            if (scheme.Kind == KuaSecuritySchemeKind.OpenIdConnect)
            {
                discoveryUri = credential.DiscoveryUrl ?? Resolve(scheme.DiscoveryUrl, settings) ??
                    throw new ArgumentException("'" + scheme.Name + "' has no OpenID Connect discovery URL: set DiscoveryUrl.", "options");
                TransportSecurity.EnsureAllowedOrThrowArgument(discoveryUri, settings.AllowInsecureLoopback);
            }
            else
            {
                var specUrl = password ? scheme.PasswordTokenUrl ?? scheme.ClientCredentialsTokenUrl : scheme.ClientCredentialsTokenUrl ?? scheme.PasswordTokenUrl;
                tokenUri = credential.TokenUrl ?? Resolve(specUrl, settings) ??
                    throw new ArgumentException("'" + scheme.Name + "' has no token URL for the " + (password ? "password" : "client credentials") + " grant: set TokenUrl.", "options");
                TransportSecurity.EnsureAllowedOrThrowArgument(tokenUri, settings.AllowInsecureLoopback);
            }

            var secrets = new List<string>();
            if (!string.IsNullOrEmpty(credential.ClientSecret))
            {
                secrets.Add(credential.ClientSecret!);
            }

            if (!string.IsNullOrEmpty(credential.Password))
            {
                secrets.Add(credential.Password!);
            }

            var copy = new KuaOAuth2Credential
            {
                ClientId = clientId,
                ClientSecret = credential.ClientSecret,
                UserName = credential.UserName,
                Password = credential.Password,
                ClientAuthentication = credential.ClientAuthentication,
            };
            var scopes = credential.Scopes?.ToArray();
            return new SchemeCredential(
                scheme,
                secrets.ToArray(),
                "oauth2\n" + (tokenUri ?? discoveryUri) + "\n" + clientId + "\n" + credential.UserName,
                createSource: (s, requested, known, logger) => new OAuth2TokenSource(s, scheme.Name, tokenUri, discoveryUri, copy, requested, known, logger),
                fixedScopes: scopes);
        }

        /// <summary>A spec URL, relative ones resolved against the base address as OpenAPI says (on Unix, "/x" would parse as an absolute file URI).</summary>
        private static Uri? Resolve(string? url, TokenSettings settings) =>
            string.IsNullOrEmpty(url) ? null
            : Uri.TryCreate(url, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps) ? absolute
            : new Uri(settings.BaseAddress, url!);

        private static T Expect<T>(KuaSecurityScheme scheme, object value)
            where T : class =>
            value as T ?? throw new ArgumentException("The credentials of '" + scheme.Name + "' must be a " + typeof(T).Name + ", not a " + value.GetType().Name + ".", "options");

        private static string Required(string? value, KuaSecurityScheme scheme, string what) =>
            string.IsNullOrEmpty(value) ? throw new ArgumentException("The " + what + " of '" + scheme.Name + "' is required.", "options") : value!;

        private static void EnsureHeaderSafe(string value, KuaSecurityScheme scheme, string what)
        {
            foreach (var c in value)
            {
                if (c < ' ' || c == '\u007f')
                {
                    throw new ArgumentException("The " + what + " of '" + scheme.Name + "' contains control characters (a line break would inject HTTP headers).", "options");
                }
            }
        }
    }
}
