using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Kua.Generated.Runtime.Authentication
{
    /// <summary>
    /// Everything one client authenticates with, built and validated once from its options and its spec's
    /// <see cref="KuaSecurity"/>: the settings, one <see cref="KnownSecrets"/> for all its credentials and tokens, a
    /// token cache per token-issuing scheme and scope set, and a <see cref="SecurityPlan"/> per requirement set.
    /// </summary>
    [DebuggerDisplay("{ToString(),nq}")]
    internal sealed class ClientAuthentication : IDisposable
    {
        private readonly SecurityPlan[] _plans;
        private readonly List<TokenCache> _caches;

        private ClientAuthentication(TokenSettings settings, KnownSecrets secrets, ILogger logger, SecurityPlan[] plans, List<TokenCache> caches)
        {
            Settings = settings;
            Secrets = secrets;
            Logger = logger;
            _plans = plans;
            _caches = caches;
        }

        public TokenSettings Settings { get; }

        public KnownSecrets Secrets { get; }

        public ILogger Logger { get; }

        /// <summary>The token caches (one per token-issuing scheme and scope set).</summary>
        public IReadOnlyList<TokenCache> Caches => _caches;

        /// <summary>The plan of requirement set <paramref name="set"/> (0: the document's); an unknown set gets the document's.</summary>
        public SecurityPlan PlanFor(int set) => (uint)set < (uint)_plans.Length ? _plans[set] : _plans[0];

        /// <summary>Validates the options against the spec's schemes and builds the client's authentication.</summary>
        /// <exception cref="ArgumentException">An option or a credential is missing or invalid.</exception>
        public static ClientAuthentication Create(KuaClientOptions options, KuaSecurity security, Uri? defaultBaseAddress, ILoggerFactory? fallbackLoggerFactory, KuaTokenStore? store = null)
        {
            if (security is null)
            {
                throw new ArgumentNullException(nameof(security));
            }

            var settings = TokenSettings.Create(options, defaultBaseAddress, fallbackLoggerFactory);
            var logger = settings.LoggerFactory.CreateLogger(AuthenticationLog.Category);
            store ??= options.TokenStore;
            var configured = ReadCredentials(options, security, settings);
            var secrets = new KnownSecrets(configured.Values.SelectMany(c => c.Secrets).ToArray());
            var caches = new List<TokenCache>();
            var cachesByKey = new Dictionary<string, TokenCache>(StringComparer.Ordinal);
            var plans = new SecurityPlan[security.RequirementSets.Count];
            for (var i = 0; i < plans.Length; i++)
            {
                plans[i] = Plan(security.RequirementSets[i], configured, settings, secrets, logger, store, caches, cachesByKey);
            }

            return new ClientAuthentication(settings, secrets, logger, plans, caches);
        }

        public void Dispose()
        {
            foreach (var cache in _caches)
            {
                cache.Dispose();
            }
        }

        public override string ToString() => "ClientAuthentication { BaseAddress = " + Settings.BaseAddress + ", TokenCaches = " + _caches.Count + " }";

        /// <summary>The credentials the options hold for the spec's schemes, checked; schemes without credentials are left out.</summary>
        private static Dictionary<string, SchemeCredential> ReadCredentials(KuaClientOptions options, KuaSecurity security, TokenSettings settings)
        {
            var result = new Dictionary<string, SchemeCredential>(StringComparer.Ordinal);
            foreach (var scheme in security.Schemes)
            {
                var credential = SchemeCredential.Read(scheme, options, settings);
                if (credential != null)
                {
                    result.Add(scheme.Name, credential);
                }
            }

            foreach (var name in options.Credentials.Keys)
            {
                if (!security.Schemes.Any(s => s.Name == name))
                {
                    throw new ArgumentException("Credentials are set for '" + name + "', which is not a security scheme of this client.", nameof(options));
                }
            }

            if (result.Count == 0 && security.Schemes.Count > 0)
            {
                var kuaLogin = security.Schemes.Any(s => s.Kind == KuaSecuritySchemeKind.KuaLogin);
                throw new ArgumentException(
                    kuaLogin && security.Schemes.Count == 1
                        ? "KuaClientOptions.Email and Password are required (the Kua login)."
                        : "No credentials are set: set one of " + string.Join(", ", security.Schemes.Select(Describe)) + ".",
                    nameof(options));
            }

            return result;
        }

        private static string Describe(KuaSecurityScheme scheme) =>
            scheme.Kind == KuaSecuritySchemeKind.KuaLogin ? "Email and Password (" + scheme.Name + ")" : "'" + scheme.Name + "' (" + scheme.Kind + ")";

        private static SecurityPlan Plan(
            KuaSecurityRequirement[] alternatives,
            Dictionary<string, SchemeCredential> configured,
            TokenSettings settings,
            KnownSecrets secrets,
            ILogger logger,
            KuaTokenStore? store,
            List<TokenCache> caches,
            Dictionary<string, TokenCache> cachesByKey)
        {
            if (alternatives.Length == 0)
            {
                return SecurityPlan.Nothing;
            }

            foreach (var alternative in alternatives)
            {
                if (!alternative.Schemes.All(use => configured.ContainsKey(use.Scheme)))
                {
                    continue;
                }

                TokenCache? cache = null;
                Func<System.Threading.CancellationToken, System.Threading.Tasks.ValueTask<string>>? provider = null;
                var fixedCredentials = new List<FixedCredential>();
                var usesAuthorization = false;
                foreach (var use in alternative.Schemes)
                {
                    var credential = configured[use.Scheme];
                    if (credential.UsesAuthorization)
                    {
                        // Two schemes cannot share one Authorization header: the first one listed is sent.
                        if (usesAuthorization)
                        {
                            continue;
                        }

                        usesAuthorization = true;
                    }

                    if (credential.Fixed != null)
                    {
                        fixedCredentials.Add(credential.Fixed);
                    }
                    else if (credential.Provider != null)
                    {
                        provider = credential.Provider;
                    }
                    else
                    {
                        var scopes = credential.ScopesFor(use.Scopes);
                        var key = use.Scheme + "\n" + string.Join(" ", scopes);
                        if (!cachesByKey.TryGetValue(key, out cache))
                        {
                            var source = credential.CreateSource(settings, scopes, secrets, logger);
                            var shared = store is null ? null : new SharedTokens(store, SharedKey(settings, credential, scopes), settings.TimeProvider, logger);
                            cache = new TokenCache(settings, source, secrets, logger, shared);
                            cachesByKey.Add(key, cache);
                            caches.Add(cache);
                        }
                    }
                }

                return new SecurityPlan(cache, provider, fixedCredentials.ToArray(), null);
            }

            var needed = string.Join(" or ", alternatives.Select(a => string.Join(" and ", a.Schemes.Select(s => "'" + s.Scheme + "'"))));
            return new SecurityPlan(null, null, Array.Empty<FixedCredential>(), "it needs credentials for " + needed + ", and none are set in the client's options");
        }

        /// <summary>A hash of the account, the scope set, the token address and the base address: the shared token's key, never the account in clear.</summary>
        private static string SharedKey(TokenSettings settings, SchemeCredential credential, string[] scopes)
        {
            var identity = settings.BaseAddress + "\n" + credential.Identity + "\n" + string.Join(" ", scopes);
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(identity));
            var text = new StringBuilder(hash.Length * 2);
            foreach (var b in hash)
            {
                text.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }

            return text.ToString();
        }
    }
}
