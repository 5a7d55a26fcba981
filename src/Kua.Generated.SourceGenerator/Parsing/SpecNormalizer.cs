using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Kua.Generated.SourceGenerator.Diagnostics;
using Kua.Generated.SourceGenerator.Parsing.Validation;
using Newtonsoft.Json.Linq;

namespace Kua.Generated.SourceGenerator.Parsing
{
    /// <summary>The OpenAPI flavour a document is written in.</summary>
    internal enum SpecVersion
    {
        Swagger2,
        OpenApi30,
        OpenApi31,
    }

    /// <summary>
    /// Rewrites the spec tree, before NSwag.Core sees it, into the OpenAPI 3.0 / Swagger 2.0 shapes
    /// NSwag reads: 3.1 type lists and <c>const</c>, <c>$id</c>/<c>$anchor</c> references, and the
    /// constructs NSwag's loader throws on (dangling or external <c>$ref</c>s, operations without
    /// responses, unknown security scheme types). Each change that loses meaning is reported.
    /// </summary>
    internal sealed partial class SpecNormalizer
    {
        private static readonly HashSet<string> HttpMethods = new HashSet<string>(OpenApiMethods.All, StringComparer.Ordinal);

        /// <summary>Operations that declared no responses (given an empty set for NSwag's loader), by their node in the tree.</summary>
        private readonly HashSet<JObject> _withoutResponses = new HashSet<JObject>();

        /// <summary>Security schemes of a type the client cannot serve, removed from the tree (NSwag's loader rejects them).</summary>
        private readonly List<string> _removedSecuritySchemes = new List<string>();

        private static readonly HashSet<string> KnownSecurityTypes = new HashSet<string>(StringComparer.Ordinal)
        {
            "apiKey", "http", "oauth2", "openIdConnect", "basic",
        };

        private readonly JObject _root;
        private readonly DiagnosticBag _diagnostics;
        private readonly CancellationToken _cancellationToken;
        private readonly Dictionary<string, string> _idPointers = new Dictionary<string, string>(StringComparer.Ordinal);
        private int _visited;

        private SpecNormalizer(JObject root, DiagnosticBag diagnostics, CancellationToken cancellationToken)
        {
            _root = root;
            _diagnostics = diagnostics;
            _cancellationToken = cancellationToken;
        }

        /// <summary>Checks the document's version and normalizes it in place; null when it is not OpenAPI.</summary>
        public static NormalizedSpec? Normalize(JToken root, DiagnosticBag diagnostics, CancellationToken cancellationToken)
        {
            if (!(root is JObject document))
            {
                diagnostics.Add(KuaDiagnostics.NotOpenApi, SpecLines.Of(root), "the top level is not a mapping");
                return null;
            }

            var version = DetectVersion(document, diagnostics);
            if (version is null)
            {
                return null;
            }

            // Structure first: what follows (and NSwag.Core) then sees only values of the forms OpenAPI defines.
            SpecValidator.Validate(document, version.Value, diagnostics, cancellationToken);
            var normalizer = new SpecNormalizer(document, diagnostics, cancellationToken);
            normalizer.Run(version.Value);
            return new NormalizedSpec(version.Value, normalizer._withoutResponses, normalizer._itemSchemaMediaTypes, normalizer._streamEnds, normalizer._removedSecuritySchemes);
        }

        private static SpecVersion? DetectVersion(JObject document, DiagnosticBag diagnostics)
        {
            var openapi = document["openapi"];
            var swagger = document["swagger"];
            if (openapi is JValue openapiValue && openapiValue.Value != null)
            {
                var text = Convert.ToString(openapiValue.Value, CultureInfo.InvariantCulture) ?? string.Empty;
                if (text.StartsWith("3.0", StringComparison.Ordinal))
                {
                    return SpecVersion.OpenApi30;
                }

                if (text.StartsWith("3.1", StringComparison.Ordinal) || text.StartsWith("3.2", StringComparison.Ordinal))
                {
                    return SpecVersion.OpenApi31;
                }

                diagnostics.Add(KuaDiagnostics.NotOpenApi, SpecLines.Of(openapi), "the version 'openapi: " + text + "' is not supported (3.0 and 3.1 are)");
                return null;
            }

            if (swagger is JValue swaggerValue && swaggerValue.Value != null)
            {
                var text = Convert.ToString(swaggerValue.Value, CultureInfo.InvariantCulture) ?? string.Empty;
                if (text.StartsWith("2", StringComparison.Ordinal))
                {
                    return SpecVersion.Swagger2;
                }

                diagnostics.Add(KuaDiagnostics.NotOpenApi, SpecLines.Of(swagger), "the version 'swagger: " + text + "' is not supported (2.0 is)");
                return null;
            }

            diagnostics.Add(KuaDiagnostics.NotOpenApi, SpecLines.Of(document), "it has neither an 'openapi' nor a 'swagger' field");
            return null;
        }

        private void Run(SpecVersion version)
        {
            if (version == SpecVersion.OpenApi31)
            {
                // NSwag.Core reads 3.0; the 3.1 constructs are rewritten below.
                _root["openapi"] = "3.0.3";
                CollectIds(_root, null, "#");
            }

            if (!(_root["info"] is JObject))
            {
                _root["info"] = new JObject { ["title"] = "Api", ["version"] = "1" };
            }

            if (!(_root["paths"] is JObject))
            {
                _root["paths"] = new JObject();
            }

            Visit(_root, "#", Context.Document);
            NormalizeSecuritySchemes();
        }

        /// <summary>What a node is, by where it sits; it decides which nodes hold schemas and references.</summary>
        private enum Context
        {
            Document,
            Components,
            PathMap,
            PathItem,
            Operation,
            CallbackMap,
            ParameterList,
            ParameterMap,
            Parameter,
            HeaderMap,
            RequestBodyMap,
            RequestBody,
            ResponseMap,
            Response,
            ContentMap,
            MediaType,
            SchemaMap,
            SchemaList,
            Schema,

            /// <summary>Links and examples: nothing in them is read, but NSwag follows their $refs (and throws on one that points nowhere).</summary>
            ReferableMap,
            Referable,
            Opaque,
        }

        private void Visit(JToken token, string pointer, Context context)
        {
            if ((++_visited & 0xFFF) == 0)
            {
                _cancellationToken.ThrowIfCancellationRequested();
            }

            if (token is JArray array)
            {
                if (context != Context.ParameterList && context != Context.SchemaList)
                {
                    return;
                }

                var itemContext = context == Context.ParameterList ? Context.Parameter : Context.Schema;
                for (var i = array.Count - 1; i >= 0; i--)
                {
                    Visit(array[i], pointer + "/" + i.ToString(CultureInfo.InvariantCulture), itemContext);
                }

                return;
            }

            if (context == Context.Schema && token is JValue boolean && boolean.Type == JTokenType.Boolean && !IsBooleanKeyword(boolean))
            {
                // A 3.1 boolean schema (a property, an allOf entry, items…): NSwag reads only objects.
                var schema = (bool)boolean ? new JObject() : new JObject { ["not"] = new JObject() };
                boolean.Replace(schema);
                token = schema;
            }

            if (!(token is JObject obj))
            {
                return;
            }

            if (obj.ContainsKey("$ref") && !FixReference(obj, pointer, context))
            {
                return;
            }

            if (context == Context.Schema)
            {
                NormalizeSchema(obj, pointer);
            }
            else if (context == Context.MediaType)
            {
                NormalizeStreamMediaType(obj);
            }

            foreach (var property in obj.Properties().ToList())
            {
                var childContext = ChildContext(context, property.Name);
                if (childContext != Context.Opaque)
                {
                    Visit(property.Value, pointer + "/" + SpecLines.Escape(property.Name), childContext);
                }
            }

            if (context == Context.PathItem)
            {
                NormalizePathItem(obj, _withoutResponses);
            }
        }

        private static Context ChildContext(Context parent, string name)
        {
            if (name.StartsWith("x-", StringComparison.Ordinal))
            {
                return Context.Opaque;
            }

            switch (parent)
            {
                case Context.Document:
                    switch (name)
                    {
                        case "paths":
                        case "webhooks":
                            return Context.PathMap;
                        case "components":
                            return Context.Components;
                        case "definitions":
                            return Context.SchemaMap;
                        case "parameters":
                            return Context.ParameterMap;
                        case "responses":
                            return Context.ResponseMap;
                        default:
                            return Context.Opaque;
                    }

                case Context.Components:
                    switch (name)
                    {
                        case "schemas":
                            return Context.SchemaMap;
                        case "parameters":
                            return Context.ParameterMap;
                        case "responses":
                            return Context.ResponseMap;
                        case "requestBodies":
                            return Context.RequestBodyMap;
                        case "headers":
                            return Context.HeaderMap;
                        case "pathItems":
                            return Context.PathMap;
                        case "callbacks":
                            return Context.CallbackMap;
                        case "links":
                        case "examples":
                            return Context.ReferableMap;
                        default:
                            return Context.Opaque;
                    }

                case Context.PathMap:
                    return Context.PathItem;
                case Context.PathItem:
                    return HttpMethods.Contains(name) ? Context.Operation : name == "parameters" ? Context.ParameterList : Context.Opaque;
                case Context.Operation:
                    switch (name)
                    {
                        case "parameters":
                            return Context.ParameterList;
                        case "requestBody":
                            return Context.RequestBody;
                        case "responses":
                            return Context.ResponseMap;
                        case "callbacks":
                            return Context.CallbackMap;
                        default:
                            return Context.Opaque;
                    }

                case Context.CallbackMap:
                    return Context.PathMap;
                case Context.ParameterMap:
                case Context.HeaderMap:
                    return Context.Parameter;
                case Context.Parameter:
                    return name == "schema" || name == "items" ? Context.Schema : name == "content" ? Context.ContentMap : name == "examples" ? Context.ReferableMap : Context.Opaque;
                case Context.RequestBodyMap:
                    return Context.RequestBody;
                case Context.RequestBody:
                    return name == "content" ? Context.ContentMap : Context.Opaque;
                case Context.ResponseMap:
                    return Context.Response;
                case Context.Response:
                    return name == "content" ? Context.ContentMap : name == "schema" ? Context.Schema : name == "headers" ? Context.HeaderMap : name == "links" ? Context.ReferableMap : Context.Opaque;
                case Context.ContentMap:
                    return Context.MediaType;
                case Context.MediaType:
                    return name == "schema" ? Context.Schema : name == "examples" ? Context.ReferableMap : Context.Opaque;
                case Context.ReferableMap:
                    return Context.Referable;
                case Context.SchemaMap:
                case Context.SchemaList:
                    return Context.Schema;
                case Context.Schema:
                    switch (name)
                    {
                        case "properties":
                        case "patternProperties":
                        case "definitions":
                        case "$defs":
                        case "dependentSchemas":
                            return Context.SchemaMap;
                        case "items":
                        case "additionalProperties":
                        case "not":
                        case "additionalItems":
                        case "contains":
                        case "propertyNames":
                        case "if":
                        case "then":
                        case "else":
                        case "unevaluatedProperties":
                        case "unevaluatedItems":
                        case "contentSchema":
                            return Context.Schema;
                        case "allOf":
                        case "oneOf":
                        case "anyOf":
                        case "prefixItems":
                            return Context.SchemaList;
                        default:
                            return Context.Opaque;
                    }

                default:
                    return Context.Opaque;
            }
        }

        /// <summary>Keywords whose boolean form NSwag reads itself (<c>additionalProperties: false</c>).</summary>
        private static bool IsBooleanKeyword(JValue value) =>
            value.Parent is JProperty property && (property.Name == "additionalProperties" || property.Name == "additionalItems");

        /// <summary>Makes a <c>$ref</c> something NSwag can follow, or removes it; false when the owner was removed.</summary>
        private bool FixReference(JObject owner, string pointer, Context context)
        {
            var reference = owner["$ref"];
            if (reference is null)
            {
                return true;
            }

            string? problem = null;
            string? target = null;
            var external = false;
            if (reference.Type != JTokenType.String)
            {
                problem = "(no value: in YAML an unquoted '#' starts a comment, so quote the reference)";
            }
            else
            {
                var text = (string)reference!;
                if (text.StartsWith("#", StringComparison.Ordinal))
                {
                    if (SpecLines.Resolve(_root, text).Complete)
                    {
                        return true;
                    }

                    target = ResolveId(text);
                    if (target is null)
                    {
                        problem = "'" + text + "' (nothing in the document has that path)";
                    }
                }
                else
                {
                    target = ResolveId(text);
                    if (target is null)
                    {
                        problem = "'" + text + "'";
                        external = true;
                    }
                }
            }

            if (target != null)
            {
                owner["$ref"] = target;
                _diagnostics.Add(KuaDiagnostics.Normalized, SpecLines.Of(reference), "The reference '" + (string)reference! + "' (a JSON Schema $id or $anchor) is read as '" + target + "'");
                return true;
            }

            var position = SpecLines.Of(reference);
            var consequence = context switch
            {
                Context.PathItem => "the path is ignored",
                Context.Parameter => "the parameter is ignored",
                Context.Response => "the response is read as having no body",
                Context.RequestBody => "the request body is ignored",
                Context.Schema => "the schema is read as any JSON value",
                _ => "the reference is ignored",
            };
            _diagnostics.Add(external ? KuaDiagnostics.ExternalReference : KuaDiagnostics.UnresolvedReference, position, problem ?? string.Empty, consequence);

            switch (context)
            {
                case Context.Parameter:
                case Context.RequestBody:
                case Context.PathItem:
                    if (owner.Parent is JProperty property)
                    {
                        property.Remove();
                    }
                    else
                    {
                        owner.Remove();
                    }

                    return false;
                case Context.Response:
                    owner.RemoveAll();
                    owner["description"] = string.Empty;
                    return false;
                default:
                    owner.Remove("$ref");
                    return true;
            }
        }

        private void CollectIds(JToken token, string? baseId, string pointer)
        {
            if (token is JArray array)
            {
                for (var i = 0; i < array.Count; i++)
                {
                    CollectIds(array[i], baseId, pointer + "/" + i.ToString(CultureInfo.InvariantCulture));
                }

                return;
            }

            if (!(token is JObject obj))
            {
                return;
            }

            if (obj["$id"] is JValue id && id.Type == JTokenType.String)
            {
                baseId = (string)id!;
                _idPointers[baseId] = pointer;
            }

            if (obj["$anchor"] is JValue anchor && anchor.Type == JTokenType.String)
            {
                _idPointers[(baseId ?? string.Empty) + "#" + (string)anchor!] = pointer;
            }

            foreach (var property in obj.Properties())
            {
                if (!property.Name.StartsWith("x-", StringComparison.Ordinal) && property.Name != "example" && property.Name != "examples" && property.Name != "enum" && property.Name != "const" && property.Name != "default")
                {
                    CollectIds(property.Value, baseId, pointer + "/" + SpecLines.Escape(property.Name));
                }
            }
        }

        private string? ResolveId(string reference)
        {
            if (_idPointers.Count == 0)
            {
                return null;
            }

            if (_idPointers.TryGetValue(reference, out var pointer))
            {
                return pointer;
            }

            // Absolute $id values are matched by their path too ("https://x/schemas/a" ~ "/schemas/a").
            foreach (var pair in _idPointers)
            {
                if (pair.Key.EndsWith(reference, StringComparison.Ordinal) || reference.EndsWith(pair.Key, StringComparison.Ordinal))
                {
                    return pair.Value;
                }
            }

            return null;
        }

        private void NormalizeSchema(JObject schema, string pointer)
        {
            // 3.1 / JSON Schema type lists (also found in some Swagger 2.0 files): [T, "null"] → T + nullable.
            if (schema["type"] is JArray types)
            {
                var names = types.OfType<JValue>().Select(v => Convert.ToString(v.Value, CultureInfo.InvariantCulture) ?? string.Empty).ToList();
                var nonNull = names.Where(n => n != "null").Distinct(StringComparer.Ordinal).ToList();
                var nullable = names.Count != nonNull.Count;
                if (nonNull.Count == 1)
                {
                    schema["type"] = nonNull[0];
                }
                else
                {
                    schema.Remove("type");
                    if (nonNull.Count > 1)
                    {
                        _diagnostics.Add(KuaDiagnostics.Normalized, SpecLines.Of(types), "The schema at '" + pointer + "' allows the types " + string.Join(", ", nonNull) + "; it is read as any JSON value");
                    }
                }

                if (nullable)
                {
                    schema["nullable"] = true;
                    schema["x-nullable"] = true;
                }
            }
            else if (schema["type"] is JValue single && single.Type == JTokenType.String && (string)single! == "null")
            {
                schema.Remove("type");
                schema["nullable"] = true;
            }

            if (schema["const"] is JToken constant && schema["enum"] is null)
            {
                schema["enum"] = new JArray(constant.DeepClone());
                schema.Remove("const");
            }

            // JSON Schema 2020-12 numeric exclusive bounds → the 3.0 boolean form.
            RewriteExclusiveBound(schema, "exclusiveMinimum", "minimum");
            RewriteExclusiveBound(schema, "exclusiveMaximum", "maximum");

            if (schema["type"] is JValue t && t.Type == JTokenType.String && (string)t! == "string" && schema["format"] is null)
            {
                if (schema["contentEncoding"] is JValue encoding && string.Equals((string?)encoding, "base64", StringComparison.OrdinalIgnoreCase))
                {
                    schema["format"] = "byte";
                }
                else if (schema["contentMediaType"] is JValue media && string.Equals((string?)media, "application/octet-stream", StringComparison.OrdinalIgnoreCase))
                {
                    schema["format"] = "binary";
                }
            }

            if (schema["items"] is JArray tuple)
            {
                // Tuple validation: the items schemas differ per position, which C# lists cannot express.
                schema["items"] = new JObject();
                _diagnostics.Add(KuaDiagnostics.Normalized, SpecLines.Of(tuple), "The array at '" + pointer + "' lists one schema per position; its items are read as any JSON value");
            }

        }

        private static void RewriteExclusiveBound(JObject schema, string exclusiveName, string boundName)
        {
            if (schema[exclusiveName] is JValue value && (value.Type == JTokenType.Integer || value.Type == JTokenType.Float))
            {
                schema[boundName] = value.DeepClone();
                schema[exclusiveName] = true;
            }
        }

        private static void NormalizePathItem(JObject pathItem, HashSet<JObject> withoutResponses)
        {
            foreach (var property in pathItem.Properties())
            {
                // The validator has removed operations that are not mappings.
                if (!HttpMethods.Contains(property.Name) || !(property.Value is JObject operation))
                {
                    continue;
                }

                if (!(operation["responses"] is JObject responses) || !responses.HasValues)
                {
                    // 3.1 makes responses optional; NSwag's loader requires them.
                    operation["responses"] = new JObject();
                    withoutResponses.Add(operation);
                }
            }
        }

        private void NormalizeSecuritySchemes()
        {
            var schemes = _root["components"]?["securitySchemes"] as JObject ?? _root["securityDefinitions"] as JObject;
            if (schemes is null)
            {
                return;
            }

            foreach (var property in schemes.Properties().ToList())
            {
                var type = property.Value is JObject scheme && scheme["type"] is JValue value ? value.Value as string : null;
                if (type is null || !KnownSecurityTypes.Contains(type))
                {
                    _diagnostics.Add(KuaDiagnostics.SecuritySchemeUnsupported, SpecLines.Of(property), property.Name, type ?? "no type", "add a DelegatingHandler that authenticates these requests to the HttpClient (AddHttpMessageHandler with dependency injection)");
                    _removedSecuritySchemes.Add(property.Name);
                    property.Remove();
                }
            }
        }
    }
}
