using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Kua.Generated.Runtime.Authentication
{
    /// <summary>
    /// Decides whether a request body can be sent a second time (after a 401 or a 307/308 redirect) without
    /// reading its source twice: no body, bytes, strings and forms always can; a body of known length up to
    /// the limit is buffered first; a streamed body of unknown or larger length is sent once.
    /// </summary>
    internal static class ReplayableContent
    {
        private const string BufferedKey = "Kua.Generated.BodyBuffered";

        private static readonly object Buffered = true;

        /// <summary>Buffers the request's body when that makes it re-sendable, and says whether it can be sent again.</summary>
        public static async Task<bool> PrepareAsync(HttpRequestMessage request, long maxBufferSize, CancellationToken cancellationToken)
        {
            var content = request.Content;
            if (content is null || IsReplayable(content))
            {
                return true;
            }

            // Computing the length never reads a stream; a non-seekable stream has none and is left alone.
            var length = content.Headers.ContentLength;
            if (length is null || length > maxBufferSize)
            {
                return false;
            }

            cancellationToken.ThrowIfCancellationRequested();
            await content.LoadIntoBufferAsync(maxBufferSize).ConfigureAwait(false);

            // The redirect handler below asks too (a 307/308 re-sends the body).
            RequestOptions.Set(request, BufferedKey, Buffered);
            return true;
        }

        /// <summary>Whether the request's body can be sent again: re-sendable as it is, or buffered by <see cref="PrepareAsync"/>.</summary>
        public static bool CanResend(HttpRequestMessage request) =>
            IsReplayableAsIs(request.Content) || RequestOptions.Get(request, BufferedKey) != null;

        /// <summary>No body, or one that can be sent again without buffering: <see cref="PrepareAsync"/> has nothing to do.</summary>
        public static bool IsReplayableAsIs(HttpContent? content) => content is null || IsReplayable(content);

        private static bool IsReplayable(HttpContent content)
        {
            if (content is ByteArrayContent)
            {
                return true;
            }
#if NET5_0_OR_GREATER
            if (content is ReadOnlyMemoryContent)
            {
                return true;
            }
#endif
            if (content is MultipartContent multipart)
            {
                foreach (var part in multipart)
                {
                    if (!IsReplayable(part))
                    {
                        return false;
                    }
                }

                return true;
            }

            return false;
        }
    }
}
