using System.Collections.Generic;
using System.Linq;
using Kua.Generated.SourceGenerator.Model;

namespace Kua.Generated.SourceGenerator.Emitting
{
    /// <summary>
    /// A client's security as data: the <c>KuaSecurity</c> the runtime serves (schemes and requirement sets, written once
    /// per client), and the options class with one credential property per scheme.
    /// </summary>
    internal static class SecurityEmitter
    {
        private const string Runtime = "global::Kua.Generated.";
        private const string Requirement = Runtime + "KuaSecurityRequirement";

        /// <summary>The root client's internal <c>KuaSecurity</c> property.</summary>
        public static void EmitSecurity(SourceWriter writer, SecurityModel security, TokenEndpointModel? tokenEndpoint)
        {
            writer.Doc("summary", "The document's security schemes and the requirement sets its operations use (set 0 is the document's).");
            writer.Line("internal static " + Runtime + "KuaSecurity KuaSecurity { get; } = new " + Runtime + "KuaSecurity(");
            writer.Line("\tnew " + Runtime + "KuaSecurityScheme[]");
            writer.Line("\t{");
            foreach (var scheme in security.Schemes)
            {
                writer.Line("\t\t" + SchemeExpression(scheme, tokenEndpoint) + ",");
            }

            writer.Line("\t},");
            var sets = security.RequirementSets;
            for (var i = 0; i < sets.Count; i++)
            {
                var alternatives = sets[i].Alternatives;
                var items = alternatives.IsEmpty ? Requirement + "[0]" : Requirement + "[] { " + string.Join(", ", alternatives.Select(RequirementExpression)) + " }";
                writer.Line("\tnew " + items + (i == sets.Count - 1 ? ");" : ","));
            }
        }

        /// <summary>The options class: <c>KuaClientOptions</c> plus a credential property per scheme the Kua login does not serve.</summary>
        public static void EmitOptions(SourceWriter writer, TypeSyntax types, string clientName, SecurityModel security)
        {
            writer.Doc("summary", "How " + clientName + " reaches the API and authenticates: the base address and token settings, and a credential for each security scheme of the document (set the ones you use; each operation uses the first of its alternatives whose credentials are set).");
            writer.Line(FileHeader.GeneratedCodeAttribute);
            using (writer.Open("public partial class " + security.OptionsClassName + " : " + Runtime + "KuaClientOptions"))
            {
                var first = true;
                foreach (var scheme in security.Schemes.Where(s => s.Kind != SecuritySchemeKind.KuaLogin))
                {
                    if (!first)
                    {
                        writer.Line();
                    }

                    first = false;
                    var type = Runtime + CredentialType(scheme.Kind);
                    writer.Doc("summary", Describe(scheme));
                    writer.Line("public " + type + (types.Annotate ? "?" : string.Empty) + " " + scheme.PropertyName);
                    writer.Line("{");
                    writer.Line("\tget => GetCredential<" + type + ">(" + Literals.String(scheme.Name) + ");");
                    writer.Line("\tset => SetCredential(" + Literals.String(scheme.Name) + ", value);");
                    writer.Line("}");
                }
            }
        }

        private static string CredentialType(SecuritySchemeKind kind)
        {
            switch (kind)
            {
                case SecuritySchemeKind.ApiKey: return "KuaApiKeyCredential";
                case SecuritySchemeKind.Basic: return "KuaBasicCredential";
                case SecuritySchemeKind.Bearer: return "KuaBearerCredential";
                default: return "KuaOAuth2Credential";
            }
        }

        private static string Describe(SecuritySchemeModel scheme)
        {
            string what;
            switch (scheme.Kind)
            {
                case SecuritySchemeKind.ApiKey:
                    what = "the API key sent in the " + scheme.Location!.ToLowerInvariant() + " '" + scheme.ParameterName + "'";
                    break;
                case SecuritySchemeKind.Basic:
                    what = "the user name and password sent with HTTP Basic";
                    break;
                case SecuritySchemeKind.Bearer:
                    what = "the bearer token (fixed, or from a provider asked on every request)";
                    break;
                case SecuritySchemeKind.OpenIdConnect:
                    what = "the OAuth 2 client whose tokens come from the OpenID Connect provider's token endpoint";
                    break;
                default:
                    what = "the OAuth 2 client (and, for the password grant, user) whose tokens are fetched, cached per scope set and refreshed";
                    break;
            }

            var text = "The '" + scheme.Name + "' scheme: " + what + ".";
            return scheme.Description is null ? text : text + " " + scheme.Description;
        }

        private static string SchemeExpression(SecuritySchemeModel scheme, TokenEndpointModel? token)
        {
            var name = Literals.String(scheme.Name);
            switch (scheme.Kind)
            {
                case SecuritySchemeKind.ApiKey:
                    return Runtime + "KuaSecurityScheme.ApiKey(" + name + ", " + Literals.String(scheme.ParameterName!) + ", " + Runtime + "KuaApiKeyLocation." + scheme.Location + ")";
                case SecuritySchemeKind.Basic:
                    return Runtime + "KuaSecurityScheme.Basic(" + name + ")";
                case SecuritySchemeKind.Bearer:
                    return Runtime + "KuaSecurityScheme.Bearer(" + name + ")";
                case SecuritySchemeKind.OpenIdConnect:
                    return Runtime + "KuaSecurityScheme.OpenIdConnect(" + name + ", " + StringOrNull(scheme.DiscoveryUrl) + ")";
                case SecuritySchemeKind.OAuth2:
                    return Runtime + "KuaSecurityScheme.OAuth2(" + name + ", " + StringOrNull(scheme.ClientCredentialsTokenUrl) + ", " + StringOrNull(scheme.PasswordTokenUrl) + ")";
                default:
                    return Runtime + "KuaSecurityScheme.KuaLogin(" + name + ", new " + Runtime + "KuaTokenEndpoint(" +
                           string.Join(", ", new[] { token!.OperationId, token.Path, token.UserField, token.PasswordField, token.AccessTokenField }.Select(Literals.String)) + ", " +
                           StringOrNull(token.ExpiresInField) + ", " + StringOrNull(token.TokenTypeField) + "))";
            }
        }

        private static string RequirementExpression(SecurityRequirementModel requirement)
        {
            if (requirement.Schemes.IsEmpty)
            {
                return Requirement + ".None";
            }

            if (requirement.Schemes.Count == 1)
            {
                return "new " + Requirement + "(" + UseArguments(requirement.Schemes[0]) + ")";
            }

            return "new " + Requirement + "(" + string.Join(", ", requirement.Schemes.Select(u => "new " + Runtime + "KuaSchemeUse(" + UseArguments(u) + ")")) + ")";
        }

        private static string UseArguments(SecurityUseModel use)
        {
            var arguments = new List<string> { Literals.String(use.Scheme) };
            arguments.AddRange(use.Scopes.Select(Literals.String));
            return string.Join(", ", arguments);
        }

        private static string StringOrNull(string? value) => value is null ? "null" : Literals.String(value);
    }
}
