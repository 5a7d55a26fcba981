using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Kua.Generated.Runtime.Authentication
{
    /// <summary>
    /// What the requests of one requirement set carry, decided once when the client is built: the first alternative
    /// whose credentials are configured, turned into a token cache (Kua login, OAuth 2, OpenID Connect), a token
    /// provider and fixed values (API keys, Basic, a fixed bearer token).
    /// </summary>
    internal sealed class SecurityPlan
    {
        public static readonly SecurityPlan Nothing = new SecurityPlan(null, null, Array.Empty<FixedCredential>(), null);

        public SecurityPlan(TokenCache? cache, Func<CancellationToken, ValueTask<string>>? provider, FixedCredential[] fixedCredentials, string? missing)
        {
            Cache = cache;
            Provider = provider;
            Fixed = fixedCredentials;
            Missing = missing;
            IsTokenOnly = cache != null && provider is null && fixedCredentials.Length == 0;
        }

        /// <summary>The token cache whose bearer token the requests carry (and that a 401 refreshes), or null.</summary>
        public TokenCache? Cache { get; }

        /// <summary>The application's bearer token provider, asked on every request, or null.</summary>
        public Func<CancellationToken, ValueTask<string>>? Provider { get; }

        /// <summary>Values attached as they are.</summary>
        public FixedCredential[] Fixed { get; }

        /// <summary>Why no alternative can be served (no credentials configured for any), or null.</summary>
        public string? Missing { get; }

        /// <summary>Only a cached bearer token: the warm path.</summary>
        public bool IsTokenOnly { get; }

        /// <summary>Whether the plan attaches nothing (anonymous, or the empty alternative <c>{}</c> came first).</summary>
        public bool IsEmpty => Cache is null && Provider is null && Fixed.Length == 0 && Missing is null;

        /// <summary>Attaches the fixed values: headers and cookies replace earlier passes of ours; a query key is added once.</summary>
        public void ApplyFixed(HttpRequestMessage request, bool firstPass)
        {
            foreach (var credential in Fixed)
            {
                credential.Apply(request, firstPass);
            }
        }
    }

    /// <summary>A value a request carries as it is: an API key (header, query, cookie), a Basic or fixed bearer Authorization.</summary>
    internal sealed class FixedCredential
    {
        private FixedCredential(KuaApiKeyLocation location, string name, string value)
        {
            Location = location;
            Name = name;
            Value = value;
        }

        public KuaApiKeyLocation Location { get; }

        /// <summary>The header, query parameter or cookie name.</summary>
        public string Name { get; }

        /// <summary>The value sent (for Authorization, the whole header value).</summary>
        public string Value { get; }

        public static FixedCredential Header(string name, string value) => new FixedCredential(KuaApiKeyLocation.Header, name, value);

        public static FixedCredential Query(string name, string value) => new FixedCredential(KuaApiKeyLocation.Query, name, value);

        public static FixedCredential Cookie(string name, string value) => new FixedCredential(KuaApiKeyLocation.Cookie, name, value);

        public void Apply(HttpRequestMessage request, bool firstPass)
        {
            var headers = request.Headers;
            switch (Location)
            {
                case KuaApiKeyLocation.Header:
                    headers.Remove(Name);
                    headers.TryAddWithoutValidation(Name, Value);
                    break;
                case KuaApiKeyLocation.Cookie:
                    if (firstPass)
                    {
                        var pair = Name + "=" + Value;
                        var existing = headers.TryGetValues("Cookie", out var values) ? string.Join("; ", values) : null;
                        headers.Remove("Cookie");
                        headers.TryAddWithoutValidation("Cookie", existing is null ? pair : existing + "; " + pair);
                    }

                    break;
                default:
                    if (firstPass && request.RequestUri is Uri uri)
                    {
                        var text = uri.OriginalString;
                        var fragment = text.IndexOf('#');
                        var withoutFragment = fragment < 0 ? text : text.Substring(0, fragment);
                        var separator = withoutFragment.IndexOf('?') < 0 ? "?" : withoutFragment.EndsWith("?", StringComparison.Ordinal) || withoutFragment.EndsWith("&", StringComparison.Ordinal) ? string.Empty : "&";
                        request.RequestUri = new Uri(withoutFragment + separator + Uri.EscapeDataString(Name) + "=" + Uri.EscapeDataString(Value));
                    }

                    break;
            }
        }
    }
}
