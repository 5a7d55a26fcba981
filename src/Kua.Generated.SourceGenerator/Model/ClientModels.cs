namespace Kua.Generated.SourceGenerator.Model
{
    /// <summary>The root client of one spec: its operations grouped by tag.</summary>
    internal sealed record ClientModel(
        string Name,
        string? Summary,
        string? DefaultBaseAddress,
        EquatableArray<OperationModel> Operations,
        EquatableArray<OperationGroupModel> Groups,
        TokenEndpointModel? TokenEndpoint,
        SecurityModel? Security);

    /// <summary>A sub-client holding one tag's operations (<c>client.Accounts</c>).</summary>
    internal sealed record OperationGroupModel(string PropertyName, string ClassName, string? Summary, EquatableArray<OperationModel> Operations);

    /// <summary>The operation marked <c>x-kua-token-endpoint</c>, as the runtime's login needs it.</summary>
    internal sealed record TokenEndpointModel(
        string OperationId,
        string Path,
        string UserField,
        string PasswordField,
        string AccessTokenField,
        string? ExpiresInField,
        string? TokenTypeField);

    /// <summary>One HTTP operation and the method that calls it.</summary>
    internal sealed record OperationModel(string OperationId, string MethodName, string HttpMethod)
    {
        /// <summary>The method that also returns the reply's status and headers (<c>{Operation}WithResponseAsync</c>).</summary>
        public string WithResponseMethodName { get; init; } = string.Empty;

        /// <summary>The private method that builds the request both methods send.</summary>
        public string RequestMethodName { get; init; } = string.Empty;

        /// <summary>The private static field that describes the operation to the runtime.</summary>
        public string DescriptorName { get; init; } = string.Empty;

        /// <summary>The path as the spec writes it (<c>/pets/{petId}</c>), for documentation.</summary>
        public string PathTemplate { get; init; } = string.Empty;

        /// <summary>The path relative to the base address, as literal text (already escaped) and parameter values.</summary>
        public EquatableArray<PathSegment> Path { get; init; } = EquatableArray<PathSegment>.Empty;

        public string? Summary { get; init; }

        public string? Description { get; init; }

        public bool Deprecated { get; init; }

        /// <summary><c>security: []</c>: the request carries no credentials.</summary>
        public bool Anonymous { get; init; }

        /// <summary>Replies may hold secrets (a login): never kept in exceptions.</summary>
        public bool Sensitive { get; init; }

        public EquatableArray<ParameterModel> Parameters { get; init; } = EquatableArray<ParameterModel>.Empty;

        public RequestBodyModel? Body { get; init; }

        public ResultModel Result { get; init; } = ResultModel.None;

        public EquatableArray<ErrorResponseModel> Errors { get; init; } = EquatableArray<ErrorResponseModel>.Empty;

        /// <summary>The requirement set of <see cref="SecurityModel.RequirementSets"/> the operation follows (0: the document's).</summary>
        public int SecuritySet { get; init; }

        /// <summary>Headers the success replies declare, read into a typed class by the <c>…WithResponseAsync</c> method.</summary>
        public EquatableArray<ResponseHeaderModel> ResponseHeaders { get; init; } = EquatableArray<ResponseHeaderModel>.Empty;

        /// <summary>The class holding <see cref="ResponseHeaders"/> (<c>{Operation}ResponseHeaders</c>), when there are any.</summary>
        public string? ResponseHeadersClass { get; init; }

        /// <summary>The method that reads the reply as items while it arrives, beside this one; null when there is none.</summary>
        public StreamVariantModel? StreamVariant { get; init; }
    }

    /// <summary>A piece of an operation's path: literal text (escaped for a URL) or the value of a path parameter.</summary>
    internal sealed record PathSegment(string? Literal, string? ParameterName)
    {
        public static PathSegment Text(string escaped) => new PathSegment(escaped, null);

        public static PathSegment Parameter(string parameterName) => new PathSegment(null, parameterName);
    }

    /// <summary>Which statuses a response covers: one code (<c>404</c>), a range (<c>4XX</c>) or <c>default</c> (everything else).</summary>
    internal sealed record StatusMatcher(string Text, int Low, int High)
    {
        public bool IsExact => Low == High;

        /// <summary>The matcher for a status key of the spec, or null for a key that is none.</summary>
        public static StatusMatcher? Parse(string key)
        {
            if (key == "default")
            {
                return new StatusMatcher(key, 0, 999);
            }

            if (key.Length != 3 || key[0] < '1' || key[0] > '5')
            {
                return null;
            }

            if (char.IsDigit(key[1]) && char.IsDigit(key[2]))
            {
                var code = ((key[0] - '0') * 100) + ((key[1] - '0') * 10) + (key[2] - '0');
                return new StatusMatcher(key, code, code);
            }

            if ((key[1] == 'X' || key[1] == 'x') && (key[2] == 'X' || key[2] == 'x'))
            {
                var low = (key[0] - '0') * 100;
                return new StatusMatcher(key, low, low + 99);
            }

            return null;
        }
    }

    /// <summary>A header a success reply declares, and the typed property that reads it.</summary>
    internal sealed record ResponseHeaderModel(string Name, string PropertyName, TypeRef Type, string? Description);

    internal enum ParameterLocation
    {
        Path,
        Query,
        Header,
        Cookie,
    }

    internal enum ParameterStyle
    {
        Form,
        SpaceDelimited,
        PipeDelimited,
        DeepObject,
        Simple,
        Label,
        Matrix,
        TabDelimited,
    }

    /// <summary>A path, query, header or cookie parameter, with its serialization rules.</summary>
    internal sealed record ParameterModel(
        string Name,
        string ParameterName,
        ParameterLocation Location,
        TypeRef Type,
        bool Required,
        ParameterStyle Style,
        bool Explode,
        bool AllowReserved,
        string? Description,
        bool Deprecated,
        EquatableArray<ObjectFieldModel> ObjectFields);

    /// <summary>A property of an object parameter or form body: wire name, C# property, type.</summary>
    internal sealed record ObjectFieldModel(string Name, string PropertyName, TypeRef Type, bool Required);

    internal enum BodyKind
    {
        Json,
        Form,
        Multipart,
        Text,
        Binary,
    }

    /// <summary>
    /// The request body. JSON, text and binary bodies are one method parameter; form and multipart
    /// bodies are either one DTO parameter (<see cref="Type"/> set, fields name its properties) or
    /// one method parameter per field.
    /// </summary>
    internal sealed record RequestBodyModel(
        BodyKind Kind,
        string MediaType,
        string ParameterName,
        TypeRef? Type,
        bool Required,
        string? Description,
        EquatableArray<FormFieldModel> Fields);

    /// <summary>A form or multipart field; <see cref="ParameterName"/> is set when it is its own method parameter.</summary>
    internal sealed record FormFieldModel(
        string Name,
        string? PropertyName,
        string? ParameterName,
        TypeRef Type,
        bool Required,
        bool IsFile,
        string? Description);

    internal enum ResponseKind
    {
        None,
        Json,
        Text,
        Binary,

        /// <summary>Items read while the reply arrives (<see cref="ResultModel.Stream"/> says how); the type is the item's.</summary>
        Stream,
    }

    /// <summary>
    /// What the method returns on success. When success statuses declare different schemas, <see cref="Variants"/>
    /// lists them and the result is a generated class (<see cref="VariantsClass"/>) that keeps the status and the raw
    /// JSON and reads each schema on demand.
    /// </summary>
    internal sealed record ResultModel(ResponseKind Kind, TypeRef? Type)
    {
        public static readonly ResultModel None = new ResultModel(ResponseKind.None, null);

        /// <summary>The media type the reply is asked for (the spec's), or empty.</summary>
        public string MediaType { get; init; } = string.Empty;

        /// <summary>Exact success statuses the spec declares without a body: the result is then empty.</summary>
        public EquatableArray<int> StatusesWithoutBody { get; init; } = EquatableArray<int>.Empty;

        public EquatableArray<ResultVariantModel> Variants { get; init; } = EquatableArray<ResultVariantModel>.Empty;

        public string? VariantsClass { get; init; }

        /// <summary>For <see cref="ResponseKind.Stream"/>: the format and items.</summary>
        public StreamModel? Stream { get; init; }
    }

    /// <summary>A success status (or range) and the schema its body has, read by <c>TryGet{Name}</c>.</summary>
    internal sealed record ResultVariantModel(StatusMatcher Status, string Name, TypeRef Type, string? Description);

    /// <summary>A declared non-success response: the statuses it covers and its typed body.</summary>
    internal sealed record ErrorResponseModel(StatusMatcher Status, TypeRef? Type, string? Description);

    /// <summary>Documentation text and whether it is already XML (generated wording with tags) or plain (the spec's words, to escape).</summary>
    internal sealed record DocText(string Text, bool IsXml)
    {
        public static DocText Plain(string text) => new DocText(text, false);

        public static DocText Xml(string xml) => new DocText(xml, true);
    }
}
