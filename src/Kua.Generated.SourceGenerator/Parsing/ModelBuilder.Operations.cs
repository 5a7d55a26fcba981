using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Kua.Generated.SourceGenerator.Diagnostics;
using Kua.Generated.SourceGenerator.Model;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NSwag;

namespace Kua.Generated.SourceGenerator.Parsing
{
    /// <summary>Paths → operations: method names, parameters, bodies, results, errors, the token endpoint.</summary>
    internal sealed partial class ModelBuilder
    {

        private static readonly string[] RootMemberNames = { "Dispose", "DefaultBaseAddress", "KuaSecurity", "Pipeline" };

        /// <summary>
        /// Names a method parameter may not take. The operation emitter's own locals end in '_', which no parameter name
        /// has, so only the method's own last parameter is left.
        /// </summary>
        private static readonly string[] OperationLocals = { "cancellationToken" };

        private TokenEndpointModel? _tokenEndpoint;
        private string? _tokenOperationId;

        private sealed class GroupPlan
        {
            public GroupPlan(string tag, string propertyName, string className, string? summary)
            {
                Tag = tag;
                PropertyName = propertyName;
                ClassName = className;
                Summary = summary;
            }

            public string Tag { get; }

            public string PropertyName { get; }

            public string ClassName { get; }

            public string? Summary { get; }

            public NameScope Methods { get; } = new NameScope(StringComparer.Ordinal, new[] { "Dispose", "Pipeline" });

            public List<OperationModel> Operations { get; } = new List<OperationModel>();
        }

        private Dictionary<string, GroupPlan> PlanGroups(string clientName)
        {
            var groups = new Dictionary<string, GroupPlan>(StringComparer.Ordinal);
            var properties = new NameScope(StringComparer.Ordinal, RootMemberNames.Concat(new[] { clientName }));
            var descriptions = _document.Tags?.Where(t => t?.Name != null).GroupBy(t => t.Name).ToDictionary(g => g.Key, g => Text(g.First().Description), StringComparer.Ordinal)
                ?? new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var operation in EnumerateOperations())
            {
                var tag = FirstTag(operation.Operation);
                if (tag is null || groups.ContainsKey(tag))
                {
                    continue;
                }

                var propertyName = properties.Claim(Naming.ToPascal(tag, "Operations"));
                var className = propertyName + "Client";
                if (string.Equals(className, clientName, StringComparison.OrdinalIgnoreCase))
                {
                    className = propertyName + "Operations";
                }

                descriptions.TryGetValue(tag, out var summary);
                groups.Add(tag, new GroupPlan(tag, propertyName, _typeNames.Claim(className), summary));
            }

            return groups;
        }

        private static string? FirstTag(OpenApiOperation operation) =>
            operation.Tags?.FirstOrDefault(t => !string.IsNullOrWhiteSpace(t));

        private IEnumerable<(string Path, string Method, OpenApiOperation Operation)> EnumerateOperations()
        {
            foreach (var path in _document.Paths)
            {
                OpenApiPathItem item;
                try
                {
                    item = path.Value.ActualPathItem;
                }
                catch (InvalidOperationException)
                {
                    continue;
                }

                foreach (var method in OpenApiMethods.All)
                {
                    if (item.TryGetValue(method, out var operation) && operation != null)
                    {
                        yield return (path.Key, method, operation);
                    }
                }
            }
        }

        private ClientModel BuildClient(string clientName, Dictionary<string, GroupPlan> groups)
        {
            var rootMethods = new NameScope(StringComparer.Ordinal, RootMemberNames.Concat(groups.Values.Select(g => g.PropertyName)).Concat(new[] { clientName }));
            var rootOperations = new List<OperationModel>();
            ReadSecuritySchemes();
            var usedOperationIds = new Dictionary<string, int>(StringComparer.Ordinal);

            foreach (var (path, method, operation) in EnumerateOperations())
            {
                _cancellationToken.ThrowIfCancellationRequested();
                var pointer = "#/paths/" + SpecLines.Escape(path) + "/" + method;
                var tag = FirstTag(operation);
                var group = tag != null && groups.TryGetValue(tag, out var plan) ? plan : null;
                var scope = group?.Methods ?? rootMethods;
                var operationId = ChooseOperationId(operation, path, method, pointer, usedOperationIds);
                try
                {
                    var model = BuildOperation(operation, operationId, path, method, pointer, scope);
                    if (model != null)
                    {
                        (group?.Operations ?? rootOperations).Add(model);
                    }
                }
                catch (Exception ex) when (!(ex is OperationCanceledException))
                {
                    _diagnostics.Add(KuaDiagnostics.OperationSkipped, At(pointer), operationId, ex.Message);
                }
            }

            DrainPending();
            var description = Text(_document.Info?.Description) ?? Text(_document.Info?.Title);
            return new ClientModel(
                clientName,
                description,
                DefaultBaseAddress(),
                rootOperations.ToEquatableArray(),
                groups.Values.Select(g => new OperationGroupModel(g.PropertyName, g.ClassName, g.Summary, g.Operations.ToEquatableArray())).ToEquatableArray(),
                _tokenEndpoint,
                BuildSecurity(clientName));
        }

        private string ChooseOperationId(OpenApiOperation operation, string path, string method, string pointer, Dictionary<string, int> used)
        {
            var id = Text(operation.OperationId);
            var synthesized = id is null;
            if (synthesized)
            {
                id = SynthesizeName(path, method);
            }

            if (used.TryGetValue(id!, out var count))
            {
                used[id!] = count + 1;
                var renamed = id + Naming.ToPascal(method);
                if (used.ContainsKey(renamed))
                {
                    renamed = id + (count + 1).ToString(CultureInfo.InvariantCulture);
                }

                if (!synthesized)
                {
                    _diagnostics.Add(KuaDiagnostics.DuplicateOperationId, At(pointer), id!, method.ToUpperInvariant(), path, Naming.ToPascal(renamed) + "Async");
                }

                id = renamed;
            }

            used[id!] = 1;
            if (synthesized)
            {
                _diagnostics.Add(KuaDiagnostics.SynthesizedOperationName, At(pointer), method.ToUpperInvariant(), path, Naming.ToPascal(id) + "Async");
            }

            return id!;
        }

        /// <summary><c>GET /pets/{petId}/photos</c> → <c>getPetsByPetIdPhotos</c>.</summary>
        private static string SynthesizeName(string path, string method)
        {
            var builder = new StringBuilder(method.ToLowerInvariant());
            foreach (var segment in path.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries))
            {
                if (segment.StartsWith("{", StringComparison.Ordinal) && segment.EndsWith("}", StringComparison.Ordinal))
                {
                    builder.Append("By").Append(Naming.ToPascal(segment.Trim('{', '}')));
                }
                else
                {
                    builder.Append(Naming.ToPascal(segment, string.Empty));
                }
            }

            return builder.ToString();
        }

        private OperationModel? BuildOperation(OpenApiOperation operation, string operationId, string path, string method, string pointer, NameScope methodNames)
        {
            var raw = SpecLines.Resolve(_root, pointer).Node as JObject;
            var methodBase = Naming.ToPascal(operationId, "Operation");
            var methodName = methodNames.Claim(methodBase + "Async");
            var withResponseName = methodNames.Claim(methodBase + "WithResponseAsync");
            var requestName = methodNames.Claim(methodBase + "Request");
            var descriptorName = methodNames.Claim("s_" + methodBase);
            var parameterNames = new NameScope(StringComparer.Ordinal, OperationLocals);

            var parameters = BuildParameters(operation, path, methodBase, pointer, parameterNames);
            var body = BuildBody(operation, methodBase, pointer, parameterNames, out var sensitive);
            var (result, errors) = BuildResponses(operation, methodBase, pointer, raw);
            StreamVariantModel? streamVariant;
            (result, streamVariant) = BuildStreams(operation, methodBase, pointer, result, methodNames);

            if (raw?["callbacks"] is JObject callbacks && callbacks.Count > 0)
            {
                _diagnostics.Add(KuaDiagnostics.CallbacksIgnored, SpecLines.Of(callbacks.Parent), operationId);
            }

            if (raw?["responses"] is JObject responses && responses.Properties().Any(r => r.Value is JObject response && response["links"] is JObject links && links.Count > 0))
            {
                _diagnostics.Add(KuaDiagnostics.LinksIgnored, SpecLines.Of(responses.Parent), operationId);
            }

            var securitySet = SecuritySetOf(raw, operationId);
            var anonymous = securitySet < 0;
            var isTokenEndpoint = raw != null && IsTrue(raw["x-kua-token-endpoint"]);
            if (isTokenEndpoint)
            {
                RegisterTokenEndpoint(operation, operationId, path, method, pointer, parameters);
                sensitive = true;
            }

            var headers = BuildResponseHeaders(operation, methodBase, pointer, methodNames);
            return new OperationModel(operationId, methodName, method.ToUpperInvariant())
            {
                WithResponseMethodName = withResponseName,
                RequestMethodName = requestName,
                DescriptorName = descriptorName,
                PathTemplate = path,
                Path = PathSegments(path, parameters).ToEquatableArray(),
                Summary = Text(operation.Summary),
                Description = Text(operation.Description),
                Deprecated = operation.IsDeprecated,
                Anonymous = anonymous,
                SecuritySet = anonymous ? 0 : securitySet,
                Sensitive = sensitive,
                Parameters = parameters.ToEquatableArray(),
                Body = body,
                Result = result,
                Errors = errors.ToEquatableArray(),
                ResponseHeaders = headers.ToEquatableArray(),
                ResponseHeadersClass = headers.Count == 0 ? null : _typeNames.Claim(methodBase + "ResponseHeaders"),
                StreamVariant = streamVariant,
            };
        }

        /// <summary>
        /// The path relative to the base address: literal text escaped for a URL (keeping '/' and RFC 3986
        /// sub-delimiters) and the path parameters' values. A placeholder no parameter fills stays as written.
        /// </summary>
        private static IEnumerable<PathSegment> PathSegments(string path, List<ParameterModel> parameters)
        {
            var template = path.TrimStart('/');
            var position = 0;
            while (position < template.Length)
            {
                var open = template.IndexOf('{', position);
                var close = open < 0 ? -1 : template.IndexOf('}', open);
                if (open < 0 || close < 0)
                {
                    yield return PathSegment.Text(EscapePathLiteral(template.Substring(position)));
                    yield break;
                }

                if (open > position)
                {
                    yield return PathSegment.Text(EscapePathLiteral(template.Substring(position, open - position)));
                }

                var name = template.Substring(open + 1, close - open - 1);
                var parameter = parameters.FirstOrDefault(p => p.Location == ParameterLocation.Path && p.Name == name);
                yield return parameter is null
                    ? PathSegment.Text(EscapePathLiteral(template.Substring(open, close - open + 1)))
                    : PathSegment.Parameter(parameter.ParameterName);
                position = close + 1;
            }
        }

        /// <summary>Percent-encodes what a URL path may not hold literally, keeping '/' and RFC 3986 sub-delimiters.</summary>
        private static string EscapePathLiteral(string text)
        {
            var builder = new StringBuilder(text.Length);
            foreach (var b in Encoding.UTF8.GetBytes(text))
            {
                var c = (char)b;
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~/!$&'()*+,;=:@%".IndexOf(c) >= 0)
                {
                    builder.Append(c);
                }
                else
                {
                    builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }
            }

            return builder.ToString();
        }

        private List<ParameterModel> BuildParameters(OpenApiOperation operation, string path, string methodBase, string pointer, NameScope names)
        {
            var result = new List<ParameterModel>();
            var index = -1;
            foreach (var declared in operation.ActualParameters)
            {
                index++;
                var parameter = declared.ActualParameter;
                ParameterLocation location;
                switch (parameter.Kind)
                {
                    case OpenApiParameterKind.Path:
                        location = ParameterLocation.Path;
                        break;
                    case OpenApiParameterKind.Query:
                        location = ParameterLocation.Query;
                        break;
                    case OpenApiParameterKind.Header:
                        location = ParameterLocation.Header;
                        break;
                    case OpenApiParameterKind.Cookie:
                        location = ParameterLocation.Cookie;
                        break;
                    default:
                        continue;
                }

                if (location == ParameterLocation.Header && IsManagedHeader(parameter.Name))
                {
                    // Content-Type, Accept and Authorization are set by the client itself.
                    continue;
                }

                var paramPointer = pointer + "/parameters/" + index.ToString(CultureInfo.InvariantCulture);
                var schema = parameter.Schema ?? parameter;
                var type = Resolve(schema, methodBase + Naming.ToPascal(parameter.Name), paramPointer, 1);
                if (type.Kind == TypeKind.Binary)
                {
                    type = new TypeRef(TypeKind.String, Nullable: type.Nullable);
                }

                if (location == ParameterLocation.Path)
                {
                    // A path segment always has a value, whatever the schema says about null.
                    type = type.WithNullable(false);
                }

                var (style, explode) = StyleOf(parameter, location);
                var required = parameter.IsRequired || location == ParameterLocation.Path;
                result.Add(new ParameterModel(
                    parameter.Name,
                    names.Claim(Naming.ToCamel(parameter.Name)),
                    location,
                    type,
                    required,
                    style,
                    explode,
                    parameter.ExtensionData != null && IsTrue(parameter.ExtensionData, "allowReserved") || IsAllowReserved(paramPointer),
                    Text(parameter.Description),
                    parameter.IsDeprecated,
                    ObjectFields(type)));
            }

            // Path parameters first, in the order the path names them (NSwag lists the path item's own after the
            // operation's); then the other required ones and last the optional ones, which default to null.
            var pathParameters = result.Where(p => p.Location == ParameterLocation.Path).OrderBy(p => PositionInPath(path, p.Name));
            return pathParameters
                .Concat(result.Where(p => p.Required && p.Location != ParameterLocation.Path))
                .Concat(result.Where(p => !p.Required && p.Location != ParameterLocation.Path))
                .ToList();
        }

        private static int PositionInPath(string path, string name)
        {
            var position = path.IndexOf("{" + name + "}", StringComparison.Ordinal);
            return position < 0 ? int.MaxValue : position;
        }

        private bool IsAllowReserved(string pointer) =>
            SpecLines.Resolve(_root, pointer).Node is JObject raw && IsTrue(raw["allowReserved"]);

        private static bool IsManagedHeader(string name) =>
            string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase) ||
            string.Equals(name, "Accept", StringComparison.OrdinalIgnoreCase) ||
            string.Equals(name, "Authorization", StringComparison.OrdinalIgnoreCase);

        private (ParameterStyle Style, bool Explode) StyleOf(OpenApiParameter parameter, ParameterLocation location)
        {
            if (_version == SpecVersion.Swagger2)
            {
                switch (parameter.CollectionFormat)
                {
                    case OpenApiParameterCollectionFormat.Multi:
                        return (ParameterStyle.Form, true);
                    case OpenApiParameterCollectionFormat.Ssv:
                        return (ParameterStyle.SpaceDelimited, false);
                    case OpenApiParameterCollectionFormat.Pipes:
                        return (ParameterStyle.PipeDelimited, false);
                    case OpenApiParameterCollectionFormat.Tsv:
                        return (ParameterStyle.TabDelimited, false);
                    default:
                        return (location == ParameterLocation.Query || location == ParameterLocation.Cookie ? ParameterStyle.Form : ParameterStyle.Simple, false);
                }
            }

            ParameterStyle style;
            switch (parameter.Style)
            {
                case OpenApiParameterStyle.Simple:
                    style = ParameterStyle.Simple;
                    break;
                case OpenApiParameterStyle.Label:
                    style = ParameterStyle.Label;
                    break;
                case OpenApiParameterStyle.Matrix:
                    style = ParameterStyle.Matrix;
                    break;
                case OpenApiParameterStyle.Form:
                    style = ParameterStyle.Form;
                    break;
                case OpenApiParameterStyle.SpaceDelimeted:
                    style = ParameterStyle.SpaceDelimited;
                    break;
                case OpenApiParameterStyle.PipeDelimited:
                    style = ParameterStyle.PipeDelimited;
                    break;
                case OpenApiParameterStyle.DeepObject:
                    style = ParameterStyle.DeepObject;
                    break;
                default:
                    style = location == ParameterLocation.Query || location == ParameterLocation.Cookie ? ParameterStyle.Form : ParameterStyle.Simple;
                    break;
            }

            // OpenAPI 3: explode defaults to true for form style, false otherwise.
            return (style, parameter.Explode ?? style == ParameterStyle.Form);
        }

        private EquatableArray<ObjectFieldModel> ObjectFields(TypeRef type)
        {
            if (type.Kind != TypeKind.Object || type.Name is null)
            {
                return EquatableArray<ObjectFieldModel>.Empty;
            }

            var builder = _types.FirstOrDefault(t => t.Name == type.Name);
            if (builder is null)
            {
                return EquatableArray<ObjectFieldModel>.Empty;
            }

            Build(builder);
            var properties = builder.Base is null ? builder.Properties : AllProperties(builder);
            return properties.Select(p => new ObjectFieldModel(p.JsonName, p.Name, p.Type, p.Required)).ToEquatableArray();
        }

        private RequestBodyModel? BuildBody(OpenApiOperation operation, string methodBase, string pointer, NameScope names, out bool sensitive)
        {
            sensitive = false;
            var formData = operation.ActualParameters.Select(p => p.ActualParameter).Where(p => p.Kind == OpenApiParameterKind.FormData).ToList();
            if (formData.Count > 0)
            {
                return BuildFormDataBody(operation, formData, methodBase, pointer, names);
            }

            OpenApiRequestBody? body;
            try
            {
                body = operation.RequestBody?.ActualRequestBody;
            }
            catch (InvalidOperationException)
            {
                body = null;
            }

            if (body is null || body.Content.Count == 0)
            {
                return null;
            }

            var bodyPointer = pointer + "/requestBody";
            var (mediaType, kind) = ChooseRequestMediaType(body.Content.Keys);
            var content = body.Content[mediaType];
            var schema = content?.Schema;
            var description = Text(body.Description);
            var required = body.IsRequired;
            var name = names.Claim(Naming.ToCamel(Text(body.Name) ?? "body"));
            sensitive = HasPasswordField(schema);

            switch (kind)
            {
                case BodyKind.Json:
                    var type = Resolve(schema, methodBase + "Request", bodyPointer, 1);
                    if (type.Kind == TypeKind.Binary)
                    {
                        return new RequestBodyModel(BodyKind.Binary, mediaType, name, new TypeRef(TypeKind.Binary), required, description, EquatableArray<FormFieldModel>.Empty);
                    }

                    return new RequestBodyModel(BodyKind.Json, mediaType, name, type, required, description, EquatableArray<FormFieldModel>.Empty);

                case BodyKind.Form:
                case BodyKind.Multipart:
                    return BuildSchemaFormBody(kind, mediaType, schema, methodBase, bodyPointer, name, required, description, names);

                case BodyKind.Text:
                    return new RequestBodyModel(BodyKind.Text, mediaType, name, TypeRef.String, required, description, EquatableArray<FormFieldModel>.Empty);

                default:
                    return new RequestBodyModel(BodyKind.Binary, mediaType, name, new TypeRef(TypeKind.Binary), required, description, EquatableArray<FormFieldModel>.Empty);
            }
        }

        private RequestBodyModel BuildSchemaFormBody(BodyKind kind, string mediaType, JsonSchema? schema, string methodBase, string pointer, string bodyName, bool required, string? description, NameScope names)
        {
            var actual = schema is null ? null : Actual(schema, pointer);
            if (actual != null && _typesBySchema.TryGetValue(actual, out var named) && named.Kind == TypeKind.Object)
            {
                // A named schema stays one DTO parameter; its properties become the fields.
                Build(named);
                var fields = (named.Base is null ? named.Properties : AllProperties(named))
                    .Select(p => new FormFieldModel(p.JsonName, p.Name, null, p.Type, p.Required, IsFileProperty(actual, p.JsonName), p.Summary))
                    .ToEquatableArray();
                return new RequestBodyModel(kind, mediaType, bodyName, new TypeRef(TypeKind.Object, named.Name), required, description, fields);
            }

            // An inline schema: one method parameter per field, like Swagger 2.0's formData.
            var inlineFields = new List<FormFieldModel>();
            if (actual != null)
            {
                var requiredNames = new HashSet<string>(actual.RequiredProperties, StringComparer.Ordinal);
                foreach (var property in actual.ActualProperties)
                {
                    var fieldPointer = pointer + "/properties/" + SpecLines.Escape(property.Key);
                    var type = Resolve(property.Value, methodBase + Naming.ToPascal(property.Key), fieldPointer, 1);
                    var isFile = type.Kind == TypeKind.Binary || (type.Kind == TypeKind.List && type.Element?.Kind == TypeKind.Binary);
                    inlineFields.Add(new FormFieldModel(
                        property.Key,
                        null,
                        names.Claim(Naming.ToCamel(property.Key)),
                        type,
                        requiredNames.Contains(property.Key) || property.Value.IsRequired,
                        isFile,
                        Text(property.Value.Description)));
                }
            }

            return new RequestBodyModel(kind, mediaType, bodyName, null, required, description, OrderFields(inlineFields));
        }

        private static bool IsFileProperty(JsonSchema schema, string jsonName)
        {
            if (!schema.ActualProperties.TryGetValue(jsonName, out var property))
            {
                return false;
            }

            var actual = property.ActualSchema;
            var item = actual.Item?.ActualSchema;
            return actual.IsBinary || (item != null && item.IsBinary) ||
                   string.Equals(actual.Format, "binary", StringComparison.OrdinalIgnoreCase) ||
                   (item != null && string.Equals(item.Format, "binary", StringComparison.OrdinalIgnoreCase));
        }

        private RequestBodyModel BuildFormDataBody(OpenApiOperation operation, List<OpenApiParameter> formData, string methodBase, string pointer, NameScope names)
        {
            var fields = new List<FormFieldModel>();
            var anyFile = false;
            foreach (var parameter in formData)
            {
                var type = Resolve(parameter.Schema ?? parameter, methodBase + Naming.ToPascal(parameter.Name), pointer + "/parameters", 1);
                var isFile = type.Kind == TypeKind.Binary || (type.Kind == TypeKind.List && type.Element?.Kind == TypeKind.Binary);
                anyFile |= isFile;
                fields.Add(new FormFieldModel(parameter.Name, null, names.Claim(Naming.ToCamel(parameter.Name)), type, parameter.IsRequired, isFile, Text(parameter.Description)));
            }

            var consumes = operation.ActualConsumes ?? new List<string>();
            var multipart = anyFile || consumes.Any(c => c.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase)) && !consumes.Any(c => c.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase));
            var kind = multipart ? BodyKind.Multipart : BodyKind.Form;
            return new RequestBodyModel(kind, multipart ? "multipart/form-data" : "application/x-www-form-urlencoded", "body", null, fields.Any(f => f.Required), null, OrderFields(fields));
        }

        private static EquatableArray<FormFieldModel> OrderFields(List<FormFieldModel> fields) =>
            fields.Where(f => f.Required).Concat(fields.Where(f => !f.Required)).ToEquatableArray();

        private static (string MediaType, BodyKind Kind) ChooseRequestMediaType(IEnumerable<string> mediaTypes)
        {
            var list = mediaTypes.ToList();
            string? Find(Func<string, bool> predicate) => list.FirstOrDefault(predicate);
            var json = Find(IsJson);
            if (json != null)
            {
                return (json, BodyKind.Json);
            }

            var form = Find(m => m.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase));
            if (form != null)
            {
                return (form, BodyKind.Form);
            }

            var multipart = Find(m => m.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase));
            if (multipart != null)
            {
                return (multipart, BodyKind.Multipart);
            }

            var text = Find(IsText);
            if (text != null)
            {
                return (text, BodyKind.Text);
            }

            return (list[0], BodyKind.Binary);
        }

        private static bool IsJson(string mediaType)
        {
            var essence = mediaType.Split(';')[0].Trim().ToLowerInvariant();
            return essence == "application/json" || essence == "*/*" || essence == "text/json" || essence.EndsWith("+json", StringComparison.Ordinal) || essence == "application/x-json";
        }

        private static bool IsText(string mediaType)
        {
            var essence = mediaType.Split(';')[0].Trim().ToLowerInvariant();
            return essence.StartsWith("text/", StringComparison.Ordinal) || essence.EndsWith("+xml", StringComparison.Ordinal) || essence == "application/xml" || essence == "application/javascript" || essence == "application/yaml";
        }

        private bool HasPasswordField(JsonSchema? schema)
        {
            var actual = schema is null ? null : Actual(schema, "#");
            return actual != null && actual.ActualProperties.Values.Any(p => string.Equals(p.ActualSchema?.Format ?? p.Format, "password", StringComparison.OrdinalIgnoreCase));
        }

        private (ResultModel Result, List<ErrorResponseModel> Errors) BuildResponses(OpenApiOperation operation, string methodBase, string pointer, JObject? raw)
        {
            var successes = new List<(StatusMatcher Status, ResponseKind Kind, TypeRef? Type, string MediaType, string? Description)>();
            var errors = new List<ErrorResponseModel>();
            var responses = operation.ActualResponses.OrderBy(r => StatusOrder(r.Key)).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
            var hasSuccess = responses.Any(r => IsSuccess(r.Key));
            var noResponses = raw != null && _normalized.OperationsWithoutResponses.Contains(raw);
            if (noResponses)
            {
                _diagnostics.Add(KuaDiagnostics.NoResponses, At(pointer), Text(operation.OperationId) ?? methodBase);
            }

            foreach (var pair in responses)
            {
                var status = StatusMatcher.Parse(pair.Key);
                OpenApiResponse response;
                try
                {
                    response = pair.Value.ActualResponse;
                }
                catch (InvalidOperationException)
                {
                    continue;
                }

                if (status is null)
                {
                    continue;
                }

                var success = IsSuccess(pair.Key) || (!hasSuccess && pair.Key == "default");
                var responsePointer = pointer + "/responses/" + SpecLines.Escape(pair.Key);
                var hint = methodBase + (success ? "Response" : "Error" + Naming.ToPascal(pair.Key));
                var (kind, bodyType, mediaType) = ResponseBody(response, hint, responsePointer);
                if (success)
                {
                    successes.Add((status, kind, bodyType, mediaType, Text(response.Description)));
                }
                else
                {
                    errors.Add(new ErrorResponseModel(status, kind == ResponseKind.Json ? bodyType : null, Text(response.Description)));
                }
            }

            var withBody = successes.Where(s => s.Kind != ResponseKind.None).ToList();
            var withoutBody = successes.Where(s => s.Kind == ResponseKind.None && s.Status.IsExact).Select(s => s.Status.Low).ToEquatableArray();
            if (withBody.Count == 0)
            {
                return (ResultModel.None with { StatusesWithoutBody = withoutBody }, errors);
            }

            var primary = withBody[0];
            var json = withBody.Where(s => s.Kind == ResponseKind.Json && s.Type != null).ToList();
            if (primary.Kind == ResponseKind.Json && json.Any(s => !Equals(s.Type!.WithNullable(false), primary.Type?.WithNullable(false))))
            {
                // Success statuses with different schemas: a result class keeps the status and the JSON, and reads each schema on demand.
                var variantNames = new NameScope(StringComparer.Ordinal, new[] { "Status", "Json", "Match", "ToString", "Equals", "GetHashCode", "GetType" });
                var variants = json
                    .GroupBy(s => s.Type!.WithNullable(false))
                    .Select(g => new ResultVariantModel(g.First().Status, variantNames.Claim(VariantName(g.Key)), g.Key, g.First().Description))
                    .ToList();
                var resultClass = _typeNames.Claim(methodBase + "Result");
                return (new ResultModel(ResponseKind.Json, new TypeRef(TypeKind.Object, resultClass))
                {
                    MediaType = primary.MediaType,
                    StatusesWithoutBody = withoutBody,
                    Variants = StatusSets(json, variants).ToEquatableArray(),
                    VariantsClass = resultClass,
                }, errors);
            }

            var type = primary.Type;
            if (type != null && !withoutBody.IsEmpty && primary.Kind != ResponseKind.Binary)
            {
                type = type.WithNullable(true);
            }

            return (new ResultModel(primary.Kind, type) { MediaType = primary.MediaType, StatusesWithoutBody = withoutBody }, errors);
        }

        /// <summary>One variant per status that has a body: a schema declared by several statuses is a variant for each.</summary>
        private static IEnumerable<ResultVariantModel> StatusSets(
            List<(StatusMatcher Status, ResponseKind Kind, TypeRef? Type, string MediaType, string? Description)> json,
            List<ResultVariantModel> byType)
        {
            foreach (var success in json)
            {
                var variant = byType.First(v => Equals(v.Type, success.Type!.WithNullable(false)));
                yield return variant with { Status = success.Status, Description = success.Description ?? variant.Description };
            }
        }

        /// <summary>The headers success replies declare (each name once, the first declaration's type and words).</summary>
        private List<ResponseHeaderModel> BuildResponseHeaders(OpenApiOperation operation, string methodBase, string pointer, NameScope methodNames)
        {
            var headers = new List<ResponseHeaderModel>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var properties = new NameScope(StringComparer.Ordinal, new[] { "Equals", "GetHashCode", "GetType", "ToString", methodBase + "ResponseHeaders" });
            foreach (var pair in operation.ActualResponses.Where(r => IsSuccess(r.Key)).OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                OpenApiResponse response;
                try
                {
                    response = pair.Value.ActualResponse;
                }
                catch (InvalidOperationException)
                {
                    continue;
                }

                foreach (var header in (IEnumerable<KeyValuePair<string, OpenApiHeader>>?)response.Headers ?? Enumerable.Empty<KeyValuePair<string, OpenApiHeader>>())
                {
                    if (string.IsNullOrWhiteSpace(header.Key) || !seen.Add(header.Key) || header.Value is null)
                    {
                        continue;
                    }

                    var headerPointer = pointer + "/responses/" + SpecLines.Escape(pair.Key) + "/headers/" + SpecLines.Escape(header.Key);
                    var schema = header.Value.Schema ?? header.Value;
                    var type = Resolve(schema, methodBase + Naming.ToPascal(header.Key), headerPointer, 1);
                    headers.Add(new ResponseHeaderModel(header.Key, properties.Claim(Naming.ToPascal(header.Key, "Header")), HeaderType(type), Text(header.Value.Description)));
                }
            }

            return headers;
        }

        /// <summary>Header values are text: the formats a header can carry are typed, anything else is its text.</summary>
        private static TypeRef HeaderType(TypeRef type)
        {
            switch (type.Kind)
            {
                case TypeKind.String:
                case TypeKind.Boolean:
                case TypeKind.Int32:
                case TypeKind.Int64:
                case TypeKind.Double:
                case TypeKind.Single:
                case TypeKind.Decimal:
                case TypeKind.DateTimeOffset:
                case TypeKind.Guid:
                case TypeKind.Uri:
                    return type.WithNullable(false);
                case TypeKind.List when type.Element != null && type.Element.Kind == TypeKind.String:
                    return type.WithNullable(false);
                default:
                    return TypeRef.String;
            }
        }

        private (ResponseKind Kind, TypeRef? Type, string MediaType) ResponseBody(OpenApiResponse response, string hint, string pointer)
        {
            if (response.Content is null || response.Content.Count == 0)
            {
                return (ResponseKind.None, null, string.Empty);
            }

            var keys = response.Content.Keys.ToList();
            var json = keys.FirstOrDefault(IsJson);
            if (json != null)
            {
                var schema = response.Content[json]?.Schema;
                if (schema is null)
                {
                    return (ResponseKind.Json, TypeRef.Any, json);
                }

                var type = Resolve(schema, hint, pointer, 1);
                return type.Kind == TypeKind.Binary ? (ResponseKind.Binary, new TypeRef(TypeKind.Binary), json) : (ResponseKind.Json, type, json);
            }

            var text = keys.FirstOrDefault(k => IsText(k) && !IsBinarySchema(response.Content[k]?.Schema));
            if (text != null)
            {
                return (ResponseKind.Text, TypeRef.String, text);
            }

            return (ResponseKind.Binary, new TypeRef(TypeKind.Binary), keys[0]);
        }

        private static bool IsBinarySchema(JsonSchema? schema)
        {
            var actual = schema?.ActualSchema;
            return actual != null && (actual.IsBinary || string.Equals(actual.Format, "binary", StringComparison.OrdinalIgnoreCase));
        }

        private static bool IsSuccess(string status) =>
            status.Length == 3 && status[0] == '2';

        private static int StatusOrder(string status)
        {
            if (status == "default")
            {
                return 1000;
            }

            // "2XX" sorts after the exact 2xx codes.
            return status.Length == 3 && char.IsDigit(status[0])
                ? (status[0] - '0') * 100 + (char.IsDigit(status[1]) && char.IsDigit(status[2]) ? int.Parse(status.Substring(1), CultureInfo.InvariantCulture) : 99)
                : 999;
        }

        private string? DefaultBaseAddress()
        {
            var server = _document.Servers?.FirstOrDefault(s => !string.IsNullOrWhiteSpace(s?.Url));
            string? url = server?.Url;
            if (server != null && url != null && server.Variables != null)
            {
                foreach (var variable in server.Variables)
                {
                    url = url.Replace("{" + variable.Key + "}", variable.Value?.Default ?? string.Empty);
                }
            }

            if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
            {
                return null;
            }

            var text = uri.GetLeftPart(UriPartial.Path);
            return text.EndsWith("/", StringComparison.Ordinal) ? text : text + "/";
        }

        private void RegisterTokenEndpoint(OpenApiOperation operation, string operationId, string path, string method, string pointer, List<ParameterModel> parameters)
        {
            string? Problem()
            {
                if (_tokenOperationId != null)
                {
                    _diagnostics.Add(KuaDiagnostics.MultipleTokenEndpoints, At(pointer), operationId, _tokenOperationId);
                    return string.Empty;
                }

                if (!string.Equals(method, "post", StringComparison.OrdinalIgnoreCase))
                {
                    return "it is not a POST";
                }

                if (parameters.Any(p => p.Required))
                {
                    return "it has required parameters";
                }

                return null;
            }

            var problem = Problem();
            if (problem == string.Empty)
            {
                return;
            }

            JsonSchema? request = null;
            try
            {
                var body = operation.RequestBody?.ActualRequestBody;
                var json = body?.Content.Keys.FirstOrDefault(IsJson);
                request = json is null ? null : body!.Content[json]?.Schema?.ActualSchema;
            }
            catch (InvalidOperationException)
            {
                request = null;
            }

            var reply = operation.ActualResponses
                .Where(r => IsSuccess(r.Key))
                .Select(r => r.Value.ActualResponse)
                .Select(r => r.Content.Keys.Where(IsJson).Select(k => r.Content[k]?.Schema?.ActualSchema).FirstOrDefault(s => s != null))
                .FirstOrDefault(s => s != null);

            var user = request is null ? null : FindField(request, "user", new[] { "email", "username", "userName", "user_name", "login", "user" }, "email");
            var password = request is null ? null : FindField(request, "password", new[] { "password", "pass" }, "password");
            var token = reply is null ? null : FindField(reply, "access-token", new[] { "accessToken", "access_token", "token" }, null);
            var expiresIn = reply is null ? null : FindField(reply, "expires-in", new[] { "expiresIn", "expires_in" }, null);
            var tokenType = reply is null ? null : FindField(reply, "token-type", new[] { "tokenType", "token_type" }, null);

            problem ??= request is null ? "it has no JSON request body"
                : user is null ? "its request body has no user or email field"
                : password is null ? "its request body has no password field"
                : reply is null ? "it has no JSON success response"
                : token is null ? "its response has no access token field"
                : null;
            if (problem != null)
            {
                _diagnostics.Add(KuaDiagnostics.TokenEndpointIncomplete, At(pointer), operationId, problem);
                return;
            }

            _tokenOperationId = operationId;
            _tokenEndpoint = new TokenEndpointModel(operationId, path.TrimStart('/'), user!, password!, token!, expiresIn, tokenType);
        }

        /// <summary>A field by explicit role (<c>x-kua-token-role</c>), then by format, then by conventional names.</summary>
        private static string? FindField(JsonSchema schema, string role, string[] names, string? format)
        {
            var properties = schema.ActualProperties;
            foreach (var pair in properties)
            {
                if (string.Equals(TextOf(pair.Value.ExtensionData, "x-kua-token-role"), role, StringComparison.OrdinalIgnoreCase))
                {
                    return pair.Key;
                }
            }

            if (format != null)
            {
                foreach (var pair in properties)
                {
                    if (string.Equals(pair.Value.ActualSchema?.Format ?? pair.Value.Format, format, StringComparison.OrdinalIgnoreCase))
                    {
                        return pair.Key;
                    }
                }
            }

            foreach (var name in names)
            {
                foreach (var pair in properties)
                {
                    if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase))
                    {
                        return pair.Key;
                    }
                }
            }

            return null;
        }
    }
}
