namespace Kua.Generated.SourceGenerator.Parsing.Validation
{
    /// <summary>
    /// The structure OpenAPI 2.0, 3.0 and 3.1 define for the objects the generator reads, as data: each object's
    /// fields and the JSON form of their values. One table serves every version: NSwag.Core reads the union of
    /// the fields whatever the version (and throws on a value of the wrong form), so each is checked wherever it
    /// appears; what differs per version is which keyword values are allowed (<see cref="AllowedValues"/>).
    /// Fields NSwag reads into typed members are listed even when they are extensions (<c>x-nullable</c>,
    /// <c>x-enumNames</c>), since a value of the wrong form there stops its loader just the same.
    /// </summary>
    internal static class OpenApiShapes
    {
        public static readonly Shape Document = new Shape("an OpenAPI Object", "it is ignored");

        public static readonly Shape Schema = new Shape("a Schema Object", "it is read as any JSON value").WithSchemaKeywords();

        private static readonly Shape Info = new Shape("an Info Object", "it is ignored");
        private static readonly Shape Contact = new Shape("a Contact Object", "it is ignored");
        private static readonly Shape License = new Shape("a License Object", "it is ignored");
        private static readonly Shape ExternalDocs = new Shape("an External Documentation Object", "it is ignored");
        private static readonly Shape Server = new Shape("a Server Object", "the server is ignored");
        private static readonly Shape ServerVariable = new Shape("a Server Variable Object", "it is ignored");
        private static readonly Shape Components = new Shape("a Components Object", "it is ignored");
        private static readonly Shape Paths = new Shape("a Paths Object", "no operations are read from it");
        private static readonly Shape PathItem = new Shape("a Path Item Object", "the path is ignored", isClosed: true);
        private static readonly Shape Operation = new Shape("an Operation Object", "the operation is ignored");
        private static readonly Shape Parameter = new Shape("a Parameter Object", "the parameter is left out of its method", isPart: true);
        private static readonly Shape Header = new Shape("a Header Object", "the header is ignored");
        private static readonly Shape RequestBody = new Shape("a Request Body Object", "the request body is left out of its method", isPart: true);
        private static readonly Shape MediaType = new Shape("a Media Type Object", "the media type is ignored");
        private static readonly Shape Encoding = new Shape("an Encoding Object", "it is ignored");
        private static readonly Shape Responses = new Shape("a Responses Object", "the responses are ignored");
        private static readonly Shape Response = new Shape("a Response Object", "the response is ignored");
        private static readonly Shape ExpectedSchema = new Shape("an expected schema (x-expectedSchemas)", "it is ignored");
        private static readonly Shape Callback = new Shape("a Callback Object", "the callback is ignored");
        private static readonly Shape Example = new Shape("an Example Object", "the example is ignored");
        private static readonly Shape Link = new Shape("a Link Object", "the link is ignored");
        private static readonly Shape Tag = new Shape("a Tag Object", "the tag's description is ignored");
        private static readonly Shape SecurityRequirement = new Shape("a Security Requirement Object", "it is read as requiring no scopes", hasExtensions: false);
        private static readonly Shape SecurityScheme = new Shape("a Security Scheme Object", "the security scheme is ignored");
        private static readonly Shape OAuthFlows = new Shape("an OAuth Flows Object", "it is ignored");
        private static readonly Shape OAuthFlow = new Shape("an OAuth Flow Object", "it is ignored");
        private static readonly Shape Discriminator = new Shape("a Discriminator Object", "the discriminator is ignored");
        private static readonly Shape Xml = new Shape("an XML Object", "it is ignored");

        private static readonly FieldRule TextRule = new FieldRule(ValueKind.Text);
        private static readonly FieldRule NameRule = new FieldRule(ValueKind.Name);
        private static readonly FieldRule BooleanRule = new FieldRule(ValueKind.Boolean);
        private static readonly FieldRule AnyRule = new FieldRule(ValueKind.Any);
        private static readonly FieldRule CountRule = new FieldRule(ValueKind.Count);
        private static readonly FieldRule NumberRule = new FieldRule(ValueKind.Number);
        private static readonly FieldRule NameListRule = new FieldRule(ValueKind.NameList);
        private static readonly FieldRule SchemaRule = new FieldRule(ValueKind.Schema);
        private static readonly FieldRule SchemaListRule = new FieldRule(ValueKind.SchemaList);

        static OpenApiShapes()
        {
            Document
                .Add("info", Object(Info))
                .Add("servers", new FieldRule(ValueKind.List, Server, consequence: "it is ignored, and the client has no default base address from it"))
                .Add("paths", new FieldRule(ValueKind.Object, Paths, consequence: "it is ignored, and no operations are generated"))
                .Add("webhooks", Map("webhooks", Object(PathItem)))
                .Add("components", Object(Components))
                .Add("security", new FieldRule(ValueKind.List, SecurityRequirement, consequence: "it is ignored, and operations without their own security are read as anonymous"))
                .Add("tags", new FieldRule(ValueKind.List, Tag))
                .Add("externalDocs", Object(ExternalDocs))
                .Add("jsonSchemaDialect", TextRule)
                .Add("x-generator", TextRule)
                .Add("host", TextRule)
                .Add("basePath", TextRule)
                .Add("schemes", new FieldRule(ValueKind.NameList, allowed: Allowed.TransferScheme))
                .Add("consumes", NameListRule)
                .Add("produces", NameListRule)
                .Add("definitions", Map("definitions", SchemaRule))
                .Add("parameters", Map("parameters", Object(Parameter)))
                .Add("responses", Map("responses", Object(Response)))
                .Add("securityDefinitions", Map("securityDefinitions", Object(SecurityScheme)));

            Info
                .Add("title", new FieldRule(ValueKind.Text, fallback: "Api"))
                .Add("summary", TextRule)
                .Add("description", TextRule)
                .Add("termsOfService", TextRule)
                .Add("contact", Object(Contact))
                .Add("license", Object(License))
                .Add("version", new FieldRule(ValueKind.Text, fallback: "1"));
            Contact.Add("name", TextRule).Add("url", TextRule).Add("email", TextRule);
            License.Add("name", TextRule).Add("identifier", TextRule).Add("url", TextRule);
            ExternalDocs.Add("description", TextRule).Add("url", TextRule);
            Server
                .Add("url", new FieldRule(ValueKind.Text, required: true))
                .Add("description", TextRule)
                .Add("variables", Map("variables", Object(ServerVariable)));
            ServerVariable
                .Add("enum", NameListRule)
                .Add("default", TextRule)
                .Add("description", TextRule);

            Components
                .Add("schemas", Map("schemas", SchemaRule))
                .Add("responses", Map("responses", Object(Response)))
                .Add("parameters", Map("parameters", Object(Parameter)))
                .Add("examples", Map("examples", Object(Example)))
                .Add("requestBodies", Map("requestBodies", Object(RequestBody)))
                .Add("headers", Map("headers", Object(Header)))
                .Add("securitySchemes", Map("securitySchemes", Object(SecurityScheme)))
                .Add("links", Map("links", Object(Link)))
                .Add("callbacks", Map("callbacks", Object(Callback)))
                .Add("pathItems", Map("pathItems", Object(PathItem)));

            Paths.WithEntries(Object(PathItem), KeyKind.Path);
            Callback.WithEntries(Object(PathItem));
            PathItem
                .Add("$ref", AnyRule)
                .Add("summary", TextRule)
                .Add("description", TextRule)
                .Add("servers", new FieldRule(ValueKind.List, Server))
                .Add("parameters", new FieldRule(ValueKind.List, Parameter, consequence: "it is ignored, and the path's operations get no parameters from it"));
            foreach (var method in OpenApiMethods.All)
            {
                PathItem.Add(method, new FieldRule(ValueKind.Object, Operation, consequence: "the operation is ignored"));
            }

            Operation
                .Add("tags", new FieldRule(ValueKind.NameList, consequence: "it is ignored, and the operation belongs to the root client"))
                .Add("summary", TextRule)
                .Add("description", TextRule)
                .Add("externalDocs", Object(ExternalDocs))
                .Add("operationId", new FieldRule(ValueKind.Name, consequence: "it is ignored, and the method is named from its HTTP method and path"))
                .Add("consumes", NameListRule)
                .Add("produces", NameListRule)
                .Add("parameters", new FieldRule(ValueKind.List, Parameter, consequence: "it is ignored, and the method gets no parameters from it"))
                .Add("requestBody", new FieldRule(ValueKind.Object, RequestBody, consequence: "it is ignored, and the method sends no body"))
                .Add("responses", new FieldRule(ValueKind.Object, Responses, consequence: "it is ignored, and the method returns nothing"))
                .Add("schemes", new FieldRule(ValueKind.NameList, allowed: Allowed.TransferScheme))
                .Add("callbacks", Map("callbacks", Object(Callback)))
                .Add("deprecated", BooleanRule)
                .Add("security", new FieldRule(ValueKind.List, SecurityRequirement, consequence: "it is ignored, and the document's security applies"))
                .Add("servers", new FieldRule(ValueKind.List, Server))
                .Add("x-kua-token-endpoint", new FieldRule(ValueKind.Boolean, consequence: "it is ignored, and the operation is not the client's login"));

            AddSchemaFields();

            // NSwag reads a parameter (and a header) as a JSON Schema too: Swagger 2.0 puts type, format, items and
            // the validation keywords on the parameter itself. Its own fields come first and win over the schema's.
            Parameter
                .Add("name", new FieldRule(ValueKind.Name, required: true))
                .Add("in", new FieldRule(ValueKind.Name, allowed: Allowed.ParameterLocation, required: true))
                .Add("required", new FieldRule(ValueKind.Boolean, consequence: "it is ignored, and the parameter is optional (a path parameter is always required)"))
                .Add("style", new FieldRule(ValueKind.Name, allowed: Allowed.ParameterStyle, consequence: "it is ignored, and the location's default style is used"));
            AddParameterFields(Parameter);
            Header
                .Add("required", BooleanRule)
                .Add("style", new FieldRule(ValueKind.Name, allowed: Allowed.HeaderStyle, consequence: "it is ignored, and the style is simple"));
            AddParameterFields(Header);

            RequestBody
                .Add("description", TextRule)
                .Add("content", new FieldRule(ValueKind.Object, Content(), required: true))
                .Add("required", BooleanRule)
                .Add("x-name", NameRule)
                .Add("x-position", CountRule);
            MediaType
                .Add("schema", SchemaRule)
                .Add("example", AnyRule)
                .Add("examples", Map("examples", Object(Example)))
                .Add("encoding", Map("encoding", Object(Encoding)));
            Encoding
                .Add("contentType", TextRule)
                .Add("headers", Map("headers", Object(Header)))
                .Add("style", new FieldRule(ValueKind.Name, allowed: Allowed.EncodingStyle))
                .Add("explode", BooleanRule)
                .Add("allowReserved", BooleanRule);

            Responses
                .Add("default", Object(Response))
                .WithEntries(Object(Response), KeyKind.StatusCode);
            Response
                .Add("description", TextRule)
                .Add("headers", Map("headers", Object(Header)))
                .Add("content", new FieldRule(ValueKind.Object, Content(), consequence: "it is ignored, and the response is read as having no body"))
                .Add("links", Map("links", Object(Link)))
                .Add("schema", SchemaRule)
                .Add("examples", AnyRule)
                .Add("x-nullable", BooleanRule)
                .Add("x-expectedSchemas", new FieldRule(ValueKind.List, ExpectedSchema));
            ExpectedSchema.Add("description", TextRule).Add("schema", SchemaRule);

            Example
                .Add("summary", TextRule)
                .Add("description", TextRule)
                .Add("value", AnyRule)
                .Add("externalValue", TextRule);
            Link
                .Add("operationRef", TextRule)
                .Add("operationId", TextRule)
                .Add("parameters", Map("parameters", AnyRule))
                .Add("requestBody", AnyRule)
                .Add("description", TextRule)
                .Add("server", Object(Server));
            Tag
                .Add("name", new FieldRule(ValueKind.Text, required: true))
                .Add("description", TextRule)
                .Add("externalDocs", Object(ExternalDocs));

            SecurityRequirement.WithEntries(new FieldRule(ValueKind.NameList, consequence: "it is read as requiring no scopes"));
            SecurityScheme
                .Add("type", NameRule)
                .Add("description", TextRule)
                .Add("name", TextRule)
                .Add("in", new FieldRule(ValueKind.Name, allowed: Allowed.ApiKeyLocation))
                .Add("scheme", TextRule)
                .Add("bearerFormat", TextRule)
                .Add("flows", Object(OAuthFlows))
                .Add("openIdConnectUrl", TextRule)
                .Add("flow", new FieldRule(ValueKind.Name, allowed: Allowed.OAuth2Flow))
                .Add("authorizationUrl", TextRule)
                .Add("tokenUrl", TextRule)
                .Add("scopes", Map("scopes", TextRule));
            OAuthFlows
                .Add("implicit", Object(OAuthFlow))
                .Add("password", Object(OAuthFlow))
                .Add("clientCredentials", Object(OAuthFlow))
                .Add("authorizationCode", Object(OAuthFlow));
            OAuthFlow
                .Add("authorizationUrl", TextRule)
                .Add("tokenUrl", TextRule)
                .Add("refreshUrl", TextRule)
                .Add("scopes", Map("scopes", TextRule));
        }

        private static void AddSchemaFields()
        {
            Schema
                .Add("type", new FieldRule(ValueKind.Type, allowed: Allowed.SchemaType, consequence: "the schema's type is ignored"))
                .Add("format", new FieldRule(ValueKind.Name, consequence: "it is ignored, and the type's plain form is used"))
                .Add("title", TextRule)
                .Add("description", TextRule)
                .Add("default", AnyRule)
                .Add("example", AnyRule)
                .Add("examples", AnyRule)
                .Add("const", AnyRule)
                .Add("enum", new FieldRule(ValueKind.ValueList, consequence: "it is ignored, and the schema is not an enum"))
                .Add("multipleOf", NumberRule)
                .Add("maximum", NumberRule)
                .Add("minimum", NumberRule)
                .Add("exclusiveMaximum", new FieldRule(ValueKind.BoundFlag))
                .Add("exclusiveMinimum", new FieldRule(ValueKind.BoundFlag))
                .Add("maxLength", CountRule)
                .Add("minLength", CountRule)
                .Add("pattern", TextRule)
                .Add("maxItems", CountRule)
                .Add("minItems", CountRule)
                .Add("uniqueItems", BooleanRule)
                .Add("maxProperties", CountRule)
                .Add("minProperties", CountRule)
                .Add("required", new FieldRule(ValueKind.NameList, consequence: "it is ignored (a property is required when the schema that declares it lists it in its own 'required' list)"))
                .Add("properties", new FieldRule(ValueKind.Object, Properties(), consequence: "it is ignored, and the schema declares no properties"))
                .Add("patternProperties", Map("patternProperties", SchemaRule))
                .Add("additionalProperties", SchemaRule)
                .Add("items", new FieldRule(ValueKind.Items, consequence: "it is ignored, and the items are read as any JSON value"))
                .Add("additionalItems", SchemaRule)
                .Add("prefixItems", SchemaListRule)
                .Add("contains", SchemaRule)
                .Add("allOf", SchemaListRule)
                .Add("oneOf", SchemaListRule)
                .Add("anyOf", SchemaListRule)
                .Add("not", SchemaRule)
                .Add("if", SchemaRule)
                .Add("then", SchemaRule)
                .Add("else", SchemaRule)
                .Add("propertyNames", SchemaRule)
                .Add("unevaluatedProperties", SchemaRule)
                .Add("unevaluatedItems", SchemaRule)
                .Add("definitions", Map("definitions", SchemaRule))
                .Add("$defs", Map("$defs", SchemaRule))
                .Add("dependentSchemas", Map("dependentSchemas", SchemaRule))
                .Add("nullable", new FieldRule(ValueKind.Boolean, consequence: "it is ignored, and the schema is not nullable"))
                .Add("readOnly", BooleanRule)
                .Add("writeOnly", BooleanRule)
                .Add("deprecated", BooleanRule)
                .Add("discriminator", new FieldRule(ValueKind.Discriminator, Discriminator))
                .Add("xml", Object(Xml))
                .Add("externalDocs", Object(ExternalDocs))
                .Add("contentEncoding", TextRule)
                .Add("contentMediaType", TextRule)
                .Add("$id", TextRule)
                .Add("$anchor", TextRule)
                .Add("$schema", TextRule)
                .Add("id", TextRule)
                .Add("x-nullable", new FieldRule(ValueKind.Boolean, consequence: "it is ignored, and the schema is not nullable"))
                .Add("x-enumNames", NameListRule)
                .Add("x-enum-varnames", NameListRule)
                .Add("x-enum-names", NameListRule)
                .Add("x-enumDescriptions", new FieldRule(ValueKind.ValueList))
                .Add("x-enum-descriptions", new FieldRule(ValueKind.ValueList))
                .Add("x-enumFlags", BooleanRule)
                .Add("x-abstract", BooleanRule)
                .Add("x-deprecated", BooleanRule)
                .Add("x-deprecatedMessage", TextRule)
                .Add("x-readOnly", BooleanRule)
                .Add("x-writeOnly", BooleanRule)
                .Add("x-dictionaryKey", SchemaRule)
                .Add("x-kua-token-role", NameRule);

            Discriminator
                .Add("propertyName", new FieldRule(ValueKind.Name, required: true))
                .Add("mapping", Map("mapping", new FieldRule(ValueKind.SchemaName, consequence: "the mapping entry is ignored")));
            Xml
                .Add("name", TextRule)
                .Add("namespace", TextRule)
                .Add("prefix", TextRule)
                .Add("attribute", BooleanRule)
                .Add("wrapped", BooleanRule);
        }

        private static void AddParameterFields(Shape shape)
        {
            shape
                .Add("description", TextRule)
                .Add("deprecated", BooleanRule)
                .Add("allowEmptyValue", BooleanRule)
                .Add("explode", BooleanRule)
                .Add("allowReserved", BooleanRule)
                .Add("schema", SchemaRule)
                .Add("content", new FieldRule(ValueKind.Object, Content()))
                .Add("example", AnyRule)
                .Add("examples", Map("examples", Object(Example)))
                .Add("collectionFormat", new FieldRule(ValueKind.Name, allowed: Allowed.CollectionFormat, consequence: "it is ignored, and the values are comma-separated"))
                .Add("x-originalName", TextRule)
                .Add("x-position", CountRule)
                .Add("x-schema", SchemaRule)
                .Inherit(Schema);
        }

        private static FieldRule Object(Shape shape) => new FieldRule(ValueKind.Object, shape, consequence: shape.LeftOut);

        private static FieldRule Map(string name, FieldRule entries) =>
            new FieldRule(ValueKind.Object, Shape.MapOf("a mapping of " + name, entries));

        private static Shape Content() =>
            new Shape("a mapping of media types", "it is ignored", hasExtensions: false).WithEntries(Object(MediaType), KeyKind.MediaType);

        private static Shape Properties() => Shape.MapOf("a mapping of properties", new FieldRule(ValueKind.Schema, consequence: "the property is read as any JSON value"));
    }
}
