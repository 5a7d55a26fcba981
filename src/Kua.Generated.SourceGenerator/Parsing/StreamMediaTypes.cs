using System;
using Kua.Generated.SourceGenerator.Model;

namespace Kua.Generated.SourceGenerator.Parsing
{
    /// <summary>The media types whose replies are read as items while they arrive, and the extensions that describe them.</summary>
    internal static class StreamMediaTypes
    {
        /// <summary>The spec's word for the data of the event that ends an event stream (such as <c>[DONE]</c>), on the media type or the response.</summary>
        public const string EndExtension = "x-kua-stream-end";

        /// <summary>The same, as another generator's extension spells it; real specs carry it.</summary>
        public const string SpeakeasyEndExtension = "x-speakeasy-sse-sentinel";

        /// <summary>The data that ends an event stream of JSON data when the spec names none.</summary>
        public const string ConventionalEnd = "[DONE]";

        /// <summary>The format of a sequential media type, or null for any other.</summary>
        public static StreamFormat? FormatOf(string mediaType)
        {
            switch (mediaType.Split(';')[0].Trim().ToLowerInvariant())
            {
                case "text/event-stream":
                    return StreamFormat.EventStream;
                case "application/x-ndjson":
                case "application/jsonl":
                case "application/x-jsonlines":
                case "application/jsonlines":
                    return StreamFormat.JsonLines;
                case "application/json-seq":
                    return StreamFormat.JsonSequence;
                default:
                    return null;
            }
        }

        public static bool IsStream(string mediaType) => FormatOf(mediaType) != null;

        public static bool IsEventStream(string mediaType) => FormatOf(mediaType) == StreamFormat.EventStream;

        /// <summary>The fields an event has (the object OpenAPI 3.2 models one event as).</summary>
        public static bool IsEventField(string name) =>
            string.Equals(name, "data", StringComparison.Ordinal) || string.Equals(name, "event", StringComparison.Ordinal) ||
            string.Equals(name, "id", StringComparison.Ordinal) || string.Equals(name, "retry", StringComparison.Ordinal);
    }
}
