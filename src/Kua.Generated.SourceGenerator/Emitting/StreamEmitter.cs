using Kua.Generated.SourceGenerator.Model;

namespace Kua.Generated.SourceGenerator.Emitting
{
    /// <summary>
    /// What a streamed reply adds to an operation: the item types (<c>IAsyncEnumerable&lt;T&gt;</c>, events as
    /// <c>KuaServerSentEvent&lt;T&gt;</c>), the runtime reply that reads them, and the descriptor of a <c>…StreamAsync</c>
    /// variant, derived from the operation's own. The method bodies are the operation's (<see cref="OperationEmitter"/>).
    /// </summary>
    internal static class StreamEmitter
    {
        private const string Reply = TypeSyntax.HttpRuntime + ".KuaReply.";

        /// <summary>The method's return type: <c>IAsyncEnumerable&lt;item&gt;</c>.</summary>
        public static string ReturnType(TypeSyntax types, StreamModel stream) =>
            "global::System.Collections.Generic.IAsyncEnumerable<" + ItemType(types, stream) + ">";

        /// <summary>The reply of the operation's descriptor.</summary>
        public static string ReplyOf(TypeSyntax types, StreamModel stream)
        {
            var item = stream.ItemType;
            switch (stream.Format)
            {
                case StreamFormat.EventStream:
                    var end = stream.EndSentinel is null ? string.Empty : Literals.String(stream.EndSentinel);
                    return item is null
                        ? Reply + "TextEventStream(" + end + ")"
                        : Reply + "EventStream(" + types.Converter(item) + (end.Length == 0 ? string.Empty : ", " + end) + ")";
                case StreamFormat.JsonLines:
                    return Reply + "JsonLines(" + types.Converter(item!) + ")";
                case StreamFormat.JsonSequence:
                    return Reply + "JsonSequence(" + types.Converter(item!) + ")";
                default:
                    return Reply + "JsonArray(" + types.Converter(item!) + ")";
            }
        }

        /// <summary>The <c>Accept</c> header: the spec's media type.</summary>
        public static string Accept(StreamModel stream) =>
            stream.MediaType.Length == 0 || stream.MediaType == "*/*" ? DefaultAccept(stream.Format) : stream.MediaType;

        /// <summary>The <c>Accept</c> header the runtime's reply sends unless told otherwise.</summary>
        public static string DefaultAccept(StreamFormat format)
        {
            switch (format)
            {
                case StreamFormat.EventStream:
                    return "text/event-stream";
                case StreamFormat.JsonLines:
                    return "application/x-ndjson";
                case StreamFormat.JsonSequence:
                    return "application/json-seq";
                default:
                    return "application/json";
            }
        }

        /// <summary>The variant's descriptor, after the operation's own (it is made from it: same errors, statuses, credentials).</summary>
        public static void EmitVariantDescriptor(SourceWriter writer, TypeSyntax types, OperationModel operation)
        {
            var variant = operation.StreamVariant;
            if (variant is null)
            {
                return;
            }

            var stream = variant.Stream;
            var accept = Accept(stream);
            var type = TypeSyntax.HttpRuntime + ".KuaOperation<" + ReturnType(types, stream) + ">";
            writer.Line("private static readonly " + type + " " + variant.DescriptorName + " = " + operation.DescriptorName +
                        ".Streaming(" + ReplyOf(types, stream) + (accept == DefaultAccept(stream.Format) ? string.Empty : ", " + Literals.String(accept)) + ");");
        }

        /// <summary>The method's <c>returns</c> documentation.</summary>
        public static string Returns(StreamModel stream)
        {
            const string Release = " Leaving the loop, or cancelling, closes the connection; a stream cut short throws.";
            switch (stream.Format)
            {
                case StreamFormat.EventStream:
                    var end = stream.EndSentinel is null ? " until the reply ends" : " until the reply ends or an event's data is " + stream.EndSentinel;
                    return "The server-sent events as they arrive, each with its " + (stream.ItemType is null ? "data as text" : "data read as JSON") + ", type and id," + end + "." + Release;
                case StreamFormat.JsonArray:
                    return "The reply's array items, each as soon as it has arrived, without holding the whole reply." + Release;
                default:
                    return "The reply's values, one per " + (stream.Format == StreamFormat.JsonLines ? "line" : "record") + ", each as soon as it has arrived." + Release;
            }
        }

        private static string ItemType(TypeSyntax types, StreamModel stream)
        {
            var item = stream.ItemType;
            if (stream.Format == StreamFormat.EventStream)
            {
                return "global::Kua.Generated.KuaServerSentEvent<" + (item is null ? "string" : types.Declared(item, item.Nullable)) + ">";
            }

            return types.Declared(item!, item!.Nullable);
        }
    }
}
