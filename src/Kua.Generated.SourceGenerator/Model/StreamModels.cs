namespace Kua.Generated.SourceGenerator.Model
{
    /// <summary>How a streamed reply is cut into items.</summary>
    internal enum StreamFormat
    {
        /// <summary><c>text/event-stream</c>: server-sent events.</summary>
        EventStream,

        /// <summary><c>application/x-ndjson</c>, <c>application/jsonl</c>: one JSON value per line.</summary>
        JsonLines,

        /// <summary><c>application/json-seq</c> (RFC 7464): JSON texts after record separators.</summary>
        JsonSequence,

        /// <summary>One JSON array, read element by element.</summary>
        JsonArray,
    }

    /// <summary>
    /// A reply read as items while it arrives: the format, the item type (for events, the data's type; null when the
    /// data is text), the media type asked for, and the data of the event that ends the stream when the spec names one.
    /// </summary>
    internal sealed record StreamModel(StreamFormat Format, TypeRef? ItemType, string MediaType, string? EndSentinel);

    /// <summary>
    /// The <c>…StreamAsync</c> method beside an operation's own: its reply read as items, when the reply is a JSON array
    /// (read element by element) or when the success reply offers a stream media type beside JSON.
    /// </summary>
    internal sealed record StreamVariantModel(string MethodName, string DescriptorName, StreamModel Stream);
}
