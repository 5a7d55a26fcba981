using System;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace Kua.Generated.SourceGenerator.Parsing.Validation
{
    /// <summary>Which values a keyword allows (see <see cref="AllowedValues"/>); some depend on the version and the owner.</summary>
    internal enum Allowed
    {
        Anything,
        SchemaType,
        ParameterLocation,
        ParameterStyle,
        HeaderStyle,
        EncodingStyle,
        CollectionFormat,
        ApiKeyLocation,
        OAuth2Flow,
        TransferScheme,
    }

    /// <summary>
    /// The values OpenAPI allows for its keywords, per version and, for styles and collection formats, per
    /// parameter location; and the forms of the keys of paths, responses and content mappings.
    /// </summary>
    internal static class AllowedValues
    {
        private static readonly string[] SchemaTypes2 = { "string", "number", "integer", "boolean", "array", "object", "file" };
        private static readonly string[] SchemaTypes30 = { "string", "number", "integer", "boolean", "array", "object" };
        private static readonly string[] SchemaTypes31 = { "string", "number", "integer", "boolean", "array", "object", "null" };
        private static readonly string[] Locations2 = { "query", "header", "path", "formData", "body" };
        private static readonly string[] Locations3 = { "query", "header", "path", "cookie" };
        private static readonly string[] PathStyles = { "matrix", "label", "simple" };
        private static readonly string[] QueryStyles = { "form", "spaceDelimited", "pipeDelimited", "deepObject" };
        private static readonly string[] HeaderStyles = { "simple" };
        private static readonly string[] CookieStyles = { "form" };
        private static readonly string[] AllStyles = { "matrix", "label", "simple", "form", "spaceDelimited", "pipeDelimited", "deepObject" };
        private static readonly string[] CollectionFormats = { "csv", "ssv", "tsv", "pipes", "multi" };
        private static readonly string[] SingleValueCollectionFormats = { "csv", "ssv", "tsv", "pipes" };
        private static readonly string[] ApiKeyLocations2 = { "query", "header" };
        private static readonly string[] ApiKeyLocations3 = { "query", "header", "cookie" };
        private static readonly string[] OAuth2Flows = { "implicit", "password", "application", "accessCode" };
        private static readonly string[] TransferSchemes = { "http", "https", "ws", "wss" };

        private static readonly Regex StatusCode = new Regex("^(?:default|[1-5][0-9][0-9])$", RegexOptions.CultureInvariant);
        private static readonly Regex StatusRange = new Regex("^[1-5]XX$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        /// <summary>RFC 9110: type "/" subtype, both tokens, then optional parameters.</summary>
        private static readonly Regex MediaTypeName = new Regex(@"^[A-Za-z0-9!#$%&'*+.^_`|~-]+/[A-Za-z0-9!#$%&'*+.^_`|~-]+\s*(?:;.*)?$", RegexOptions.CultureInvariant | RegexOptions.Singleline);

        /// <summary>The values allowed in this place; null when any string is.</summary>
        public static string[]? For(Allowed allowed, SpecVersion version, JObject owner)
        {
            var swagger2 = version == SpecVersion.Swagger2;
            switch (allowed)
            {
                case Allowed.SchemaType:
                    return swagger2 ? SchemaTypes2 : version == SpecVersion.OpenApi30 ? SchemaTypes30 : SchemaTypes31;
                case Allowed.ParameterLocation:
                    return swagger2 ? Locations2 : Locations3;
                case Allowed.ParameterStyle:
                    return StylesAt(swagger2 ? null : LocationOf(owner));
                case Allowed.HeaderStyle:
                    return HeaderStyles;
                case Allowed.EncodingStyle:
                    return QueryStyles;
                case Allowed.CollectionFormat:
                    var location = LocationOf(owner);
                    return location is null || location == "query" || location == "formData" ? CollectionFormats : SingleValueCollectionFormats;
                case Allowed.ApiKeyLocation:
                    return swagger2 ? ApiKeyLocations2 : ApiKeyLocations3;
                case Allowed.OAuth2Flow:
                    return OAuth2Flows;
                case Allowed.TransferScheme:
                    return TransferSchemes;
                default:
                    return null;
            }
        }

        /// <summary>Whether a key of a Responses Object is a status code, a range or <c>default</c>.</summary>
        public static bool IsStatusCode(string key) => StatusCode.IsMatch(key) || IsStatusRange(key);

        /// <summary>A range such as <c>2XX</c>: OpenAPI 3 only.</summary>
        public static bool IsStatusRange(string key) => StatusRange.IsMatch(key);

        public static bool IsMediaType(string key) => MediaTypeName.IsMatch(key);

        public static bool IsPath(string key) => key.StartsWith("/", StringComparison.Ordinal);

        private static string? LocationOf(JObject owner) =>
            owner["in"] is JValue value && value.Type == JTokenType.String ? (string?)value : null;

        private static string[] StylesAt(string? location)
        {
            switch (location)
            {
                case "path":
                    return PathStyles;
                case "query":
                    return QueryStyles;
                case "header":
                    return HeaderStyles;
                case "cookie":
                    return CookieStyles;
                default:
                    return AllStyles;
            }
        }
    }
}
