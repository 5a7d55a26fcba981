using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Kua.Generated.SourceGenerator.Diagnostics
{
    /// <summary>
    /// Every diagnostic the generator reports. Ids are stable and documented in README.md; each has a
    /// test that triggers it.
    /// </summary>
    internal static class KuaDiagnostics
    {
        private const string Category = "Kua.Generated";

        public static readonly DiagnosticDescriptor UnreadableSpec = Error(
            "KUA0001", "The OpenAPI file cannot be read", "The OpenAPI file cannot be read as YAML or JSON: {0}");

        public static readonly DiagnosticDescriptor NotOpenApi = Error(
            "KUA0002", "The file is not an OpenAPI document", "The file is not an OpenAPI 3.x or Swagger 2.0 document: {0}");

        public static readonly DiagnosticDescriptor LoadFailed = Error(
            "KUA0003", "The OpenAPI document cannot be loaded", "The OpenAPI document cannot be loaded: {0}");

        public static readonly DiagnosticDescriptor TooDeep = Error(
            "KUA0004", "The OpenAPI document is nested too deeply", "The OpenAPI document is nested more than {0} levels deep");

        public static readonly DiagnosticDescriptor UnresolvedReference = Warning(
            "KUA0005", "A $ref cannot be resolved", "The reference {0} cannot be resolved: {1}");

        public static readonly DiagnosticDescriptor ExternalReference = Warning(
            "KUA0006", "A $ref points outside the spec's files", "The reference {0} points outside the spec's files (a URL, which the generator never fetches, or a name no $id declares); {1}");

        public static readonly DiagnosticDescriptor OperationSkipped = Warning(
            "KUA0007", "An operation was skipped", "The operation '{0}' was skipped: {1}");

        public static readonly DiagnosticDescriptor SchemaDegraded = Warning(
            "KUA0008", "A schema is generated as raw JSON", "The schema '{0}' is generated as raw JSON (JsonElement): {1}");

        public static readonly DiagnosticDescriptor Normalized = Info(
            "KUA0009", "An OpenAPI construct was adapted", "{0}");

        public static readonly DiagnosticDescriptor Webhooks = Info(
            "KUA0010", "Webhooks get models but no client methods", "The document declares {0} webhook(s); their schemas become models, but a client cannot call a webhook, so no methods are generated");

        public static readonly DiagnosticDescriptor CallbacksIgnored = Info(
            "KUA0011", "Callbacks are ignored", "The callback(s) of operation '{0}' are ignored: a client does not receive callbacks");

        public static readonly DiagnosticDescriptor LinksIgnored = Info(
            "KUA0012", "Links are ignored", "The link(s) of operation '{0}' are ignored");

        public static readonly DiagnosticDescriptor TokenEndpointIncomplete = Warning(
            "KUA0013", "The token endpoint cannot be used", "The operation '{0}' is marked x-kua-token-endpoint but {1}; the client gets no built-in login");

        public static readonly DiagnosticDescriptor InvalidOption = Warning(
            "KUA0014", "An option is not valid", "The {0} '{1}' is not a valid C# {2}; '{3}' is used instead");

        public static readonly DiagnosticDescriptor CyclicInheritance = Warning(
            "KUA0015", "A schema inherits from itself", "The schema '{0}' inherits from itself through allOf; the cycle is cut at '{1}'");

        public static readonly DiagnosticDescriptor DuplicateOperationId = Warning(
            "KUA0016", "An operationId is used twice", "The operationId '{0}' is used by more than one operation; '{1} {2}' gets the method name '{3}'");

        public static readonly DiagnosticDescriptor SynthesizedOperationName = Info(
            "KUA0017", "An operation has no operationId", "The operation '{0} {1}' has no operationId; its method is named '{2}'");

        public static readonly DiagnosticDescriptor NoResponses = Info(
            "KUA0018", "An operation declares no responses", "The operation '{0}' declares no responses; its method returns nothing and accepts any success status");

        public static readonly DiagnosticDescriptor MultipleTokenEndpoints = Warning(
            "KUA0019", "More than one token endpoint", "The operation '{0}' is marked x-kua-token-endpoint, but '{1}' already is; only the first is used");

        public static readonly DiagnosticDescriptor DuplicateClient = Error(
            "KUA0020", "Two OpenAPI files generate the same file", "Nothing is generated from this file: '{0}' is already generated from '{1}'; give the KuaOpenApi items different Namespace or ClientName metadata");

        /// <summary>A part of the client (a parameter, a request body) is left out: a value it cannot do without breaks OpenAPI's structure.</summary>
        public static readonly DiagnosticDescriptor StructureError = Error(
            "KUA0030", "A part of the document is not valid OpenAPI and is left out", "{0} must be {1}, but is {2}; {3}");

        /// <summary>A value breaks OpenAPI's structure and is ignored or repaired, so the generated code is not what the document says.</summary>
        public static readonly DiagnosticDescriptor StructureWarning = Warning(
            "KUA0031", "A value is not valid OpenAPI and is ignored", "{0} must be {1}, but is {2}; {3}");

        /// <summary>A value breaks OpenAPI's structure in a way that changes nothing in the generated code (a number where text belongs).</summary>
        public static readonly DiagnosticDescriptor StructureInfo = Info(
            "KUA0032", "A value is not of the form OpenAPI defines, which changes nothing in the generated code", "{0} must be {1}, but is {2}; {3}");

        /// <summary>A $ref names a file the generator was not given as a fragment.</summary>
        public static readonly DiagnosticDescriptor MissingFragment = Warning(
            "KUA0033", "A $ref names a file that is not a fragment", "The reference {0} names the file '{1}', which is neither a KuaOpenApi item nor one of the fragments given to the generator; {2}");

        /// <summary>References across files go round in a circle, or what they copy would be unbounded.</summary>
        public static readonly DiagnosticDescriptor ReferenceLoop = Warning(
            "KUA0034", "A $ref across files cannot be followed", "The reference {0} cannot be followed: {1}; {2}");

        /// <summary>A security scheme the client cannot serve: its operations get no credentials from the client.</summary>
        public static readonly DiagnosticDescriptor SecuritySchemeUnsupported = Info(
            "KUA0035", "A security scheme is not supported", "The security scheme '{0}' ({1}) is not supported by the client: {2}");

        /// <summary>An OAuth 2 scheme with only interactive flows: the application brings the token.</summary>
        public static readonly DiagnosticDescriptor InteractiveOAuthFlow = Info(
            "KUA0036", "An OAuth 2 scheme has only interactive flows", "The OAuth 2 scheme '{0}' has only interactive flows ({1}), which need a user and a browser; the client takes a bearer token the application obtains: set the options' {2} to a KuaBearerCredential (a token or a token provider)");

        /// <summary>A security requirement names a scheme the document does not declare.</summary>
        public static readonly DiagnosticDescriptor UnknownSecurityScheme = Warning(
            "KUA0037", "A security requirement names an undeclared scheme", "The security requirement {0} names '{1}', which is not in components.securitySchemes; the alternative that names it is never used");

        /// <summary>KuaSeparateAssembly compiles the generated types apart, so a partial declaration of one declares another type.</summary>
        public static readonly DiagnosticDescriptor PartialTypeInClientAssembly = Error(
            "KUA0040", "A partial declaration cannot extend a type of the client assembly", "'{0}' is generated into the assembly '{1}' (KuaSeparateAssembly), so this partial declaration declares a second type instead of extending it; use extension methods, or set <KuaSeparateAssembly>false</KuaSeparateAssembly> in the project to generate the client into it");

        public static readonly DiagnosticDescriptor InternalError = Error(
            "KUA0099", "The generator failed", "The generator failed on this document ({0}); please report it with the document: {1}");

        public static IReadOnlyList<DiagnosticDescriptor> All { get; } = new[]
        {
            UnreadableSpec, NotOpenApi, LoadFailed, TooDeep, UnresolvedReference, ExternalReference, OperationSkipped,
            SchemaDegraded, Normalized, Webhooks, CallbacksIgnored, LinksIgnored, TokenEndpointIncomplete, InvalidOption,
            CyclicInheritance, DuplicateOperationId, SynthesizedOperationName, NoResponses, MultipleTokenEndpoints, DuplicateClient,
            StructureError, StructureWarning, StructureInfo, MissingFragment, ReferenceLoop, SecuritySchemeUnsupported, InteractiveOAuthFlow,
            UnknownSecurityScheme, PartialTypeInClientAssembly, InternalError,
        };

        private static readonly Dictionary<string, DiagnosticDescriptor> ById = CreateIndex();

        public static DiagnosticDescriptor Get(string id) => ById[id];

        private static Dictionary<string, DiagnosticDescriptor> CreateIndex()
        {
            var index = new Dictionary<string, DiagnosticDescriptor>();
            foreach (var descriptor in All)
            {
                index.Add(descriptor.Id, descriptor);
            }

            return index;
        }

        private static DiagnosticDescriptor Error(string id, string title, string message) =>
            new DiagnosticDescriptor(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink(id));

        private static DiagnosticDescriptor Warning(string id, string title, string message) =>
            new DiagnosticDescriptor(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLink(id));

        private static DiagnosticDescriptor Info(string id, string title, string message) =>
            new DiagnosticDescriptor(id, title, message, Category, DiagnosticSeverity.Info, isEnabledByDefault: true, helpLinkUri: HelpLink(id));

        private static string HelpLink(string id) => "README.md#" + id.ToLowerInvariant();
    }
}
