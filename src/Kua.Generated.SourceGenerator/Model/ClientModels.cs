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
    internal sealed record OperationModel(
        string OperationId,
        string MethodName,
        string HttpMethod,
        string Path,
        string? Summary,
        string? Description,
        bool Deprecated,
        bool Anonymous,
        bool Sensitive,
        EquatableArray<ParameterModel> Parameters,
        RequestBodyModel? Body,
        ResultModel Result,
        EquatableArray<ErrorResponseModel> Errors)
    {
        /// <summary>The requirement set of <see cref="SecurityModel.RequirementSets"/> the operation follows (0: the document's).</summary>
        public int SecuritySet { get; init; }
    }

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
    }

    /// <summary>What the method returns on success, and which success statuses carry a body.</summary>
    internal sealed record ResultModel(ResponseKind Kind, TypeRef? Type, string MediaType, EquatableArray<string> StatusesWithBody, EquatableArray<string> StatusesWithoutBody, bool AcceptAnySuccess);

    /// <summary>A declared non-success response: its status (<c>404</c>, <c>4XX</c>, <c>default</c>) and typed body.</summary>
    internal sealed record ErrorResponseModel(string Status, TypeRef? Type, string? Description);
}
