using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Kua.Generated.SourceGenerator.Model;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NSwag;

namespace Kua.Generated.SourceGenerator.Parsing
{
    /// <summary>
    /// Replies read as items while they arrive. A success reply in a stream media type (an event stream, JSON lines, a JSON
    /// sequence) is the method's result; when the reply offers JSON too, the method keeps the JSON and a
    /// <c>…StreamAsync</c> method reads the stream. A reply that is a JSON array gets that method as well, reading the
    /// array element by element.
    /// </summary>
    internal sealed partial class ModelBuilder
    {
        /// <summary>The method names the spec's operations want (<c>GetPetAsync</c>): a stream variant never takes one.</summary>
        private HashSet<string>? _operationMethodNames;

        /// <summary>The operation's result and stream variant, given the result <see cref="BuildResponses"/> chose.</summary>
        private (ResultModel Result, StreamVariantModel? Variant) BuildStreams(OpenApiOperation operation, string methodBase, string pointer, ResultModel result, NameScope methodNames)
        {
            if (result.Kind == ResponseKind.None)
            {
                return (result, null);
            }

            StreamModel? stream = null;
            var primary = PrimarySuccess(operation);
            var mediaType = primary?.Response.Content?.Keys.FirstOrDefault(StreamMediaTypes.IsStream);
            if (primary != null && mediaType != null)
            {
                stream = BuildStream(primary.Value.Response, mediaType, methodBase, pointer + "/responses/" + SpecLines.Escape(primary.Value.Status));
                if (result.Kind != ResponseKind.Json)
                {
                    return (new ResultModel(ResponseKind.Stream, stream.ItemType) { MediaType = mediaType, StatusesWithoutBody = result.StatusesWithoutBody, Stream = stream }, null);
                }
            }
            else if (result.Kind == ResponseKind.Json && result.VariantsClass is null && result.Type?.Kind == TypeKind.List && result.Type.Element != null)
            {
                stream = new StreamModel(StreamFormat.JsonArray, result.Type.Element, result.MediaType, null);
            }

            if (stream is null)
            {
                return (result, null);
            }

            var name = ClaimVariantName(methodNames, methodBase);
            var descriptor = methodNames.Claim("s_" + name.Substring(0, name.Length - "Async".Length));
            return (result, new StreamVariantModel(name, descriptor, stream));
        }

        /// <summary>The first success response (in status order) that has a body: the one the method's result comes from.</summary>
        private static (string Status, OpenApiResponse Response)? PrimarySuccess(OpenApiOperation operation)
        {
            foreach (var pair in operation.ActualResponses.OrderBy(r => StatusOrder(r.Key)).ThenBy(r => r.Key, StringComparer.Ordinal))
            {
                if (!IsSuccess(pair.Key))
                {
                    continue;
                }

                OpenApiResponse response;
                try
                {
                    response = pair.Value.ActualResponse;
                }
                catch (InvalidOperationException)
                {
                    continue;
                }

                if (response.Content != null && response.Content.Count > 0)
                {
                    return (pair.Key, response);
                }
            }

            return null;
        }

        private StreamModel BuildStream(OpenApiResponse response, string mediaType, string methodBase, string responsePointer)
        {
            var format = StreamMediaTypes.FormatOf(mediaType)!.Value;
            var rawResponse = Dereference(SpecLines.Resolve(_root, responsePointer).Node as JObject);
            var rawMedia = rawResponse?["content"]?[mediaType] as JObject;
            var perItem = rawMedia != null && _normalized.ItemSchemaMediaTypes.Contains(rawMedia);
            var schema = response.Content[mediaType]?.Schema;
            var schemaPointer = responsePointer + "/content/" + SpecLines.Escape(mediaType) + "/schema";
            if (format != StreamFormat.EventStream)
            {
                return new StreamModel(format, ItemSchema(schema, perItem, methodBase + "Item", schemaPointer), mediaType, null);
            }

            var data = EventData(schema, perItem, methodBase + "Event", schemaPointer);
            var end = EndSentinel(rawMedia) ?? EndSentinel(rawResponse) ?? (rawMedia != null && _normalized.StreamEnds.TryGetValue(rawMedia, out var fixedEnd) ? fixedEnd : null);

            // OpenAI-compatible streams end with data [DONE] whether or not their spec says so; it is not JSON, so it can
            // never be a typed event's data, and ending there beats failing on it.
            return new StreamModel(format, data, mediaType, end ?? (data is null ? null : StreamMediaTypes.ConventionalEnd));
        }

        /// <summary>
        /// The type of each line or record: the item schema, or the items of a schema that describes the whole stream as an
        /// array (OpenAPI 3.2's reading of <c>schema</c> on a sequential media type); any JSON without one.
        /// </summary>
        private TypeRef ItemSchema(JsonSchema? schema, bool perItem, string hint, string pointer)
        {
            var actual = schema is null ? null : Actual(schema, pointer);
            if (actual is null)
            {
                return TypeRef.Any;
            }

            return !perItem && IsArray(actual) ? Resolve(actual.Item, hint, pointer + "/items", 1) : Resolve(schema, hint, pointer, 1);
        }

        /// <summary>
        /// The type of each event's data; null when the data is text. The schema describes the data (OpenAI's way), or an
        /// event with <c>data</c>, <c>event</c>, <c>id</c>, <c>retry</c> fields (OpenAPI 3.2's way), whose <c>data</c>
        /// describes it; a string schema, or none, means text.
        /// </summary>
        private TypeRef? EventData(JsonSchema? schema, bool perItem, string hint, string pointer)
        {
            var actual = schema is null ? null : Actual(schema, pointer);
            if (actual != null && !perItem && IsArray(actual))
            {
                schema = actual.Item;
                pointer += "/items";
                actual = Actual(schema!, pointer);
            }

            if (actual != null && actual.ActualProperties.ContainsKey("data") && actual.ActualProperties.Keys.All(StreamMediaTypes.IsEventField))
            {
                schema = actual.ActualProperties["data"];
                pointer += "/properties/data";
                actual = Actual(schema, pointer);
            }

            if (actual is null || (actual.Type & ~JsonObjectType.Null) == JsonObjectType.String)
            {
                return null;
            }

            return Resolve(schema, hint, pointer, 1);
        }

        private static bool IsArray(JsonSchema schema) =>
            (schema.Type & ~JsonObjectType.Null) == JsonObjectType.Array && schema.Item != null;

        private static string? EndSentinel(JObject? owner)
        {
            var value = owner?[StreamMediaTypes.EndExtension] ?? owner?[StreamMediaTypes.SpeakeasyEndExtension];
            return value is JValue text && text.Type == JTokenType.String && !string.IsNullOrEmpty((string?)text) ? (string?)text : null;
        }

        /// <summary>A response object, or what its (chain of) local <c>$ref</c>(s) leads to.</summary>
        private JObject? Dereference(JObject? node)
        {
            for (var hop = 0; hop < 8 && node?["$ref"] is JValue reference && reference.Type == JTokenType.String; hop++)
            {
                node = SpecLines.Resolve(_root, (string)reference!).Node as JObject;
            }

            return node;
        }

        /// <summary>
        /// <c>{Method}StreamAsync</c>, unless an operation of the spec wants that name (variants come after every real
        /// operation, whose names never change because a variant appeared) or it is taken; then a numbered one.
        /// </summary>
        private string ClaimVariantName(NameScope methodNames, string methodBase)
        {
            _operationMethodNames ??= new HashSet<string>(
                EnumerateOperations().Select(o => Naming.ToPascal(Text(o.Operation.OperationId) ?? SynthesizeName(o.Path, o.Method), "Operation") + "Async"),
                StringComparer.Ordinal);
            var name = methodBase + "StreamAsync";
            for (var i = 2; _operationMethodNames.Contains(name) || methodNames.IsTaken(name); i++)
            {
                name = methodBase + "Stream" + i.ToString(CultureInfo.InvariantCulture) + "Async";
            }

            methodNames.Reserve(name);
            return name;
        }
    }
}
