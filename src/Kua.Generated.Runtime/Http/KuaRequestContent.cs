using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Serialization;
using Kua.Generated.Runtime.Json;

namespace Kua.Generated.Runtime.Http
{
    /// <summary>
    /// Request bodies for generated operations. Buffered contents (JSON, form, text, bytes) can be sent
    /// again, which lets the token handler retry once after a 401.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class KuaRequestContent
    {
        private static readonly MediaTypeHeaderValue JsonMediaType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");

        /// <summary>A JSON body written by a generated converter.</summary>
        /// <typeparam name="T">The body type.</typeparam>
        /// <param name="value">The body.</param>
        /// <param name="converter">Its converter.</param>
        /// <param name="mediaType">The media type the spec names (defaults to <c>application/json</c>).</param>
        /// <returns>The content.</returns>
        public static HttpContent Json<T>(T value, JsonConverter<T> converter, string? mediaType = null)
        {
            var content = new ByteArrayContent(KuaJson.SerializeToUtf8Bytes(value, converter));
            content.Headers.ContentType = mediaType is null ? JsonMediaType : new MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" };
            return content;
        }

        /// <summary>An <c>application/x-www-form-urlencoded</c> body.</summary>
        /// <param name="fields">The fields as text, in order; repeated names are allowed.</param>
        /// <returns>The content.</returns>
        public static HttpContent Form(IEnumerable<KeyValuePair<string, string>> fields)
        {
            var builder = new StringBuilder();
            foreach (var field in fields)
            {
                if (builder.Length > 0)
                {
                    builder.Append('&');
                }

                // RFC 1866 form encoding: '+' for space, like HTML forms send.
                builder.Append(KuaPath.EscapeComponent(field.Key).Replace("%20", "+"))
                    .Append('=')
                    .Append(KuaPath.EscapeComponent(field.Value).Replace("%20", "+"));
            }

            var content = new ByteArrayContent(Encoding.ASCII.GetBytes(builder.ToString()));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
            return content;
        }

        /// <summary>A text body.</summary>
        /// <param name="text">The text.</param>
        /// <param name="mediaType">The media type (defaults to <c>text/plain</c>).</param>
        /// <returns>The content.</returns>
        public static HttpContent Text(string text, string? mediaType = null)
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text ?? string.Empty));
            content.Headers.ContentType = new MediaTypeHeaderValue(mediaType ?? "text/plain") { CharSet = "utf-8" };
            return content;
        }

        /// <summary>A binary body from bytes.</summary>
        /// <param name="bytes">The bytes.</param>
        /// <param name="mediaType">The media type (defaults to <c>application/octet-stream</c>).</param>
        /// <returns>The content.</returns>
        public static HttpContent Binary(byte[] bytes, string? mediaType = null)
        {
            var content = new ByteArrayContent(bytes ?? throw new ArgumentNullException(nameof(bytes)));
            content.Headers.ContentType = new MediaTypeHeaderValue(mediaType ?? "application/octet-stream");
            return content;
        }

        /// <summary>A binary body from a stream (sent once; it cannot be retried).</summary>
        /// <param name="stream">The stream; the caller keeps ownership.</param>
        /// <param name="mediaType">The media type (defaults to <c>application/octet-stream</c>).</param>
        /// <returns>The content.</returns>
        public static HttpContent Binary(Stream stream, string? mediaType = null)
        {
            var content = new StreamContent(new NonDisposingStream(stream ?? throw new ArgumentNullException(nameof(stream))));
            content.Headers.ContentType = new MediaTypeHeaderValue(mediaType ?? "application/octet-stream");
            return content;
        }

        /// <summary>Adds a text field to a multipart body.</summary>
        /// <param name="multipart">The multipart body.</param>
        /// <param name="name">The field name.</param>
        /// <param name="value">The field value as text.</param>
        public static void AddMultipartField(MultipartFormDataContent multipart, string name, string value)
        {
            var part = new ByteArrayContent(Encoding.UTF8.GetBytes(value ?? string.Empty));
            part.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
            multipart.Add(part, Quote(name));
        }

        /// <summary>Adds a JSON field to a multipart body.</summary>
        /// <typeparam name="T">The field type.</typeparam>
        /// <param name="multipart">The multipart body.</param>
        /// <param name="name">The field name.</param>
        /// <param name="value">The field value.</param>
        /// <param name="converter">Its converter.</param>
        public static void AddMultipartJson<T>(MultipartFormDataContent multipart, string name, T value, JsonConverter<T> converter) =>
            multipart.Add(Json(value, converter), Quote(name));

        /// <summary>Adds a file to a multipart body.</summary>
        /// <param name="multipart">The multipart body.</param>
        /// <param name="name">The field name.</param>
        /// <param name="file">The file.</param>
        public static void AddMultipartFile(MultipartFormDataContent multipart, string name, KuaFile file)
        {
            if (file is null)
            {
                throw new ArgumentNullException(nameof(file));
            }

            var part = new StreamContent(new NonDisposingStream(file.Content));
            part.Headers.ContentType = new MediaTypeHeaderValue(file.ContentType ?? "application/octet-stream");
            multipart.Add(part, Quote(name), Quote(file.FileName ?? name));
        }

        private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

        /// <summary>Lets HttpClient dispose its content without closing a stream the caller owns.</summary>
        private sealed class NonDisposingStream : Stream
        {
            private readonly Stream _inner;

            public NonDisposingStream(Stream inner) => _inner = inner;

            public override bool CanRead => _inner.CanRead;

            public override bool CanSeek => _inner.CanSeek;

            public override bool CanWrite => false;

            public override long Length => _inner.Length;

            public override long Position
            {
                get => _inner.Position;
                set => _inner.Position = value;
            }

            public override void Flush()
            {
            }

            public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

            public override System.Threading.Tasks.Task<int> ReadAsync(byte[] buffer, int offset, int count, System.Threading.CancellationToken cancellationToken) =>
                _inner.ReadAsync(buffer, offset, count, cancellationToken);

            public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
