namespace Kua.Generated.SourceGenerator.Model
{
    /// <summary>The kinds of security scheme the runtime serves (<c>KuaSecuritySchemeKind</c>).</summary>
    internal enum SecuritySchemeKind
    {
        ApiKey,
        Basic,
        Bearer,
        OAuth2,
        OpenIdConnect,
        KuaLogin,
    }

    /// <summary>
    /// The security a client serves: its schemes (one options property each, but the Kua login's, which uses the
    /// options' email and password) and the distinct requirement sets its operations use; set 0 is the document's.
    /// </summary>
    /// <param name="OptionsClassName">The generated options class, or null when <c>KuaClientOptions</c> serves (only the Kua login).</param>
    internal sealed record SecurityModel(
        string? OptionsClassName,
        EquatableArray<SecuritySchemeModel> Schemes,
        EquatableArray<SecurityRequirementSetModel> RequirementSets);

    /// <summary>One scheme of <c>components.securitySchemes</c> the client serves.</summary>
    /// <param name="Name">The scheme's key in the spec.</param>
    /// <param name="PropertyName">Its credential property on the options class.</param>
    /// <param name="ParameterName">An API key's header, query or cookie name.</param>
    /// <param name="Location">An API key's place: <c>Header</c>, <c>Query</c> or <c>Cookie</c>.</param>
    /// <param name="ClientCredentialsTokenUrl">The OAuth 2 client credentials flow's token URL.</param>
    /// <param name="PasswordTokenUrl">The OAuth 2 password flow's token URL.</param>
    /// <param name="DiscoveryUrl">The OpenID Connect discovery URL.</param>
    /// <param name="Description">The scheme's description.</param>
    internal sealed record SecuritySchemeModel(
        string Name,
        string PropertyName,
        SecuritySchemeKind Kind,
        string? ParameterName,
        string? Location,
        string? ClientCredentialsTokenUrl,
        string? PasswordTokenUrl,
        string? DiscoveryUrl,
        string? Description);

    /// <summary>An operation's (or the document's) <c>security</c>: alternatives, any one of which will do; none means anonymous.</summary>
    internal sealed record SecurityRequirementSetModel(EquatableArray<SecurityRequirementModel> Alternatives);

    /// <summary>One alternative: schemes that apply together (none: <c>{}</c>, no credentials).</summary>
    internal sealed record SecurityRequirementModel(EquatableArray<SecurityUseModel> Schemes);

    /// <summary>A scheme named by a requirement, with its OAuth scopes.</summary>
    internal sealed record SecurityUseModel(string Scheme, EquatableArray<string> Scopes);
}
