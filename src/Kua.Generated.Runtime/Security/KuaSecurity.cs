using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace Kua.Generated
{
    /// <summary>
    /// What a spec says about authentication, as generated code hands it to the runtime: its security schemes and the
    /// requirement sets its operations use. Set 0 is the document's own <c>security</c>; an operation with a
    /// <c>security</c> of its own names another set (<c>KuaOperation.Security</c>). A set lists alternatives (any one
    /// of them will do); each alternative lists schemes that apply together.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class KuaSecurity
    {
        /// <summary>Creates the description.</summary>
        /// <param name="schemes">The spec's security schemes the client serves.</param>
        /// <param name="requirementSets">The requirement sets; the first is the document's (empty: anonymous).</param>
        public KuaSecurity(KuaSecurityScheme[] schemes, params KuaSecurityRequirement[][] requirementSets)
        {
            Schemes = schemes ?? throw new ArgumentNullException(nameof(schemes));
            RequirementSets = requirementSets is null || requirementSets.Length == 0 ? new[] { Array.Empty<KuaSecurityRequirement>() } : requirementSets;
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var scheme in schemes)
            {
                if (!names.Add(scheme.Name))
                {
                    throw new ArgumentException("The security scheme '" + scheme.Name + "' is declared twice.", nameof(schemes));
                }
            }

            foreach (var set in RequirementSets)
            {
                foreach (var requirement in set)
                {
                    foreach (var use in requirement.Schemes)
                    {
                        if (!names.Contains(use.Scheme))
                        {
                            throw new ArgumentException("A requirement names the security scheme '" + use.Scheme + "', which is not declared.", nameof(requirementSets));
                        }
                    }
                }
            }
        }

        /// <summary>The schemes.</summary>
        public IReadOnlyList<KuaSecurityScheme> Schemes { get; }

        /// <summary>The requirement sets; set 0 is the document's.</summary>
        public IReadOnlyList<KuaSecurityRequirement[]> RequirementSets { get; }

        /// <summary>The security of a client whose only scheme is the Kua login, required by every operation.</summary>
        /// <param name="endpoint">The login operation.</param>
        /// <returns>The description.</returns>
        public static KuaSecurity ForKuaLogin(KuaTokenEndpoint endpoint) =>
            new KuaSecurity(new[] { KuaSecurityScheme.KuaLogin("kuaLogin", endpoint) }, new[] { new KuaSecurityRequirement("kuaLogin") });
    }

    /// <summary>
    /// One alternative of an OpenAPI <c>security</c> list (a Security Requirement Object): schemes that apply together,
    /// each with the OAuth scopes it needs. An empty one (<see cref="None"/>) means "no credentials".
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class KuaSecurityRequirement
    {
        /// <summary>The requirement that asks for nothing (<c>{}</c>).</summary>
        public static readonly KuaSecurityRequirement None = new KuaSecurityRequirement(Array.Empty<KuaSchemeUse>());

        /// <summary>A requirement of one scheme.</summary>
        /// <param name="scheme">The scheme's name.</param>
        /// <param name="scopes">The OAuth scopes it needs.</param>
        public KuaSecurityRequirement(string scheme, params string[] scopes)
            : this(new KuaSchemeUse(scheme, scopes))
        {
        }

        /// <summary>A requirement of several schemes at once.</summary>
        /// <param name="schemes">The schemes.</param>
        public KuaSecurityRequirement(params KuaSchemeUse[] schemes)
        {
            Schemes = schemes ?? Array.Empty<KuaSchemeUse>();
        }

        /// <summary>The schemes that apply together.</summary>
        public IReadOnlyList<KuaSchemeUse> Schemes { get; }
    }

    /// <summary>A scheme named by a requirement, with the scopes it asks for.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class KuaSchemeUse
    {
        /// <summary>Creates the use.</summary>
        /// <param name="scheme">The scheme's name.</param>
        /// <param name="scopes">The OAuth scopes (ignored by other kinds of scheme).</param>
        public KuaSchemeUse(string scheme, params string[] scopes)
        {
            Scheme = string.IsNullOrEmpty(scheme) ? throw new ArgumentException("A scheme name is required.", nameof(scheme)) : scheme;
            Scopes = scopes ?? Array.Empty<string>();
        }

        /// <summary>The scheme's name.</summary>
        public string Scheme { get; }

        /// <summary>The scopes.</summary>
        public IReadOnlyList<string> Scopes { get; }
    }
}
