using System;
using System.Buffers;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using Kua.Generated.Runtime.Reading;
using Kua.Generated.Runtime.Authentication;
using Kua.Generated.Runtime.Json;

namespace Kua.Generated.Runtime.Http
{
    /// <summary>Turns replies into results or into <see cref="KuaApiException"/>s for generated operations.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class KuaResponses
    {
        /// <summary>Reads a JSON body. An unreadable body becomes a <see cref="KuaApiException"/> naming the operation and status.</summary>
        /// <typeparam name="T">The result type.</typeparam>
        /// <param name="response">The reply.</param>
        /// <param name="converter">The converter for <typeparamref name="T"/>.</param>
        /// <param name="operationId">The operation, for errors.</param>
        /// <param name="cancellationToken">Cancels reading.</param>
        /// <returns>The value.</returns>
        public static Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonConverter<T> converter, string operationId, CancellationToken cancellationToken) =>
            ReadJsonAsync(response, converter, operationId, null, cancellationToken);

        internal static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonConverter<T> converter, string operationId, TolerantReading? tolerant, CancellationToken cancellationToken)
        {
            var body = await ReadPooledAsync(response, cancellationToken).ConfigureAwait(false);
            try
            {
                return Deserialize(response, body, converter, operationId, tolerant);
            }
            finally
            {
                body.Return();
            }
        }

        /// <summary>Reads a JSON body that may be empty (for results the spec lets be absent); empty reads as default.</summary>
        /// <typeparam name="T">The result type (nullable).</typeparam>
        /// <param name="response">The reply.</param>
        /// <param name="converter">The converter for <typeparamref name="T"/>, which also reads JSON null.</param>
        /// <param name="operationId">The operation, for errors.</param>
        /// <param name="cancellationToken">Cancels reading.</param>
        /// <returns>The value, or default for an empty body.</returns>
        public static Task<T?> ReadJsonOrDefaultAsync<T>(HttpResponseMessage response, JsonConverter<T> converter, string operationId, CancellationToken cancellationToken) =>
            ReadJsonOrDefaultAsync(response, converter, operationId, null, cancellationToken);

        internal static async Task<T?> ReadJsonOrDefaultAsync<T>(HttpResponseMessage response, JsonConverter<T> converter, string operationId, TolerantReading? tolerant, CancellationToken cancellationToken)
        {
            var body = await ReadPooledAsync(response, cancellationToken).ConfigureAwait(false);
            try
            {
                return body.Length == 0 ? default : Deserialize(response, body, converter, operationId, tolerant);
            }
            finally
            {
                body.Return();
            }
        }

        private static T Deserialize<T>(HttpResponseMessage response, PooledBody body, JsonConverter<T> converter, string operationId, TolerantReading? tolerant)
        {
            try
            {
                if (tolerant is null)
                {
                    return KuaJson.Deserialize(new ReadOnlySpan<byte>(body.Buffer, 0, body.Length), converter);
                }

                using (var session = KuaReadSession.Begin())
                {
                    var value = KuaJson.Deserialize(new ReadOnlySpan<byte>(body.Buffer, 0, body.Length), converter);
                    tolerant.Report(operationId, session.Deviations);
                    return value;
                }
            }
            catch (JsonException ex)
            {
                // The body of a success reply may hold secrets (a login reply holds the token): keep only the reason.
                throw new KuaApiException(
                    operationId,
                    (int)response.StatusCode,
                    "Operation '" + operationId + "' returned HTTP " + ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) + " with a body that could not be read: " + ex.Message,
                    null,
                    CopyHeaders(response),
                    ex);
            }
        }

        /// <summary>Reads a text body.</summary>
        /// <param name="response">The reply.</param>
        /// <param name="cancellationToken">Cancels reading.</param>
        /// <returns>The text.</returns>
        public static async Task<string> ReadStringAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            var body = await ReadPooledAsync(response, cancellationToken).ConfigureAwait(false);
            try
            {
                return Decode(response, body.Buffer, body.Length);
            }
            finally
            {
                body.Return();
            }
        }

        /// <summary>Reads a binary body fully.</summary>
        /// <param name="response">The reply.</param>
        /// <param name="cancellationToken">Cancels reading.</param>
        /// <returns>The bytes.</returns>
        public static async Task<byte[]> ReadBytesAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            var body = await ReadPooledAsync(response, cancellationToken).ConfigureAwait(false);
            try
            {
                return new ReadOnlySpan<byte>(body.Buffer, 0, body.Length).ToArray();
            }
            finally
            {
                body.Return();
            }
        }

        /// <summary>
        /// Hands the body over as a stream that owns the reply: disposing the stream disposes the reply.
        /// </summary>
        /// <param name="response">The reply, which the stream now owns.</param>
        /// <param name="cancellationToken">Cancels opening the stream.</param>
        /// <returns>The stream.</returns>
        public static async Task<Stream> OpenStreamAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            if (response.Content is null)
            {
                response.Dispose();
                return new MemoryStream(Array.Empty<byte>(), writable: false);
            }

            var stream = await ReadContentStreamAsync(response.Content, cancellationToken).ConfigureAwait(false);
            return new KuaResponseStream(stream, response);
        }

        /// <summary>The body's stream, opened with the token where the platform takes one.</summary>
        /// <param name="content">The reply's content.</param>
        /// <param name="cancellationToken">Cancels opening the stream.</param>
        /// <returns>The stream.</returns>
        internal static Task<Stream> ReadContentStreamAsync(HttpContent content, CancellationToken cancellationToken)
        {
#if NET5_0_OR_GREATER
            return content.ReadAsStreamAsync(cancellationToken);
#else
            cancellationToken.ThrowIfCancellationRequested();
            return content.ReadAsStreamAsync();
#endif
        }

        /// <summary>An exception for a non-success reply without a declared error body.</summary>
        /// <param name="response">The reply.</param>
        /// <param name="operationId">The operation.</param>
        /// <param name="keepBody">Whether the body may be kept in the exception (false for operations that handle secrets).</param>
        /// <param name="cancellationToken">Cancels reading the body.</param>
        /// <returns>The exception to throw.</returns>
        public static async Task<KuaApiException> CreateExceptionAsync(HttpResponseMessage response, string operationId, bool keepBody, CancellationToken cancellationToken)
        {
            var status = (int)response.StatusCode;
            var text = keepBody ? KnownSecrets.ScrubReply(response, await TryReadErrorTextAsync(response, cancellationToken).ConfigureAwait(false)) : null;
            return new KuaApiException(operationId, status, KuaApiException.DescribeStatus(operationId, status, response.ReasonPhrase), text, CopyHeaders(response));
        }

        /// <summary>An exception for a non-success reply whose body the spec declares; the body is read as <typeparamref name="TError"/> when it can be.</summary>
        /// <typeparam name="TError">The error body type.</typeparam>
        /// <param name="response">The reply.</param>
        /// <param name="operationId">The operation.</param>
        /// <param name="converter">The error body's converter.</param>
        /// <param name="keepBody">Whether the body text may be kept in the exception.</param>
        /// <param name="cancellationToken">Cancels reading the body.</param>
        /// <returns>The exception to throw.</returns>
        public static async Task<KuaApiException> CreateExceptionAsync<TError>(HttpResponseMessage response, string operationId, JsonConverter<TError> converter, bool keepBody, CancellationToken cancellationToken)
        {
            var status = (int)response.StatusCode;
            var message = KuaApiException.DescribeStatus(operationId, status, response.ReasonPhrase);
            var headers = CopyHeaders(response);
            PooledBody body;
            try
            {
                body = await ReadPooledAsync(response, cancellationToken, KuaApiException.MaxResponseBodyLength * 4).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException || ex is HttpRequestException)
            {
                return new KuaApiException(operationId, status, message, null, headers, ex);
            }

            try
            {
                var text = keepBody ? KnownSecrets.ScrubReply(response, Decode(response, body.Buffer, Math.Min(body.Length, KuaApiException.MaxResponseBodyLength * 4))) : null;
                if (body.Length == 0)
                {
                    return new KuaApiException(operationId, status, message, text, headers);
                }

                try
                {
                    var error = KuaJson.Deserialize(new ReadOnlySpan<byte>(body.Buffer, 0, body.Length), converter);
                    return new KuaApiException<TError>(operationId, status, message, error, text, headers);
                }
                catch (JsonException ex)
                {
                    // The error body is not what the spec says: still report the status, with the reason the body was not read.
                    return new KuaApiException(operationId, status, message, text, headers, ex);
                }
            }
            finally
            {
                body.Return();
            }
        }

        /// <summary>Copies reply and content headers, leaving out cookies, with the client's secrets (password, tokens) masked.</summary>
        /// <param name="response">The reply.</param>
        /// <returns>The headers by name (case-insensitive).</returns>
        public static IReadOnlyDictionary<string, IReadOnlyList<string>> CopyHeaders(HttpResponseMessage response)
        {
            var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var header in response.Headers)
            {
                if (!string.Equals(header.Key, "Set-Cookie", StringComparison.OrdinalIgnoreCase))
                {
                    headers[header.Key] = new List<string>(header.Value);
                }
            }

            if (response.Content != null)
            {
                foreach (var header in response.Content.Headers)
                {
                    headers[header.Key] = new List<string>(header.Value);
                }
            }

            return KnownSecrets.ScrubReply(response, headers);
        }

        private static async Task<string?> TryReadErrorTextAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            try
            {
                var body = await ReadPooledAsync(response, cancellationToken, KuaApiException.MaxResponseBodyLength * 4).ConfigureAwait(false);
                try
                {
                    return body.Length == 0 ? null : Decode(response, body.Buffer, body.Length);
                }
                finally
                {
                    body.Return();
                }
            }
            catch (Exception ex) when (ex is IOException || ex is HttpRequestException)
            {
                return null;
            }
        }

        private static string Decode(HttpResponseMessage response, byte[] buffer, int length)
        {
            var charset = response.Content?.Headers.ContentType?.CharSet;
            Encoding encoding = Encoding.UTF8;
            if (!string.IsNullOrEmpty(charset))
            {
                try
                {
                    encoding = Encoding.GetEncoding(charset!.Trim('"'));
                }
                catch (ArgumentException)
                {
                    // An unknown charset: UTF-8 is the best guess for an API.
                }
            }

            var start = encoding is UTF8Encoding && length >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0;
            return encoding.GetString(buffer, start, length - start);
        }

        // A ValueTask: a body that is already buffered (the usual case for small replies) is read without a task.
        private static async ValueTask<PooledBody> ReadPooledAsync(HttpResponseMessage response, CancellationToken cancellationToken, int limit = int.MaxValue)
        {
            if (response.Content is null)
            {
                return new PooledBody(Array.Empty<byte>(), 0, pooled: false);
            }

#if NET5_0_OR_GREATER
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
            var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
            using (stream)
            {
                // A seekable stream knows its length without computing the Content-Length header (which allocates).
                var declared = stream.CanSeek ? stream.Length - stream.Position : response.Content.Headers.ContentLength;
                var size = declared.HasValue && declared.Value > 0 && declared.Value < 64 * 1024 * 1024 ? (int)declared.Value + 1 : 16 * 1024;
                var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(size, limit == int.MaxValue ? size : limit + 1));
                var length = 0;
                try
                {
                    while (true)
                    {
                        if (length == buffer.Length)
                        {
                            if (length >= limit)
                            {
                                break;
                            }

                            var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                            Buffer.BlockCopy(buffer, 0, larger, 0, length);
                            ArrayPool<byte>.Shared.Return(buffer);
                            buffer = larger;
                        }

#if NET5_0_OR_GREATER
                        // The Memory overload returns a ValueTask: no task per read when data is already there.
                        var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
#else
                        var read = await stream.ReadAsync(buffer, length, buffer.Length - length, cancellationToken).ConfigureAwait(false);
#endif
                        if (read == 0)
                        {
                            break;
                        }

                        length += read;
                    }

                    return new PooledBody(buffer, Math.Min(length, limit), pooled: true);
                }
                catch
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    throw;
                }
            }
        }

        private readonly struct PooledBody
        {
            private readonly bool _pooled;

            public PooledBody(byte[] buffer, int length, bool pooled)
            {
                Buffer = buffer;
                Length = length;
                _pooled = pooled;
            }

            public byte[] Buffer { get; }

            public int Length { get; }

            public void Return()
            {
                if (_pooled)
                {
                    ArrayPool<byte>.Shared.Return(Buffer);
                }
            }
        }
    }
}
