using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Kua.Generated.SourceGenerator.Model;

namespace Kua.Generated.SourceGenerator.Emitting
{
    /// <summary>One operation method: signature, URL (path, query), headers, cookies, body, reply handling.</summary>
    internal static class OperationEmitter
    {
        private const string Http = "global::Kua.Generated.Runtime.Http";
        private const string Style = Http + ".KuaParameterStyle.";
        private const string PairType = "global::System.Collections.Generic.KeyValuePair<string, string>";
        private const string PairList = "global::System.Collections.Generic.List<" + PairType + ">";

        /// <summary>
        /// The operation's methods: the plain one (the reply's body), the one that also returns the status and headers,
        /// the <c>…StreamAsync</c> one that reads the reply as items while it arrives (when there is one), and, when the
        /// request has parts beyond a fixed path, the private method they use to build it.
        /// </summary>
        public static void Emit(SourceWriter writer, TypeSyntax types, OperationModel operation)
        {
            var signature = BuildSignature(types, operation);
            var declarations = string.Join(", ", signature.Select(p => p.Declaration));
            var arguments = string.Join(", ", signature.Where(p => p.Name != "cancellationToken").Select(p => p.Name));
            var request = Request(operation, arguments, operation.DescriptorName);
            var stream = operation.Result.Kind == ResponseKind.Stream ? operation.Result.Stream : null;

            EmitDocs(writer, operation, signature, stream);
            EmitObsolete(writer, operation);
            writer.Line("public virtual " + ReturnType(types, operation.Result) + " " + operation.MethodName + "(" + declarations + ") =>");
            writer.Line("	_pipeline." + (stream is null ? "SendAsync(" : "Stream(") + request + ", " + operation.DescriptorName + ", cancellationToken);");

            writer.Line();
            writer.Line(stream is null
                ? "/// <summary>Calls <see cref=\"" + operation.MethodName + "\"/>, and returns the reply's status code and headers with its body.</summary>"
                : "/// <summary>Calls <see cref=\"" + operation.MethodName + "\"/> at once, and returns the reply's status code and headers with its items, which hold the connection until they are read to the end or the loop is left.</summary>");
            EmitObsolete(writer, operation);
            var headers = operation.ResponseHeadersClass is null ? string.Empty : ", r => new " + operation.ResponseHeadersClass + "(r.Headers)";
            var send = operation.Result.Kind == ResponseKind.None ? "SendEmptyWithResponseAsync(" : "SendWithResponseAsync(";
            writer.Line("public virtual " + WithResponseType(types, operation) + " " + operation.WithResponseMethodName + "(" + declarations + ") =>");
            writer.Line("	_pipeline." + send + request + ", " + operation.DescriptorName + headers + ", cancellationToken);");

            if (operation.StreamVariant is StreamVariantModel variant)
            {
                writer.Line();
                EmitDocs(writer, operation, signature, variant.Stream);
                EmitObsolete(writer, operation);
                writer.Line("public virtual " + StreamEmitter.ReturnType(types, variant.Stream) + " " + variant.MethodName + "(" + declarations + ") =>");
                writer.Line("	_pipeline.Stream(" + Request(operation, arguments, variant.DescriptorName) + ", " + variant.DescriptorName + ", cancellationToken);");
            }

            if (HasOwnRequest(operation))
            {
                writer.Line();
                EmitRequestMethod(writer, types, operation, signature);
            }
        }

        /// <summary>
        /// The expression that builds the request: the private request method, or the fixed path with
        /// <paramref name="descriptor"/>'s <c>Accept</c> (a stream variant's request method sets the operation's, which
        /// the runtime replaces with the variant's).
        /// </summary>
        private static string Request(OperationModel operation, string arguments, string descriptor) =>
            HasOwnRequest(operation)
                ? operation.RequestMethodName + "(" + arguments + ")"
                : "_pipeline.CreateRequest(" + descriptor + ", " + Literals.String(string.Concat(operation.Path.Select(p => p.Literal))) + ")";

        private static void EmitObsolete(SourceWriter writer, OperationModel operation)
        {
            if (operation.Deprecated)
            {
                writer.Line("[global::System.Obsolete(\"The operation '" + operation.OperationId + "' is deprecated.\")]");
            }
        }

        /// <summary>Whether the request has parts beyond a fixed path (parameters or a body), built by a method of its own.</summary>
        private static bool HasOwnRequest(OperationModel operation) => operation.Body != null || !operation.Parameters.IsEmpty;

        /// <summary>The private method that checks the arguments and builds the request: path, query, headers, cookies, body.</summary>
        private static void EmitRequestMethod(SourceWriter writer, TypeSyntax types, OperationModel operation, List<SignatureParameter> signature)
        {
            var parameters = string.Join(", ", signature.Where(p => p.Name != "cancellationToken").Select(p => p.TypeName + " " + p.Name));
            using (writer.Open("private global::System.Net.Http.HttpRequestMessage " + operation.RequestMethodName + "(" + parameters + ")"))
            {
                EmitArgumentChecks(writer, types, operation);
                var uri = EmitPathAndQuery(writer, types, operation);
                writer.Line("var request_ = _pipeline.CreateRequest(" + operation.DescriptorName + ", " + uri + ");");
                EmitHeaders(writer, types, operation);
                EmitBody(writer, types, operation);
                writer.Line("return request_;");
            }
        }

        /// <summary>
        /// The operation's descriptor field, written where nullable annotations are off (its result type is written
        /// without them; the method's signature carries the annotations).
        /// </summary>
        /// <param name="writer">The writer.</param>
        /// <param name="types">Type names for this file, annotations off.</param>
        /// <param name="operation">The operation.</param>
        /// <param name="authenticated">
        /// Whether the client has a token handler: only then are requests marked with their operation (for its logs) —
        /// the mark costs a per-request options dictionary that clients without one need not pay.
        /// </param>
        public static void EmitDescriptor(SourceWriter writer, TypeSyntax types, OperationModel operation, bool authenticated)
        {
            var result = operation.Result;
            var resultType = ResultType(types, result);
            string reply;
            switch (result.Kind)
            {
                case ResponseKind.Json when result.VariantsClass != null:
                    reply = TypeSyntax.HttpRuntime + ".KuaReply.JsonWithStatus((status, json) => new " + types.Generated(result.VariantsClass) + "(status, json))";
                    break;
                case ResponseKind.Json:
                    reply = TypeSyntax.HttpRuntime + (result.Type!.Nullable ? ".KuaReply.JsonOrDefault(" : ".KuaReply.Json(") + types.Converter(result.Type) + ")";
                    break;
                case ResponseKind.Text:
                    reply = TypeSyntax.HttpRuntime + ".KuaReply.Text";
                    break;
                case ResponseKind.Binary:
                    reply = TypeSyntax.HttpRuntime + ".KuaReply.Stream";
                    break;
                case ResponseKind.Stream:
                    reply = StreamEmitter.ReplyOf(types, result.Stream!);
                    break;
                default:
                    reply = TypeSyntax.HttpRuntime + ".KuaReply.None";
                    break;
            }

            var arguments = new List<string> { Literals.String(operation.OperationId), Literals.String(operation.HttpMethod), reply };
            foreach (var error in operation.Errors.Where(e => e.Type != null))
            {
                arguments.Add("new " + TypeSyntax.HttpRuntime + ".KuaErrorReply<" + types.Declared(error.Type!, false) + ">(" +
                              error.Status.Low.ToString(CultureInfo.InvariantCulture) + ", " + error.Status.High.ToString(CultureInfo.InvariantCulture) + ", " +
                              types.Converter(error.Type!.WithNullable(false)) + ")");
            }

            var settings = new List<string>();
            var accept = AcceptHeader(result);
            if (accept != DefaultAccept(result))
            {
                settings.Add("Accept = " + (accept is null ? "null" : Literals.String(accept)));
            }

            if (authenticated)
            {
                settings.Add("Marked = true");
                if (operation.Anonymous)
                {
                    settings.Add("Anonymous = true");
                }
                else if (operation.SecuritySet != 0)
                {
                    settings.Add("Security = " + operation.SecuritySet.ToString(CultureInfo.InvariantCulture));
                }
            }

            if (operation.Sensitive)
            {
                settings.Add("Sensitive = true");
            }

            if (result.Kind != ResponseKind.None && !result.StatusesWithoutBody.IsEmpty)
            {
                settings.Add("StatusesWithoutBody = new[] { " + string.Join(", ", result.StatusesWithoutBody.Select(s => s.ToString(CultureInfo.InvariantCulture))) + " }");
            }

            var descriptorType = TypeSyntax.HttpRuntime + ".KuaOperation<" + resultType + ">";
            writer.Line("private static readonly " + descriptorType + " " + operation.DescriptorName + " = new " + descriptorType + "(" + string.Join(", ", arguments) + ")" +
                        (settings.Count == 0 ? string.Empty : " { " + string.Join(", ", settings) + " }") + ";");
            StreamEmitter.EmitVariantDescriptor(writer, types, operation);
        }

        private sealed class SignatureParameter
        {
            public SignatureParameter(string name, string typeName, string? defaultValue, DocText description)
            {
                Name = name;
                TypeName = typeName;
                Declaration = typeName + " " + name + (defaultValue is null ? string.Empty : " = " + defaultValue);
                Description = description;
            }

            public string Name { get; }

            public string TypeName { get; }

            public string Declaration { get; }

            public DocText Description { get; }
        }

        private static List<SignatureParameter> BuildSignature(TypeSyntax types, OperationModel operation)
        {
            var required = new List<SignatureParameter>();
            var optional = new List<SignatureParameter>();

            void Add(string name, string type, bool isRequired, DocText description) =>
                (isRequired ? required : optional).Add(new SignatureParameter(name, type, isRequired ? null : "null", description));

            foreach (var parameter in operation.Parameters)
            {
                var nullable = !parameter.Required || parameter.Type.Nullable;
                var description = parameter.Description != null
                    ? DocText.Plain(parameter.Description)
                    : DocText.Xml("The <c>" + SourceWriter.Escape(parameter.Name) + "</c> " + parameter.Location.ToString().ToLowerInvariant() + " parameter.");
                Add(parameter.ParameterName, types.Declared(parameter.Type, nullable, forParameter: true), parameter.Required, description);
            }

            var body = operation.Body;
            if (body != null)
            {
                if (body.Type != null || body.Kind == BodyKind.Json || body.Kind == BodyKind.Text || body.Kind == BodyKind.Binary)
                {
                    var type = body.Type ?? TypeRef.String;
                    var typeName = body.Kind == BodyKind.Binary ? "global::System.IO.Stream" : types.Declared(type, !body.Required || type.Nullable);
                    if (body.Kind == BodyKind.Binary && !body.Required)
                    {
                        typeName += types.Annotate ? "?" : string.Empty;
                    }

                    Add(body.ParameterName, typeName, body.Required, DocText.Plain(body.Description ?? "The request body."));
                }
                else
                {
                    foreach (var field in body.Fields)
                    {
                        var description = field.Description != null ? DocText.Plain(field.Description) : DocText.Xml("The <c>" + SourceWriter.Escape(field.Name) + "</c> field.");
                        Add(field.ParameterName!, FieldType(types, field), field.Required, description);
                    }
                }
            }

            var all = required.Concat(optional).ToList();
            all.Add(new SignatureParameter("cancellationToken", "global::System.Threading.CancellationToken", "default", DocText.Plain("Cancels the request.")));
            return all;
        }

        private static string FieldType(TypeSyntax types, FormFieldModel field)
        {
            var nullable = !field.Required;
            if (field.IsFile)
            {
                var file = field.Type.Kind == TypeKind.List
                    ? "global::System.Collections.Generic.IEnumerable<global::Kua.Generated.KuaFile>"
                    : "global::Kua.Generated.KuaFile";
                return nullable && types.Annotate ? file + "?" : file;
            }

            // A map goes out as JSON through the Dictionary converter, so it is taken as a Dictionary.
            return types.Declared(field.Type, nullable || field.Type.Nullable, forParameter: field.Type.Kind != TypeKind.Map);
        }

        /// <summary>Whether a value of this type is written as JSON (rather than as text) in a form or multipart field.</summary>
        private static bool IsJsonValue(TypeRef type) =>
            type.Kind == TypeKind.Object || type.Kind == TypeKind.Union || type.Kind == TypeKind.List || type.Kind == TypeKind.Map;

        private static void EmitDocs(SourceWriter writer, OperationModel operation, List<SignatureParameter> signature, StreamModel? stream)
        {
            var summary = operation.Summary ?? TextLines.First(operation.Description) ?? "Calls " + operation.HttpMethod + " " + operation.PathTemplate + ".";
            writer.Doc("summary", summary);
            var remarks = new StringBuilder();
            if (operation.Description != null && operation.Description != summary)
            {
                remarks.Append(operation.Description.Trim()).Append("\n");
            }

            remarks.Append(operation.HttpMethod).Append(' ').Append(operation.PathTemplate).Append(" (operationId: ").Append(operation.OperationId).Append(").");
            writer.Doc("remarks", remarks.ToString());
            foreach (var parameter in signature)
            {
                writer.Doc("param", parameter.Description, "name=\"" + parameter.Name.TrimStart('@') + "\"");
            }

            var result = operation.Result;
            switch (stream is null ? result.Kind : ResponseKind.Stream)
            {
                case ResponseKind.Stream:
                    writer.Doc("returns", StreamEmitter.Returns(stream!));
                    break;
                case ResponseKind.Json when result.VariantsClass != null:
                    writer.Doc("returns", "The reply's status and body, read as the schema that status declares.");
                    break;
                case ResponseKind.Json:
                case ResponseKind.Text:
                    writer.Doc("returns", "The reply body" + (result.Type?.Nullable == true ? ", or null when the server sends none" : string.Empty) + ".");
                    break;
                case ResponseKind.Binary:
                    writer.Doc("returns", "The reply body as a stream; dispose it to release the connection.");
                    break;
            }

            var statuses = operation.Errors.Select(e => e.Status.Text).ToList();
            writer.DocRaw(
                "exception",
                "The server replied with a non-success status" + (statuses.Count == 0 ? string.Empty : " (declared: " + SourceWriter.Escape(string.Join(", ", statuses)) + ")") +
                " or an unreadable body, or could not be reached. Declared error bodies arrive as <see cref=\"global::Kua.Generated.KuaApiException{TError}\"/>.",
                "cref=\"global::Kua.Generated.KuaApiException\"");
        }

        /// <summary>The C# type of the result, as the descriptor's type argument (annotations follow <paramref name="types"/>).</summary>
        private static string ResultType(TypeSyntax types, ResultModel result)
        {
            switch (result.Kind)
            {
                case ResponseKind.Json:
                    return types.Declared(result.Type!, result.Type!.Nullable);
                case ResponseKind.Text:
                    return types.Declared(TypeRef.String, result.Type?.Nullable == true);
                case ResponseKind.Binary:
                    return "global::System.IO.Stream";
                case ResponseKind.Stream:
                    return StreamEmitter.ReturnType(types, result.Stream!);
                default:
                    return "object";
            }
        }

        private static string ReturnType(TypeSyntax types, ResultModel result)
        {
            switch (result.Kind)
            {
                case ResponseKind.None:
                    return "global::System.Threading.Tasks.Task";
                case ResponseKind.Stream:
                    return ResultType(types, result);
                default:
                    return "global::System.Threading.Tasks.Task<" + ResultType(types, result) + ">";
            }
        }

        private static string WithResponseType(TypeSyntax types, OperationModel operation)
        {
            var headers = operation.ResponseHeadersClass is null ? null : types.Generated(operation.ResponseHeadersClass);
            string response;
            if (operation.Result.Kind == ResponseKind.None)
            {
                response = headers is null ? "global::Kua.Generated.KuaResponse" : "global::Kua.Generated.KuaHeadersResponse<" + headers + ">";
            }
            else
            {
                var value = ResultType(types, operation.Result);
                response = headers is null ? "global::Kua.Generated.KuaResponse<" + value + ">" : "global::Kua.Generated.KuaResponse<" + value + ", " + headers + ">";
            }

            return "global::System.Threading.Tasks.Task<" + response + ">";
        }

        private static string? AcceptHeader(ResultModel result)
        {
            switch (result.Kind)
            {
                case ResponseKind.Json:
                    return result.MediaType.Length == 0 || result.MediaType == "*/*" ? "application/json" : result.MediaType;
                case ResponseKind.Text:
                case ResponseKind.Binary:
                    return result.MediaType.Length == 0 ? "*/*" : result.MediaType;
                case ResponseKind.Stream:
                    return StreamEmitter.Accept(result.Stream!);
                default:
                    return null;
            }
        }

        /// <summary>The Accept header the runtime sends for a kind of reply when the spec names no media type.</summary>
        private static string? DefaultAccept(ResultModel result)
        {
            switch (result.Kind)
            {
                case ResponseKind.Stream:
                    return StreamEmitter.DefaultAccept(result.Stream!.Format);
                case ResponseKind.Json:
                    return "application/json";
                case ResponseKind.Text:
                case ResponseKind.Binary:
                    return "*/*";
                default:
                    return null;
            }
        }

        private static void EmitArgumentChecks(SourceWriter writer, TypeSyntax types, OperationModel operation)
        {
            var checks = 0;
            foreach (var parameter in operation.Parameters.Where(p => p.Required && !p.Type.Nullable && !TypeSyntax.IsValueType(p.Type)))
            {
                using (writer.Open("if (" + parameter.ParameterName + " == null)"))
                {
                    writer.Line("throw new global::System.ArgumentNullException(nameof(" + parameter.ParameterName + "));");
                }

                checks++;
            }

            var body = operation.Body;
            if (body != null && body.Required)
            {
                if (body.Type != null || body.Kind == BodyKind.Json || body.Kind == BodyKind.Text || body.Kind == BodyKind.Binary)
                {
                    var type = body.Type ?? TypeRef.String;
                    if (!type.Nullable && (!TypeSyntax.IsValueType(type) || body.Kind == BodyKind.Binary))
                    {
                        using (writer.Open("if (" + body.ParameterName + " == null)"))
                        {
                            writer.Line("throw new global::System.ArgumentNullException(nameof(" + body.ParameterName + "));");
                        }

                        checks++;
                    }
                }
                else
                {
                    foreach (var field in body.Fields.Where(f => f.Required && !f.Type.Nullable && (f.IsFile || !TypeSyntax.IsValueType(f.Type))))
                    {
                        using (writer.Open("if (" + field.ParameterName + " == null)"))
                        {
                            writer.Line("throw new global::System.ArgumentNullException(nameof(" + field.ParameterName + "));");
                        }

                        checks++;
                    }
                }
            }

            if (checks > 0)
            {
                writer.Line();
            }
        }

        /// <summary>Writes the statements that build the path and query; returns the name of the local holding both.</summary>
        private static string EmitPathAndQuery(SourceWriter writer, TypeSyntax types, OperationModel operation)
        {
            var parts = new List<string>();
            foreach (var segment in operation.Path)
            {
                parts.Add(segment.Literal != null
                    ? Literals.String(segment.Literal)
                    : PathValue(writer, types, operation.Parameters.First(p => p.ParameterName == segment.ParameterName)));
            }

            var path = parts.Count == 0 ? "\"\"" : string.Join(" + ", parts);
            var query = operation.Parameters.Where(p => p.Location == ParameterLocation.Query).ToList();
            if (query.Count > 0)
            {
                writer.Line("var query_ = new " + Http + ".KuaQueryBuilder();");
                foreach (var parameter in query)
                {
                    EmitQueryParameter(writer, types, parameter);
                }

                path = "query_.AppendTo(" + path + ")";
            }

            writer.Line("var uri_ = " + path + ";");
            return "uri_";
        }

        private static string PathValue(SourceWriter writer, TypeSyntax types, ParameterModel parameter)
        {
            var name = Literals.String(parameter.Name);
            var value = parameter.ParameterName;
            var style = Style + parameter.Style;
            var explode = parameter.Explode ? "explode: true" : "explode: false";
            switch (parameter.Type.Kind)
            {
                case TypeKind.List:
                    return Http + ".KuaPath.Array(" + name + ", " + value + ItemFormat(types, parameter.Type.Element!) + ", " + style + ", " + explode + ")";
                case TypeKind.Map:
                case TypeKind.Object when !parameter.ObjectFields.IsEmpty:
                    var pairs = EmitPairs(writer, types, parameter, value);
                    return Http + ".KuaPath.Object(" + name + ", " + pairs + ", " + style + ", " + explode + ")";
                default:
                    var text = NonNullFormat(types, parameter.Type, value, parameter.Required && !parameter.Type.Nullable);
                    return parameter.Style == ParameterStyle.Simple
                        ? Http + ".KuaPath.EscapeComponent(" + text + ")"
                        : Http + ".KuaPath.Primitive(" + name + ", " + text + ", " + style + ")";
            }
        }

        private static void EmitQueryParameter(SourceWriter writer, TypeSyntax types, ParameterModel parameter)
        {
            var name = Literals.String(parameter.Name);
            var value = parameter.ParameterName;
            var allowReserved = parameter.AllowReserved ? ", allowReserved: true" : string.Empty;
            // A required value that may not be null was checked on entry.
            var guarded = !parameter.Required || parameter.Type.Nullable;
            if (guarded)
            {
                writer.Line("if (" + value + " != null)");
                writer.Line("{");
                writer.Indent();
            }

            var nonNull = guarded && TypeSyntax.IsValueType(parameter.Type) ? value + ".Value" : value;
            switch (parameter.Type.Kind)
            {
                case TypeKind.List:
                    writer.Line("query_.AddArray(" + name + ", " + value + ItemFormat(types, parameter.Type.Element!) + ", " + Style + parameter.Style + ", " + (parameter.Explode ? "explode: true" : "explode: false") + allowReserved + ");");
                    break;
                case TypeKind.Map:
                case TypeKind.Object when !parameter.ObjectFields.IsEmpty:
                    var pairs = EmitPairs(writer, types, parameter, value);
                    writer.Line("query_.AddObject(" + name + ", " + pairs + ", " + Style + parameter.Style + ", " + (parameter.Explode ? "explode: true" : "explode: false") + allowReserved + ");");
                    break;
                default:
                    writer.Line("query_.Add(" + name + ", " + types.FormatValue(parameter.Type, nonNull) + allowReserved + ");");
                    break;
            }

            if (guarded)
            {
                writer.Outdent();
                writer.Line("}");
            }
        }

        /// <summary>Statements that collect an object's or map's properties as text pairs; returns the list's name.</summary>
        private static string EmitPairs(SourceWriter writer, TypeSyntax types, ParameterModel parameter, string value)
        {
            var list = parameter.ParameterName.TrimStart('@') + "Pairs_";
            writer.Line("var " + list + " = new " + PairList + "();");
            if (parameter.Type.Kind == TypeKind.Map)
            {
                var element = parameter.Type.Element!;
                using (writer.Open("foreach (var pair_ in " + value + ")"))
                {
                    if (element.Nullable || !TypeSyntax.IsValueType(element))
                    {
                        using (writer.Open("if (pair_.Value != null)"))
                        {
                            writer.Line(list + ".Add(new " + PairType + "(pair_.Key, " + types.FormatNullable(element, "pair_.Value") + "));");
                        }
                    }
                    else
                    {
                        writer.Line(list + ".Add(new " + PairType + "(pair_.Key, " + types.FormatValue(element, "pair_.Value") + "));");
                    }
                }

                return list;
            }

            foreach (var field in parameter.ObjectFields)
            {
                var member = value + "." + field.PropertyName;
                var nullable = !field.Required || field.Type.Nullable;
                if (nullable || !TypeSyntax.IsValueType(field.Type))
                {
                    using (writer.Open("if (" + member + " != null)"))
                    {
                        writer.Line(list + ".Add(new " + PairType + "(" + Literals.String(field.Name) + ", " + (nullable ? types.FormatNullable(field.Type, member) : types.FormatValue(field.Type, member)) + "));");
                    }
                }
                else
                {
                    writer.Line(list + ".Add(new " + PairType + "(" + Literals.String(field.Name) + ", " + types.FormatValue(field.Type, member) + "));");
                }
            }

            return list;
        }

        /// <summary>
        /// The item-format argument of an array parameter: none where the runtime knows the item's text form from its type
        /// (a lambda per parameter costs the compiler more than the rest of the method), a lambda for the two formats a
        /// <see cref="System.TimeSpan"/> may hold (<c>time</c> before DateOnly/TimeOnly, and <c>duration</c>).
        /// </summary>
        private static string ItemFormat(TypeSyntax types, TypeRef element)
        {
            var ambiguous = element.Kind == TypeKind.Duration || (element.Kind == TypeKind.Time && !types.Options.DateOnly);
            if (!ambiguous)
            {
                return string.Empty;
            }

            return element.Nullable
                ? ", item_ => item_ == null ? string.Empty : " + types.FormatNullable(element, "item_")
                : ", item => " + types.FormatValue(element, "item_");
        }

        private static string NonNullFormat(TypeSyntax types, TypeRef type, string value, bool knownNonNull) =>
            knownNonNull || !TypeSyntax.IsValueType(type) ? types.FormatValue(type, value) : types.FormatNullable(type, value);

        private static void EmitHeaders(SourceWriter writer, TypeSyntax types, OperationModel operation)
        {
            foreach (var parameter in operation.Parameters.Where(p => p.Location == ParameterLocation.Header))
            {
                OpenNullCheck(writer, parameter);
                var text = HeaderText(writer, types, parameter, escape: false);
                writer.Line("request_.Headers.TryAddWithoutValidation(" + Literals.String(parameter.Name) + ", " + text + ");");
                CloseNullCheck(writer, parameter);
            }

            var cookies = operation.Parameters.Where(p => p.Location == ParameterLocation.Cookie).ToList();
            if (cookies.Count == 0)
            {
                return;
            }

            // Cookies follow style: form (the only style OpenAPI allows for them), with the spec's explode.
            writer.Line("var cookies_ = new " + Http + ".KuaCookieBuilder();");
            foreach (var parameter in cookies)
            {
                OpenNullCheck(writer, parameter);
                var name = Literals.String(parameter.Name);
                var value = parameter.ParameterName;
                var explode = parameter.Explode ? "explode: true" : "explode: false";
                switch (parameter.Type.Kind)
                {
                    case TypeKind.List:
                        writer.Line("cookies_.AddArray(" + name + ", " + value + ItemFormat(types, parameter.Type.Element!) + ", " + explode + ");");
                        break;
                    case TypeKind.Map:
                    case TypeKind.Object when !parameter.ObjectFields.IsEmpty:
                        var pairs = EmitPairs(writer, types, parameter, value + (TypeSyntax.IsValueType(parameter.Type) ? ".Value" : string.Empty));
                        writer.Line("cookies_.AddObject(" + name + ", " + pairs + ", " + explode + ");");
                        break;
                    default:
                        var text = MayBeNull(parameter) && TypeSyntax.IsValueType(parameter.Type) ? types.FormatNullable(parameter.Type, value) : types.FormatValue(parameter.Type, value);
                        writer.Line("cookies_.Add(" + name + ", " + text + ");");
                        break;
                }

                CloseNullCheck(writer, parameter);
            }

            using (writer.Open("if (!cookies_.IsEmpty)"))
            {
                writer.Line("request_.Headers.TryAddWithoutValidation(\"Cookie\", cookies_.ToString());");
            }
        }

        /// <summary>Whether a header or cookie value may be null (a required value type never is: checking it would warn).</summary>
        private static bool MayBeNull(ParameterModel parameter) =>
            !parameter.Required || parameter.Type.Nullable;

        /// <summary>Opens the null check before the value is read (an object or map writes statements that read it).</summary>
        private static void OpenNullCheck(SourceWriter writer, ParameterModel parameter)
        {
            if (MayBeNull(parameter))
            {
                writer.Line("if (" + parameter.ParameterName + " != null)");
                writer.Line("{");
                writer.Indent();
            }
        }

        private static void CloseNullCheck(SourceWriter writer, ParameterModel parameter)
        {
            if (MayBeNull(parameter))
            {
                writer.Outdent();
                writer.Line("}");
            }
        }

        private static string HeaderText(SourceWriter writer, TypeSyntax types, ParameterModel parameter, bool escape)
        {
            var name = Literals.String(parameter.Name);
            var value = parameter.ParameterName;
            var explode = parameter.Explode ? "explode: true" : "explode: false";
            var escapeArgument = escape ? "escape: true" : "escape: false";
            switch (parameter.Type.Kind)
            {
                case TypeKind.List:
                    return Http + ".KuaPath.Array(" + name + ", " + value + ItemFormat(types, parameter.Type.Element!) + ", " + Style + "Simple, " + explode + ", " + escapeArgument + ")";
                case TypeKind.Map:
                case TypeKind.Object when !parameter.ObjectFields.IsEmpty:
                    var pairs = EmitPairs(writer, types, parameter, value + (TypeSyntax.IsValueType(parameter.Type) ? ".Value" : string.Empty));
                    return Http + ".KuaPath.Object(" + name + ", " + pairs + ", " + Style + "Simple, " + explode + ", " + escapeArgument + ")";
                default:
                    var guarded = !parameter.Required || parameter.Type.Nullable;
                    return guarded ? types.FormatNullable(parameter.Type, value) : types.FormatValue(parameter.Type, value);
            }
        }

        private static void EmitBody(SourceWriter writer, TypeSyntax types, OperationModel operation)
        {
            var body = operation.Body;
            if (body is null)
            {
                return;
            }

            var mediaArgument = body.MediaType.Length == 0 ? string.Empty : ", " + Literals.String(body.MediaType.Split(';')[0].Trim());
            switch (body.Kind)
            {
                case BodyKind.Json:
                    var type = body.Type!;
                    var converter = types.Converter(type.WithNullable(false));
                    var jsonMedia = string.Equals(body.MediaType, "application/json", StringComparison.OrdinalIgnoreCase) || body.MediaType == "*/*" ? string.Empty : mediaArgument;
                    // A required body that may not be null was checked on entry.
                    var guarded = !body.Required || type.Nullable;
                    var value = guarded && TypeSyntax.IsValueType(type) ? body.ParameterName + ".Value" : body.ParameterName;
                    if (guarded)
                    {
                        using (writer.Open("if (" + body.ParameterName + " != null)"))
                        {
                            writer.Line("request_.Content = " + Http + ".KuaRequestContent.Json(" + value + ", " + converter + jsonMedia + ");");
                        }
                    }
                    else
                    {
                        writer.Line("request_.Content = " + Http + ".KuaRequestContent.Json(" + value + ", " + converter + jsonMedia + ");");
                    }

                    break;

                case BodyKind.Text:
                case BodyKind.Binary:
                    var factory = body.Kind == BodyKind.Text ? ".KuaRequestContent.Text(" : ".KuaRequestContent.Binary(";
                    if (body.Required)
                    {
                        writer.Line("request_.Content = " + Http + factory + body.ParameterName + mediaArgument + ");");
                    }
                    else
                    {
                        using (writer.Open("if (" + body.ParameterName + " != null)"))
                        {
                            writer.Line("request_.Content = " + Http + factory + body.ParameterName + mediaArgument + ");");
                        }
                    }

                    break;

                case BodyKind.Form:
                    EmitForm(writer, types, body);
                    break;

                case BodyKind.Multipart:
                    EmitMultipart(writer, types, body);
                    break;
            }
        }

        /// <summary>Each form or multipart field with the expression for its value (a DTO property or a method parameter).</summary>
        private static IEnumerable<(FormFieldModel Field, string Value)> Fields(RequestBodyModel body) =>
            body.Fields.Select(f => (f, f.ParameterName ?? body.ParameterName + "." + f.PropertyName));

        private static void EmitForm(SourceWriter writer, TypeSyntax types, RequestBodyModel body)
        {
            var outer = body.Type != null;
            if (outer)
            {
                writer.Line("if (" + body.ParameterName + " != null)");
                writer.Line("{");
                writer.Indent();
            }

            writer.Line("var fields_ = new " + PairList + "();");
            foreach (var (field, value) in Fields(body))
            {
                var nullable = !field.Required || field.Type.Nullable;
                var guarded = nullable || !TypeSyntax.IsValueType(field.Type);
                if (guarded)
                {
                    writer.Line("if (" + value + " != null)");
                    writer.Line("{");
                    writer.Indent();
                }

                if (field.Type.Kind == TypeKind.List)
                {
                    using (writer.Open("foreach (var item_ in " + value + ")"))
                    {
                        var element = field.Type.Element!;
                        var text = element.Nullable ? "item_ == null ? string.Empty : " + types.FormatNullable(element, "item_") : types.FormatValue(element, "item_");
                        writer.Line("fields_.Add(new " + PairType + "(" + Literals.String(field.Name) + ", " + text + "));");
                    }
                }
                else
                {
                    var text = nullable ? types.FormatNullable(field.Type, value) : types.FormatValue(field.Type, value);
                    writer.Line("fields_.Add(new " + PairType + "(" + Literals.String(field.Name) + ", " + text + "));");
                }

                if (guarded)
                {
                    writer.Outdent();
                    writer.Line("}");
                }
            }

            writer.Line("request_.Content = " + Http + ".KuaRequestContent.Form(fields_);");
            if (outer)
            {
                writer.Outdent();
                writer.Line("}");
            }
        }

        private static void EmitMultipart(SourceWriter writer, TypeSyntax types, RequestBodyModel body)
        {
            var outer = body.Type != null;
            if (outer)
            {
                writer.Line("if (" + body.ParameterName + " != null)");
                writer.Line("{");
                writer.Indent();
            }

            writer.Line("var multipart_ = new global::System.Net.Http.MultipartFormDataContent();");
            foreach (var (field, value) in Fields(body))
            {
                var name = Literals.String(field.Name);
                var nullable = !field.Required || field.Type.Nullable;
                var guarded = nullable || field.IsFile || !TypeSyntax.IsValueType(field.Type);
                if (guarded)
                {
                    writer.Line("if (" + value + " != null)");
                    writer.Line("{");
                    writer.Indent();
                }

                if (field.IsFile && field.ParameterName != null)
                {
                    if (field.Type.Kind == TypeKind.List)
                    {
                        using (writer.Open("foreach (var item_ in " + value + ")"))
                        {
                            writer.Line(Http + ".KuaRequestContent.AddMultipartFile(multipart_, " + name + ", item_);");
                        }
                    }
                    else
                    {
                        writer.Line(Http + ".KuaRequestContent.AddMultipartFile(multipart_, " + name + ", " + value + ");");
                    }
                }
                else if (field.Type.Kind == TypeKind.List && !IsJsonValue(field.Type.Element!))
                {
                    // An array of plain values is one part per item, as Swagger 2.0's collectionFormat: multi.
                    var element = field.Type.Element!;
                    using (writer.Open("foreach (var item_ in " + value + ")"))
                    {
                        var add = Http + ".KuaRequestContent.AddMultipartField(multipart_, " + name + ", " + (element.Nullable ? types.FormatNullable(element, "item_") : types.FormatValue(element, "item_")) + ");";
                        if (element.Nullable || !TypeSyntax.IsValueType(element))
                        {
                            using (writer.Open("if (item_ != null)"))
                            {
                                writer.Line(add);
                            }
                        }
                        else
                        {
                            writer.Line(add);
                        }
                    }
                }
                else if (IsJsonValue(field.Type))
                {
                    // A method parameter holds a list as IEnumerable; the List converter needs a List.
                    var json = field.Type.Kind == TypeKind.List && field.ParameterName != null
                        ? "new " + types.Name(field.Type) + "(" + value + ")"
                        : value;
                    writer.Line(Http + ".KuaRequestContent.AddMultipartJson(multipart_, " + name + ", " + json + ", " + types.Converter(field.Type.WithNullable(false)) + ");");
                }
                else
                {
                    var text = nullable ? types.FormatNullable(field.Type, value) : types.FormatValue(field.Type, value);
                    writer.Line(Http + ".KuaRequestContent.AddMultipartField(multipart_, " + name + ", " + text + ");");
                }

                if (guarded)
                {
                    writer.Outdent();
                    writer.Line("}");
                }
            }

            writer.Line("request_.Content = multipart_;");
            if (outer)
            {
                writer.Outdent();
                writer.Line("}");
            }
        }
    }
}
