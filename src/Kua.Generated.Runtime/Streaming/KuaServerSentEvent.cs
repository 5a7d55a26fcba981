using System;

namespace Kua.Generated
{
    /// <summary>
    /// One server-sent event of a <c>text/event-stream</c> reply: its data (the payload the spec declares, or the
    /// event's text) with the event's type and id.
    /// </summary>
    /// <typeparam name="T">The payload type: the type the spec gives each event's data, or <see cref="string"/>.</typeparam>
    public readonly struct KuaServerSentEvent<T>
    {
        private const string DefaultEventType = "message";

        private readonly string? _event;

        /// <summary>Creates an event.</summary>
        /// <param name="data">The payload.</param>
        /// <param name="eventType">The event's type; null for <c>message</c>.</param>
        /// <param name="id">The last event id, or null.</param>
        /// <param name="reconnectionInterval">The reconnection time the server asked for, or null.</param>
        public KuaServerSentEvent(T data, string? eventType = null, string? id = null, TimeSpan? reconnectionInterval = null)
        {
            Data = data;
            _event = eventType;
            Id = id;
            ReconnectionInterval = reconnectionInterval;
        }

        /// <summary>The event's data: its <c>data:</c> lines joined with <c>\n</c>, read as the spec's payload type.</summary>
        public T Data { get; }

        /// <summary>The event's type: its <c>event:</c> field, or <c>message</c> when it has none (as a browser's EventSource names it).</summary>
        public string Event => _event ?? DefaultEventType;

        /// <summary>
        /// The last event id: the latest <c>id:</c> field the stream carried up to this event (an id carries over to the
        /// events after it, as the SSE rules say), or null when there was none. Send it as <c>Last-Event-ID</c> to resume.
        /// </summary>
        public string? Id { get; }

        /// <summary>The reconnection time the stream asked for with its latest <c>retry:</c> field, or null when it asked for none.</summary>
        public TimeSpan? ReconnectionInterval { get; }

        /// <summary>The event's type, id and data, for logs and the debugger.</summary>
        /// <returns>The text.</returns>
        public override string ToString() => Event + (Id is null ? string.Empty : " #" + Id) + ": " + Data;
    }
}
