using System;
using System.Globalization;
using System.Text;

namespace Kua.Generated.Runtime.Http
{
    /// <summary>
    /// The event stream rules of the HTML standard (text/event-stream), on UTF-8 bytes: lines end with CRLF, LF or CR
    /// (a CR at the end of one read and an LF at the start of the next are one line end); a blank line dispatches the
    /// event; <c>data:</c> lines are joined with LF; <c>event:</c> names the event; <c>id:</c> sets the last event id, which
    /// carries over to later events (one with NUL is ignored); <c>retry:</c> with digits only sets the reconnection time;
    /// <c>:</c> starts a comment; one space after the colon is dropped; an event without data is not dispatched; a leading
    /// byte order mark is skipped. Unlike a browser, which discards it, an event the body ends in without a blank line is
    /// dispatched: a body that ends cleanly is complete (a cut one fails before this is asked).
    /// </summary>
    internal sealed class ServerSentEventParser
    {
        private static readonly byte[] ByteOrderMark = { 0xEF, 0xBB, 0xBF };

        private readonly CachedText _eventTypes = new CachedText();
        private readonly CachedText _ids = new CachedText();
        private byte[] _data = new byte[256];
        private int _dataLength;
        private int _dispatchedLength;
        private string? _pendingEventType;
        private bool _startChecked;
        private bool _afterCarriageReturn;

        /// <summary>The type of the event read last, null for <c>message</c>.</summary>
        public string? EventType { get; private set; }

        /// <summary>The last event id as of the event read last; null when there is none.</summary>
        public string? LastEventId { get; private set; }

        /// <summary>The reconnection time the stream asked for last; null when it asked for none.</summary>
        public TimeSpan? ReconnectionInterval { get; private set; }

        /// <summary>Whether lines of an event not yet dispatched have been read.</summary>
        public bool InEvent => _dataLength > 0 || _pendingEventType != null;

        /// <summary>The data of the event read last (UTF-8).</summary>
        public ReadOnlySpan<byte> Data => new ReadOnlySpan<byte>(_data, 0, _dispatchedLength);

        /// <summary>The data of the event read last, as text (invalid UTF-8 becomes U+FFFD, as the standard decodes it).</summary>
        public string DataText() => Encoding.UTF8.GetString(_data, 0, _dispatchedLength);

        /// <summary>Reads lines until an event is dispatched; false when more bytes are needed (at the end: when no event is left).</summary>
        /// <param name="body">The body, whose lines are consumed.</param>
        /// <param name="ended">Whether the body has ended: its last line and event need no line end.</param>
        /// <returns>Whether an event was read (<see cref="Data"/>, <see cref="EventType"/>, <see cref="LastEventId"/>).</returns>
        public bool TryReadEvent(StreamedBody body, bool ended)
        {
            if (!SkipByteOrderMark(body, ended))
            {
                return false;
            }

            while (TryReadLine(body, ended, out var start, out var length))
            {
                if (length == 0)
                {
                    if (Dispatch())
                    {
                        return true;
                    }
                }
                else
                {
                    ReadField(body.Buffer, start, length);
                }
            }

            return ended && Dispatch();
        }

        private bool SkipByteOrderMark(StreamedBody body, bool ended)
        {
            if (_startChecked)
            {
                return true;
            }

            var unread = body.Unread;
            if (!ended && unread.Length < ByteOrderMark.Length && ByteOrderMark.AsSpan().StartsWith(unread))
            {
                return false;
            }

            if (unread.StartsWith(ByteOrderMark))
            {
                body.Consume(ByteOrderMark.Length);
            }

            _startChecked = true;
            return true;
        }

        /// <summary>The next line (offsets into <see cref="StreamedBody.Buffer"/>, valid until the next read), consumed with its line end.</summary>
        private bool TryReadLine(StreamedBody body, bool ended, out int start, out int length)
        {
            start = length = 0;
            var unread = body.Unread;
            if (_afterCarriageReturn && unread.Length > 0)
            {
                _afterCarriageReturn = false;
                if (unread[0] == (byte)'\n')
                {
                    body.Consume(1);
                    unread = body.Unread;
                }
            }

            if (unread.Length == 0)
            {
                return false;
            }

            start = body.Start;
            var end = unread.IndexOfAny((byte)'\r', (byte)'\n');
            if (end < 0)
            {
                if (!ended)
                {
                    return false;
                }

                length = unread.Length;
                body.Consume(length);
                return true;
            }

            length = end;
            var lineEnd = 1;
            if (unread[end] == (byte)'\r')
            {
                if (end + 1 == unread.Length)
                {
                    // The LF of a CRLF may come with the next read.
                    _afterCarriageReturn = true;
                }
                else if (unread[end + 1] == (byte)'\n')
                {
                    lineEnd = 2;
                }
            }

            body.Consume(end + lineEnd);
            return true;
        }

        private void ReadField(byte[] buffer, int start, int length)
        {
            var line = new ReadOnlySpan<byte>(buffer, start, length);
            if (line[0] == (byte)':')
            {
                return;
            }

            var colon = line.IndexOf((byte)':');
            var name = colon < 0 ? line : line.Slice(0, colon);
            var valueStart = colon < 0 ? length : colon + 1;
            if (valueStart < length && line[valueStart] == (byte)' ')
            {
                valueStart++;
            }

            var value = line.Slice(valueStart);
            if (name.SequenceEqual("data"u8))
            {
                AppendData(value);
            }
            else if (name.SequenceEqual("event"u8))
            {
                _pendingEventType = value.Length == 0 ? null : _eventTypes.Get(buffer, start + valueStart, value.Length);
            }
            else if (name.SequenceEqual("id"u8))
            {
                if (value.IndexOf((byte)0) < 0)
                {
                    LastEventId = value.Length == 0 ? null : _ids.Get(buffer, start + valueStart, value.Length);
                }
            }
            else if (name.SequenceEqual("retry"u8))
            {
                ReadRetry(value);
            }
        }

        private void AppendData(ReadOnlySpan<byte> value)
        {
            var needed = _dataLength + value.Length + 1;
            if (needed > _data.Length)
            {
                if (needed > StreamedBody.MaxItemLength)
                {
                    throw new System.Text.Json.JsonException("The event's data is larger than " + (StreamedBody.MaxItemLength / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + " MiB.");
                }

                var larger = new byte[Math.Max(needed, Math.Min(_data.Length * 2, StreamedBody.MaxItemLength))];
                System.Buffer.BlockCopy(_data, 0, larger, 0, _dataLength);
                _data = larger;
            }

            value.CopyTo(_data.AsSpan(_dataLength));
            _dataLength += value.Length;
            _data[_dataLength++] = (byte)'\n';
        }

        private void ReadRetry(ReadOnlySpan<byte> value)
        {
            if (value.Length == 0 || value.Length > 18)
            {
                return;
            }

            long milliseconds = 0;
            foreach (var b in value)
            {
                if (b < (byte)'0' || b > (byte)'9')
                {
                    return;
                }

                milliseconds = milliseconds * 10 + (b - '0');
            }

            ReconnectionInterval = TimeSpan.FromMilliseconds(Math.Min(milliseconds, (long)TimeSpan.MaxValue.TotalMilliseconds - 1));
        }

        private bool Dispatch()
        {
            if (_dataLength == 0)
            {
                _pendingEventType = null;
                return false;
            }

            _dispatchedLength = _dataLength - 1;
            _dataLength = 0;
            EventType = _pendingEventType;
            _pendingEventType = null;
            return true;
        }

        /// <summary>Text decoded from bytes, kept while the same bytes come again (event types and ids repeat, event after event).</summary>
        private sealed class CachedText
        {
            private byte[] _bytes = Array.Empty<byte>();
            private string _text = string.Empty;

            public string Get(byte[] buffer, int start, int length)
            {
                var bytes = new ReadOnlySpan<byte>(buffer, start, length);
                if (!bytes.SequenceEqual(_bytes))
                {
                    _bytes = bytes.ToArray();
                    _text = Encoding.UTF8.GetString(buffer, start, length);
                }

                return _text;
            }
        }
    }
}
