using System;
using System.Collections.Generic;
using System.Linq;
using Kua.Generated.SourceGenerator.Diagnostics;
using Kua.Generated.SourceGenerator.Model;
using Newtonsoft.Json.Linq;

namespace Kua.Generated.SourceGenerator.Parsing
{
    /// <summary>
    /// Security: <c>components.securitySchemes</c> (or Swagger 2.0's <c>securityDefinitions</c>) become the schemes the
    /// client serves, and each distinct <c>security</c> list (the document's first) becomes a requirement set operations
    /// refer to by number. Read from the JSON tree: NSwag's loader drops what it does not know.
    /// </summary>
    internal sealed partial class ModelBuilder
    {
        /// <summary>Members of <c>KuaClientOptions</c> a credential property may not take.</summary>
        private static readonly string[] OptionsMemberNames =
        {
            "BaseAddress", "Email", "Password", "AllowInsecureLoopback", "TimeProvider", "LoginTimeout", "DefaultTokenLifetime", "MaxTokenLifetime",
            "RefreshWindow", "MinimumLoginInterval", "LoginFailureCooldown", "MaxLoginFailureCooldown", "RejectedLoginCooldown", "MaxLoginRetries",
            "MaxLoginRetryDelay", "MaxAccessTokenLength", "MaxReplayBufferSize", "MaxRedirects", "LoggerFactory", "PrimaryHandler", "TokenStore",
            "Credentials", "GetCredential", "SetCredential", "ToString", "Equals", "GetHashCode", "GetType",
        };

        private readonly Dictionary<string, SecuritySchemeModel> _schemes = new Dictionary<string, SecuritySchemeModel>(StringComparer.Ordinal);
        private readonly List<SecurityRequirementSetModel> _requirementSets = new List<SecurityRequirementSetModel>();

        /// <summary>The <c>http bearer</c> schemes: with an <c>x-kua-token-endpoint</c> operation, the Kua login serves them.</summary>
        private readonly HashSet<string> _httpBearerSchemes = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>The scheme of a login the spec declares no bearer scheme for.</summary>
        private const string KuaLoginScheme = "kuaLogin";

        /// <summary>Reads the schemes and the document's requirement set (set 0); before any operation.</summary>
        private void ReadSecuritySchemes()
        {
            var declared = (_version == SpecVersion.Swagger2 ? _root["securityDefinitions"] : _root["components"]?["securitySchemes"]) as JObject;
            var properties = new NameScope(StringComparer.Ordinal, OptionsMemberNames);
            foreach (var property in declared?.Properties() ?? Enumerable.Empty<JProperty>())
            {
                if (property.Value is JObject scheme && ReadScheme(property.Name, scheme) is SecuritySchemeModel model)
                {
                    _schemes.Add(model.Name, model with { PropertyName = properties.Claim(Naming.ToPascal(model.Name, "Scheme")) });
                }
            }

            _requirementSets.Add(ReadRequirementSet(_root["security"] as JArray, "of the document"));
        }

        private SecuritySchemeModel? ReadScheme(string name, JObject scheme)
        {
            var type = TextOf(scheme, "type");
            var description = Text(TextOf(scheme, "description"));
            SecuritySchemeModel Scheme(SecuritySchemeKind kind, string? parameterName = null, string? location = null, string? clientCredentials = null, string? password = null, string? discovery = null) =>
                new SecuritySchemeModel(name, string.Empty, kind, parameterName, location, clientCredentials, password, discovery, description);

            switch (type)
            {
                case "apiKey":
                    var parameterName = TextOf(scheme, "name");
                    var location = TextOf(scheme, "in");
                    if (string.IsNullOrEmpty(parameterName) || (location != "header" && location != "query" && location != "cookie"))
                    {
                        Unsupported(name, scheme, "apiKey", "it needs a 'name' and an 'in' of header, query or cookie");
                        return null;
                    }

                    return Scheme(SecuritySchemeKind.ApiKey, parameterName, Naming.ToPascal(location!, "Header"));
                case "basic":
                    return Scheme(SecuritySchemeKind.Basic);
                case "http":
                    var httpScheme = TextOf(scheme, "scheme")?.ToLowerInvariant();
                    if (httpScheme == "basic")
                    {
                        return Scheme(SecuritySchemeKind.Basic);
                    }

                    if (httpScheme == "bearer")
                    {
                        _httpBearerSchemes.Add(name);
                        return Scheme(SecuritySchemeKind.Bearer);
                    }

                    Unsupported(name, scheme, "http " + (httpScheme ?? "without a scheme"), "only basic and bearer are; add a DelegatingHandler that authenticates these requests to the HttpClient (AddHttpMessageHandler with dependency injection)");
                    return null;
                case "oauth2":
                    return ReadOAuth2(name, scheme, Scheme);
                case "openIdConnect":
                    var discovery = TextOf(scheme, "openIdConnectUrl");
                    if (string.IsNullOrEmpty(discovery))
                    {
                        Unsupported(name, scheme, "openIdConnect", "it has no openIdConnectUrl; set the options' DiscoveryUrl, or add the URL to the document");
                    }

                    return Scheme(SecuritySchemeKind.OpenIdConnect, discovery: discovery);
                default:
                    Unsupported(name, scheme, type ?? "no type", "add a DelegatingHandler that authenticates these requests to the HttpClient");
                    return null;
            }
        }

        private SecuritySchemeModel ReadOAuth2(string name, JObject scheme, Func<SecuritySchemeKind, string?, string?, string?, string?, string?, SecuritySchemeModel> create)
        {
            string? clientCredentials = null;
            string? password = null;
            var interactive = new List<string>();
            if (scheme["flows"] is JObject flows)
            {
                clientCredentials = flows["clientCredentials"] is JObject cc ? TextOf(cc, "tokenUrl") : null;
                password = flows["password"] is JObject pw ? TextOf(pw, "tokenUrl") : null;
                interactive.AddRange(flows.Properties().Select(p => p.Name).Where(n => n != "clientCredentials" && n != "password"));
            }
            else
            {
                // Swagger 2.0: one flow per scheme; "application" is client credentials.
                var flow = TextOf(scheme, "flow");
                var tokenUrl = TextOf(scheme, "tokenUrl");
                if (flow == "application")
                {
                    clientCredentials = tokenUrl;
                }
                else if (flow == "password")
                {
                    password = tokenUrl;
                }
                else if (flow != null)
                {
                    interactive.Add(flow);
                }
            }

            if (clientCredentials is null && password is null)
            {
                var propertyName = Naming.ToPascal(name, "Scheme");
                _diagnostics.Add(KuaDiagnostics.InteractiveOAuthFlow, SpecLines.Of(scheme.Parent), name, interactive.Count == 0 ? "none declared" : string.Join(", ", interactive), propertyName);
                return create(SecuritySchemeKind.Bearer, null, null, null, null, null);
            }

            return create(SecuritySchemeKind.OAuth2, null, null, clientCredentials, password, null);
        }

        private void Unsupported(string name, JObject scheme, string kind, string what) =>
            _diagnostics.Add(KuaDiagnostics.SecuritySchemeUnsupported, SpecLines.Of(scheme.Parent), name, kind, what);

        /// <summary>
        /// The number of the requirement set an operation follows: its own <c>security</c> (added when new), or 0 (the
        /// document's) without one; -1 when it sends no credentials.
        /// </summary>
        private int SecuritySetOf(JObject? rawOperation, string operationId)
        {
            var set = rawOperation?["security"] is JArray security ? ReadRequirementSet(security, "of '" + operationId + "'") : _requirementSets[0];
            if (set.Alternatives.All(a => a.Schemes.IsEmpty))
            {
                return -1;
            }

            var index = _requirementSets.IndexOf(set);
            if (index < 0)
            {
                index = _requirementSets.Count;
                _requirementSets.Add(set);
            }

            return index;
        }

        /// <summary>The alternatives the client can serve; one naming a scheme it cannot is left out (the first served one is used).</summary>
        private SecurityRequirementSetModel ReadRequirementSet(JArray? security, string owner)
        {
            var alternatives = new List<SecurityRequirementModel>();
            foreach (var item in security ?? new JArray())
            {
                if (!(item is JObject requirement))
                {
                    continue;
                }

                var uses = new List<SecurityUseModel>();
                var served = true;
                foreach (var use in requirement.Properties())
                {
                    if (!_schemes.ContainsKey(use.Name))
                    {
                        served = false;
                        if (!IsDeclaredScheme(use.Name))
                        {
                            _diagnostics.Add(KuaDiagnostics.UnknownSecurityScheme, SpecLines.Of(use), owner, use.Name);
                        }

                        break;
                    }

                    var scopes = use.Value is JArray list ? list.OfType<JValue>().Select(v => v.Value as string).Where(v => !string.IsNullOrEmpty(v)).Select(v => v!) : Enumerable.Empty<string>();
                    uses.Add(new SecurityUseModel(use.Name, scopes.ToEquatableArray()));
                }

                if (served)
                {
                    alternatives.Add(new SecurityRequirementModel(uses.ToEquatableArray()));
                }
            }

            return new SecurityRequirementSetModel(alternatives.ToEquatableArray());
        }

        private bool IsDeclaredScheme(string name) =>
            _normalized.RemovedSecuritySchemes.Contains(name) ||
            ((_version == SpecVersion.Swagger2 ? _root["securityDefinitions"] : _root["components"]?["securitySchemes"]) as JObject)?[name] != null;

        /// <summary>The client's security once every operation is read: with a Kua login, its bearer schemes are served by the login.</summary>
        private SecurityModel? BuildSecurity(string clientName)
        {
            var schemes = _schemes.Values
                .Select(s => _tokenEndpoint != null && _httpBearerSchemes.Contains(s.Name) ? s with { Kind = SecuritySchemeKind.KuaLogin } : s)
                .ToList();
            if (_tokenEndpoint != null && !schemes.Any(s => s.Kind == SecuritySchemeKind.KuaLogin))
            {
                // A login but no bearer scheme: the client still logs in, for the operations whose security names it.
                schemes.Add(new SecuritySchemeModel(KuaLoginScheme, KuaLoginScheme, SecuritySchemeKind.KuaLogin, null, null, null, null, null, null));
            }

            if (schemes.Count == 0)
            {
                return null;
            }

            var optionsClass = schemes.Any(s => s.Kind != SecuritySchemeKind.KuaLogin) ? OptionsClassNameOf(clientName) : null;
            return new SecurityModel(optionsClass, schemes.ToEquatableArray(), _requirementSets.ToEquatableArray());
        }

        /// <summary><c>{ClientName}Options</c>, but never the runtime's own <c>KuaClientOptions</c>.</summary>
        internal static string OptionsClassNameOf(string clientName) =>
            clientName + "Options" == "KuaClientOptions" ? "KuaClientSpecOptions" : clientName + "Options";

        private static string? TextOf(JObject node, string key) => node[key] is JValue value ? value.Value as string : null;
    }
}
