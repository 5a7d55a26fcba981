using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace Kua.Generated.SourceGenerator.Parsing
{
    /// <summary>
    /// Sequential media types (event streams, JSON lines, JSON sequences) in the shape NSwag reads and the model builder
    /// expects: OpenAPI 3.2's <c>itemSchema</c> becomes the media type's <c>schema</c>, noted as describing one item; in an
    /// event stream, an event whose <c>data</c> is a string with a <c>contentSchema</c> gets that schema as its data, and a
    /// <c>oneOf</c>/<c>anyOf</c> of events in which one event's data is a constant is read as the other event with that
    /// constant noted as the stream's end. The notes travel in <see cref="NormalizedSpec"/>, not in the document.
    /// </summary>
    internal sealed partial class SpecNormalizer
    {
        /// <summary>How many <c>$ref</c> hops are followed to find an item schema.</summary>
        private const int MaxReferenceHops = 8;

        private readonly HashSet<JObject> _itemSchemaMediaTypes = new HashSet<JObject>();
        private readonly Dictionary<JObject, string> _streamEnds = new Dictionary<JObject, string>();

        private void NormalizeStreamMediaType(JObject mediaType)
        {
            var name = (mediaType.Parent as JProperty)?.Name;
            if (name is null || !StreamMediaTypes.IsStream(name))
            {
                return;
            }

            if (mediaType.Property("itemSchema", StringComparison.Ordinal) is JProperty item)
            {
                item.Remove();
                mediaType.Remove("schema");
                mediaType.Add("schema", Detach(item));
                _itemSchemaMediaTypes.Add(mediaType);
            }

            if (StreamMediaTypes.IsEventStream(name) && mediaType["schema"] is JObject eventSchema)
            {
                NormalizeEventSchema(mediaType, eventSchema);
            }
        }

        private void NormalizeEventSchema(JObject mediaType, JObject schema)
        {
            var target = Dereference(schema);
            if (target is null)
            {
                return;
            }

            var variants = (target["oneOf"] ?? target["anyOf"]) as JArray;
            if (variants != null && variants.Count > 1)
            {
                var events = variants.Select(v => v is JObject o ? Dereference(o) : null).ToList();
                if (events.All(e => e != null && IsEvent(e)))
                {
                    var ends = events.Where(e => ConstantData(e!) != null).ToList();
                    var others = events.Except(ends).ToList();
                    if (ends.Count == 1 && others.Count == 1)
                    {
                        _streamEnds[mediaType] = ConstantData(ends[0]!)!;

                        // A copy: the events may be a component's, which other places may use as they are.
                        target = (JObject)others[0]!.DeepClone();
                        mediaType["schema"] = target;
                    }
                }
            }

            if (IsEvent(target) && target["properties"]?["data"] is JObject data && data.Property("contentSchema", StringComparison.Ordinal) is JProperty content &&
                content.Value is JObject && IsJsonContent(data))
            {
                // The data's text is JSON of that schema: for the generated client, the data is that schema.
                ((JObject)target["properties"]!)["data"] = Detach(content);
            }
        }

        /// <summary>A property's value, taken out of it (moved, not copied: it keeps its place in the file for diagnostics).</summary>
        private static JToken Detach(JProperty property)
        {
            var value = property.Value;
            property.Value = JValue.CreateNull();
            return value;
        }

        /// <summary>An object whose properties are an event's fields, <c>data</c> among them.</summary>
        private static bool IsEvent(JObject schema) =>
            schema["properties"] is JObject properties && properties["data"] != null && properties.Properties().All(p => StreamMediaTypes.IsEventField(p.Name));

        /// <summary>The string an event's data is fixed to (<c>const</c> or a one-value <c>enum</c>), or null.</summary>
        private static string? ConstantData(JObject schema)
        {
            var data = schema["properties"]?["data"] as JObject;
            var constant = data?["const"] ?? (data?["enum"] is JArray values && values.Count == 1 ? values[0] : null);
            return constant is JValue value && value.Type == JTokenType.String ? (string?)value : null;
        }

        private static bool IsJsonContent(JObject data)
        {
            var media = data["contentMediaType"] is JValue value && value.Type == JTokenType.String ? (string?)value : null;
            if (media is null)
            {
                return true;
            }

            var essence = media.Split(';')[0].Trim().ToLowerInvariant();
            return essence == "application/json" || essence.EndsWith("+json", StringComparison.Ordinal);
        }

        /// <summary>The schema a (chain of) local <c>$ref</c>(s) leads to, or the schema itself; null when a reference leads nowhere.</summary>
        private JObject? Dereference(JObject schema)
        {
            var seen = new HashSet<JObject>();
            var current = schema;
            for (var hop = 0; hop < MaxReferenceHops && seen.Add(current); hop++)
            {
                if (!(current["$ref"] is JValue reference) || reference.Type != JTokenType.String)
                {
                    return current;
                }

                var text = (string?)reference;
                if (text is null || !text.StartsWith("#", StringComparison.Ordinal) || !(SpecLines.Resolve(_root, text).Node is JObject next))
                {
                    return null;
                }

                current = next;
            }

            return null;
        }
    }
}
