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

        /// <param name="writer">The writer.</param>
        /// <param name="types">Type names for this file.</param>
        /// <param name="operation">The operation.</param>
        /// <param name="authenticated">
        /// Whether the client has a token handler: only then are requests marked with their operation (for its
        /// logs) — the mark costs a per-request options dictionary that clients without one need not pay.
        /// </param>
        public static void Emit(SourceWriter writer, TypeSyntax types, OperationModel operation)
        {
            var signature = BuildSignature(types, operation);
            EmitDocs(writer, operation, signature);
            if (operation.Deprecated)
            {
                writer.Line("[global::System.Obsolete(\"The operation '" + operation.OperationId + "' is deprecated.\")]");
            }

            var returnType = ReturnType(types, operation.Result);
            var header = "public virtual " + returnType + " " + operation.MethodName + "(" + string.Join(", ", signature.Select(p => p.Declaration)) + ")";
            using (writer.Open(header))
            {
                EmitArgumentChecks(writer, types, operation);
                var path = EmitPathAndQuery(writer, types, operation);
                var descriptor = DescriptorName(operation);
                if (!NeedsRequest(operation))
                {
                    writer.Line("return _pipeline.SendAsync(" + descriptor + ", " + path + ", cancellationToken);");
                    return;
                }

                writer.Line("var request = _pipeline.CreateRequest(" + descriptor + ", " + path + ");");
                EmitHeaders(writer, types, operation);
                EmitBody(writer, types, operation);
                writer.Line("return _pipeline.SendAsync(request, " + descriptor + ", cancellationToken);");
            }
        }

        /// <summary>The private static field describing the operation to the runtime (id, method, reply, errors).</summary>
        public static string DescriptorName(OperationModel operation)
        {
            var method = operation.MethodName;
            return "s_" + (method.EndsWith("Async", StringComparison.Ordinal) ? method.Substring(0, method.Length - 5) : method);
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
            string resultType;
            string reply;
            switch (result.Kind)
            {
                case ResponseKind.Json:
                    resultType = types.Declared(result.Type!, result.Type!.Nullable);
                    reply = result.Type.Nullable
                        ? TypeSyntax.HttpRuntime + ".KuaReply.JsonOrDefault(" + types.Converter(result.Type) + ")"
                        : TypeSyntax.HttpRuntime + ".KuaReply.Json(" + types.Converter(result.Type) + ")";
                    break;
                case ResponseKind.Text:
                    resultType = "string";
                    reply = TypeSyntax.HttpRuntime + ".KuaReply.Text";
                    break;
                case ResponseKind.Binary:
                    resultType = "global::System.IO.Stream";
                    reply = TypeSyntax.HttpRuntime + ".KuaReply.Stream";
                    break;
                default:
                    resultType = "object";
                    reply = TypeSyntax.HttpRuntime + ".KuaReply.None";
                    break;
            }

            var arguments = new List<string> { Literals.String(operation.OperationId), Literals.String(operation.HttpMethod), reply };
            foreach (var error in ErrorsInOrder(operation))
            {
                arguments.Add("new " + TypeSyntax.HttpRuntime + ".KuaErrorReply<" + types.Declared(error.Type!, false) + ">(" + error.Low + ", " + error.High + ", " + types.Converter(error.Type!.WithNullable(false)) + ")");
            }

            var settings = new List<string>();
            var accept = AcceptHeader(result);
            if (accept != DefaultAccept(result.Kind))
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

            var withoutBody = result.Kind == ResponseKind.None ? new List<string>() : result.StatusesWithoutBody.Where(s => s.All(char.IsDigit)).ToList();
            if (withoutBody.Count > 0)
            {
                settings.Add("StatusesWithoutBody = new[] { " + string.Join(", ", withoutBody) + " }");
            }

            var descriptorType = TypeSyntax.HttpRuntime + ".KuaOperation<" + resultType + ">";
            writer.Line("private static readonly " + descriptorType + " " + DescriptorName(operation) + " = new " + descriptorType + "(" + string.Join(", ", arguments) + ")" +
                        (settings.Count == 0 ? string.Empty : " { " + string.Join(", ", settings) + " }") + ";");
        }

        /// <summary>Whether the method builds a request of its own (headers, cookies or a body) rather than sending path and query alone.</summary>
        private static bool NeedsRequest(OperationModel operation) =>
            operation.Body != null || operation.Parameters.Any(p => p.Location == ParameterLocation.Header || p.Location == ParameterLocation.Cookie);

        /// <summary>Error replies with a typed body in the order the runtime tries them: exact statuses, ranges, then default.</summary>
        private static IEnumerable<(TypeRef? Type, string Low, string High)> ErrorsInOrder(OperationModel operation)
        {
            var typed = operation.Errors.Where(e => e.Type != null).ToList();
            foreach (var error in typed.Where(e => e.Status.All(char.IsDigit)))
            {
                yield return (error.Type, error.Status, error.Status);
            }

            foreach (var error in typed.Where(e => e.Status.Length == 3 && char.IsDigit(e.Status[0]) && e.Status.EndsWith("XX", StringComparison.OrdinalIgnoreCase)))
            {
                var low = (error.Status[0] - '0') * 100;
                yield return (error.Type, low.ToString(CultureInfo.InvariantCulture), (low + 99).ToString(CultureInfo.InvariantCulture));
            }

            foreach (var error in typed.Where(e => e.Status == "default"))
            {
                yield return (error.Type, "0", "999");
            }
        }

        private sealed class SignatureParameter
        {
            public SignatureParameter(string name, string declaration, string? description)
            {
                Name = name;
                Declaration = declaration;
                Description = description;
            }

            public string Name { get; }

            public string Declaration { get; }

            public string? Description { get; }
        }

        private static List<SignatureParameter> BuildSignature(TypeSyntax types, OperationModel operation)
        {
            var required = new List<SignatureParameter>();
            var optional = new List<SignatureParameter>();

            void Add(string name, string type, bool isRequired, string? description)
            {
                if (isRequired)
                {
                    required.Add(new SignatureParameter(name, type + " " + name, description));
                }
                else
                {
                    optional.Add(new SignatureParameter(name, type + " " + name + " = null", description));
                }
            }

            foreach (var parameter in operation.Parameters)
            {
                var nullable = !parameter.Required || parameter.Type.Nullable;
                Add(parameter.ParameterName, types.Declared(parameter.Type, nullable, forParameter: true), parameter.Required, parameter.Description ?? DefaultDescription(parameter));
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

                    Add(body.ParameterName, typeName, body.Required, body.Description ?? "The request body.");
                }
                else
                {
                    foreach (var field in body.Fields)
                    {
                        Add(field.ParameterName!, FieldType(types, field), field.Required, field.Description ?? "The <c>" + field.Name + "</c> field.");
                    }
                }
            }

            var all = required.Concat(optional).ToList();
            all.Add(new SignatureParameter("cancellationToken", "global::System.Threading.CancellationToken cancellationToken = default", "Cancels the request."));
            return all;
        }

        private static string DefaultDescription(ParameterModel parameter) =>
            "The <c>" + parameter.Name + "</c> " + parameter.Location.ToString().ToLowerInvariant() + " parameter.";

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

        private static void EmitDocs(SourceWriter writer, OperationModel operation, List<SignatureParameter> signature)
        {
            var summary = operation.Summary ?? FirstLine(operation.Description) ?? "Calls " + operation.HttpMethod + " " + operation.Path + ".";
            writer.Doc("summary", summary);
            var remarks = new StringBuilder();
            if (operation.Description != null && operation.Description != summary)
            {
                remarks.Append(operation.Description.Trim()).Append("\n");
            }

            remarks.Append(operation.HttpMethod).Append(' ').Append(operation.Path).Append(" (operationId: ").Append(operation.OperationId).Append(").");
            writer.Doc("remarks", remarks.ToString());
            foreach (var parameter in signature)
            {
                var description = parameter.Description ?? string.Empty;
                if (description.IndexOf('<') >= 0 && description.IndexOf("<c>", StringComparison.Ordinal) >= 0 && description.IndexOf('\n') < 0)
                {
                    writer.DocRaw("param", description, "name=\"" + parameter.Name.TrimStart('@') + "\"");
                }
                else
                {
                    writer.Doc("param", description.Length == 0 ? parameter.Name.TrimStart('@') : description, "name=\"" + parameter.Name.TrimStart('@') + "\"");
                }
            }

            switch (operation.Result.Kind)
            {
                case ResponseKind.Json:
                case ResponseKind.Text:
                    var raw = operation.Result.Type?.Kind == TypeKind.Any && operation.Result.StatusesWithBody.Count > 1
                        ? " as raw JSON (statuses " + string.Join(", ", operation.Result.StatusesWithBody) + " may carry different schemas)"
                        : string.Empty;
                    writer.Doc("returns", "The reply body" + raw + (operation.Result.Type?.Nullable == true ? ", or null when the server sends none" : string.Empty) + ".");
                    break;
                case ResponseKind.Binary:
                    writer.Doc("returns", "The reply body as a stream; dispose it to release the connection.");
                    break;
            }

            var statuses = operation.Errors.Select(e => e.Status).ToList();
            writer.DocRaw(
                "exception",
                "The server replied with a non-success status" + (statuses.Count == 0 ? string.Empty : " (declared: " + SourceWriter.Escape(string.Join(", ", statuses)) + ")") +
                " or an unreadable body, or could not be reached. Declared error bodies arrive as <see cref=\"global::Kua.Generated.KuaApiException{TError}\"/>.",
                "cref=\"global::Kua.Generated.KuaApiException\"");
        }

        private static string? FirstLine(string? text)
        {
            if (text is null)
            {
                return null;
            }

            var end = text.IndexOfAny(new[] { '\n', '\r' });
            return end < 0 ? text : text.Substring(0, end);
        }

        private static string ReturnType(TypeSyntax types, ResultModel result)
        {
            switch (result.Kind)
            {
                case ResponseKind.Json:
                    return "global::System.Threading.Tasks.Task<" + types.Declared(result.Type!, result.Type!.Nullable) + ">";
                case ResponseKind.Text:
                    return "global::System.Threading.Tasks.Task<" + types.Declared(TypeRef.String, result.Type?.Nullable == true) + ">";
                case ResponseKind.Binary:
                    return "global::System.Threading.Tasks.Task<global::System.IO.Stream>";
                default:
                    return "global::System.Threading.Tasks.Task";
            }
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
                default:
                    return null;
            }
        }

        /// <summary>The Accept header the runtime sends for a kind of reply when the spec names no media type.</summary>
        private static string? DefaultAccept(ResponseKind kind)
        {
            switch (kind)
            {
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

        /// <summary>Writes the statements that build the path and query; returns the expression for both.</summary>
        private static string EmitPathAndQuery(SourceWriter writer, TypeSyntax types, OperationModel operation)
        {
            var parts = new List<string>();
            var template = operation.Path.TrimStart('/');
            var position = 0;
            while (position < template.Length)
            {
                var open = template.IndexOf('{', position);
                var close = open < 0 ? -1 : template.IndexOf('}', open);
                if (open < 0 || close < 0)
                {
                    parts.Add(Literals.String(EscapePathLiteral(template.Substring(position))));
                    break;
                }

                if (open > position)
                {
                    parts.Add(Literals.String(EscapePathLiteral(template.Substring(position, open - position))));
                }

                var name = template.Substring(open + 1, close - open - 1);
                var parameter = operation.Parameters.FirstOrDefault(p => p.Location == ParameterLocation.Path && p.Name == name);
                parts.Add(parameter is null ? Literals.String(EscapePathLiteral(template.Substring(open, close - open + 1))) : PathValue(writer, types, parameter));
                position = close + 1;
            }

            var path = parts.Count == 0 ? "\"\"" : string.Join(" + ", parts);
            var query = operation.Parameters.Where(p => p.Location == ParameterLocation.Query).ToList();
            if (query.Count == 0)
            {
                return path;
            }

            writer.Line("var query = new " + Http + ".KuaQueryBuilder();");
            foreach (var parameter in query)
            {
                EmitQueryParameter(writer, types, parameter);
            }

            writer.Line();
            return "query.AppendTo(" + path + ")";
        }

        private static string PathValue(SourceWriter writer, TypeSyntax types, ParameterModel parameter)
        {
            var name = Literals.String(parameter.Name);
            var value = parameter.ParameterName;
            var style = Style + parameter.Style;
            var explode = parameter.Explode ? "true" : "false";
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
            var guarded = !parameter.Required || parameter.Type.Nullable || !TypeSyntax.IsValueType(parameter.Type);
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
                    writer.Line("query.AddArray(" + name + ", " + value + ItemFormat(types, parameter.Type.Element!) + ", " + Style + parameter.Style + ", " + (parameter.Explode ? "true" : "false") + allowReserved + ");");
                    break;
                case TypeKind.Map:
                case TypeKind.Object when !parameter.ObjectFields.IsEmpty:
                    var pairs = EmitPairs(writer, types, parameter, value);
                    writer.Line("query.AddObject(" + name + ", " + pairs + ", " + Style + parameter.Style + ", " + (parameter.Explode ? "true" : "false") + allowReserved + ");");
                    break;
                default:
                    writer.Line("query.Add(" + name + ", " + types.FormatValue(parameter.Type, nonNull) + allowReserved + ");");
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
            var list = parameter.ParameterName.TrimStart('@') + "Pairs";
            writer.Line("var " + list + " = new " + PairList + "();");
            if (parameter.Type.Kind == TypeKind.Map)
            {
                var element = parameter.Type.Element!;
                using (writer.Open("foreach (var pair in " + value + ")"))
                {
                    if (element.Nullable || !TypeSyntax.IsValueType(element))
                    {
                        using (writer.Open("if (pair.Value != null)"))
                        {
                            writer.Line(list + ".Add(new " + PairType + "(pair.Key, " + types.FormatNullable(element, "pair.Value") + "));");
                        }
                    }
                    else
                    {
                        writer.Line(list + ".Add(new " + PairType + "(pair.Key, " + types.FormatValue(element, "pair.Value") + "));");
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
                ? ", item => item == null ? string.Empty : " + types.FormatNullable(element, "item")
                : ", item => " + types.FormatValue(element, "item");
        }

        private static string NonNullFormat(TypeSyntax types, TypeRef type, string value, bool knownNonNull) =>
            knownNonNull || !TypeSyntax.IsValueType(type) ? types.FormatValue(type, value) : types.FormatNullable(type, value);

        private static void EmitHeaders(SourceWriter writer, TypeSyntax types, OperationModel operation)
        {
            foreach (var parameter in operation.Parameters.Where(p => p.Location == ParameterLocation.Header))
            {
                OpenNullCheck(writer, parameter);
                var text = HeaderText(writer, types, parameter, escape: false);
                writer.Line("request.Headers.TryAddWithoutValidation(" + Literals.String(parameter.Name) + ", " + text + ");");
                CloseNullCheck(writer, parameter);
            }

            var cookies = operation.Parameters.Where(p => p.Location == ParameterLocation.Cookie).ToList();
            if (cookies.Count == 0)
            {
                return;
            }

            // Cookies follow style: form (the only style OpenAPI allows for them), with the spec's explode.
            writer.Line("var cookies = new " + Http + ".KuaCookieBuilder();");
            foreach (var parameter in cookies)
            {
                OpenNullCheck(writer, parameter);
                var name = Literals.String(parameter.Name);
                var value = parameter.ParameterName;
                var explode = parameter.Explode ? "true" : "false";
                switch (parameter.Type.Kind)
                {
                    case TypeKind.List:
                        writer.Line("cookies.AddArray(" + name + ", " + value + ItemFormat(types, parameter.Type.Element!) + ", " + explode + ");");
                        break;
                    case TypeKind.Map:
                    case TypeKind.Object when !parameter.ObjectFields.IsEmpty:
                        var pairs = EmitPairs(writer, types, parameter, value + (TypeSyntax.IsValueType(parameter.Type) ? ".Value" : string.Empty));
                        writer.Line("cookies.AddObject(" + name + ", " + pairs + ", " + explode + ");");
                        break;
                    default:
                        var text = MayBeNull(parameter) && TypeSyntax.IsValueType(parameter.Type) ? types.FormatNullable(parameter.Type, value) : types.FormatValue(parameter.Type, value);
                        writer.Line("cookies.Add(" + name + ", " + text + ");");
                        break;
                }

                CloseNullCheck(writer, parameter);
            }

            using (writer.Open("if (!cookies.IsEmpty)"))
            {
                writer.Line("request.Headers.TryAddWithoutValidation(\"Cookie\", cookies.ToString());");
            }
        }

        /// <summary>Whether a header or cookie value may be null (a required value type never is: checking it would warn).</summary>
        private static bool MayBeNull(ParameterModel parameter) =>
            !parameter.Required || parameter.Type.Nullable || !TypeSyntax.IsValueType(parameter.Type);

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
            var explode = parameter.Explode ? "true" : "false";
            var escapeArgument = escape ? "true" : "false";
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
                            writer.Line("request.Content = " + Http + ".KuaRequestContent.Json(" + value + ", " + converter + jsonMedia + ");");
                        }
                    }
                    else
                    {
                        writer.Line("request.Content = " + Http + ".KuaRequestContent.Json(" + value + ", " + converter + jsonMedia + ");");
                    }

                    break;

                case BodyKind.Text:
                case BodyKind.Binary:
                    var factory = body.Kind == BodyKind.Text ? ".KuaRequestContent.Text(" : ".KuaRequestContent.Binary(";
                    if (body.Required)
                    {
                        writer.Line("request.Content = " + Http + factory + body.ParameterName + mediaArgument + ");");
                    }
                    else
                    {
                        using (writer.Open("if (" + body.ParameterName + " != null)"))
                        {
                            writer.Line("request.Content = " + Http + factory + body.ParameterName + mediaArgument + ");");
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

            writer.Line("var fields = new " + PairList + "();");
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
                    using (writer.Open("foreach (var item in " + value + ")"))
                    {
                        var element = field.Type.Element!;
                        var text = element.Nullable ? "item == null ? string.Empty : " + types.FormatNullable(element, "item") : types.FormatValue(element, "item");
                        writer.Line("fields.Add(new " + PairType + "(" + Literals.String(field.Name) + ", " + text + "));");
                    }
                }
                else
                {
                    var text = nullable ? types.FormatNullable(field.Type, value) : types.FormatValue(field.Type, value);
                    writer.Line("fields.Add(new " + PairType + "(" + Literals.String(field.Name) + ", " + text + "));");
                }

                if (guarded)
                {
                    writer.Outdent();
                    writer.Line("}");
                }
            }

            writer.Line("request.Content = " + Http + ".KuaRequestContent.Form(fields);");
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

            writer.Line("var multipart = new global::System.Net.Http.MultipartFormDataContent();");
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
                        using (writer.Open("foreach (var item in " + value + ")"))
                        {
                            writer.Line(Http + ".KuaRequestContent.AddMultipartFile(multipart, " + name + ", item);");
                        }
                    }
                    else
                    {
                        writer.Line(Http + ".KuaRequestContent.AddMultipartFile(multipart, " + name + ", " + value + ");");
                    }
                }
                else if (field.Type.Kind == TypeKind.List && !IsJsonValue(field.Type.Element!))
                {
                    // An array of plain values is one part per item, as Swagger 2.0's collectionFormat: multi.
                    var element = field.Type.Element!;
                    using (writer.Open("foreach (var item in " + value + ")"))
                    {
                        var add = Http + ".KuaRequestContent.AddMultipartField(multipart, " + name + ", " + (element.Nullable ? types.FormatNullable(element, "item") : types.FormatValue(element, "item")) + ");";
                        if (element.Nullable || !TypeSyntax.IsValueType(element))
                        {
                            using (writer.Open("if (item != null)"))
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
                    writer.Line(Http + ".KuaRequestContent.AddMultipartJson(multipart, " + name + ", " + json + ", " + types.Converter(field.Type.WithNullable(false)) + ");");
                }
                else
                {
                    var text = nullable ? types.FormatNullable(field.Type, value) : types.FormatValue(field.Type, value);
                    writer.Line(Http + ".KuaRequestContent.AddMultipartField(multipart, " + name + ", " + text + ");");
                }

                if (guarded)
                {
                    writer.Outdent();
                    writer.Line("}");
                }
            }

            writer.Line("request.Content = multipart;");
            if (outer)
            {
                writer.Outdent();
                writer.Line("}");
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
    }
}
