using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Kua.Generated.Runtime.Reading;

namespace Kua.Generated.Runtime.Http
{
    /// <summary>
    /// What one generated client shares with its sub-clients: the <see cref="HttpClient"/>, the base
    /// address requests are resolved against, and sending with errors mapped to <see cref="KuaApiException"/>.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed partial class KuaClientPipeline : IDisposable
    {
        /// <summary>Whether this HttpClient reports its own Timeout with an inner TimeoutException (.NET 5 and later); .NET Framework's does not.</summary>
        private static readonly bool TimeoutsAreMarked = Environment.Version.Major >= 5;

        private readonly bool _ownsHttpClient;
        private readonly TolerantReading? _tolerant;
        private volatile bool _disposed;

        /// <summary>Creates the pipeline.</summary>
        /// <param name="httpClient">The client that sends requests (its handlers attach tokens).</param>
        /// <param name="defaultBaseAddress">Used when <paramref name="httpClient"/> has no base address.</param>
        /// <param name="ownsHttpClient">Whether disposing the pipeline disposes <paramref name="httpClient"/>.</param>
        public KuaClientPipeline(HttpClient httpClient, Uri? defaultBaseAddress, bool ownsHttpClient)
            : this(httpClient, defaultBaseAddress, ownsHttpClient, null)
        {
        }

        /// <summary>Creates the pipeline with a read mode.</summary>
        /// <param name="httpClient">The client that sends requests (its handlers attach tokens).</param>
        /// <param name="defaultBaseAddress">Used when <paramref name="httpClient"/> has no base address.</param>
        /// <param name="ownsHttpClient">Whether disposing the pipeline disposes <paramref name="httpClient"/>.</param>
        /// <param name="reading">How replies that break the spec are read; null reads strictly.</param>
        public KuaClientPipeline(HttpClient httpClient, Uri? defaultBaseAddress, bool ownsHttpClient, KuaReadOptions? reading)
        {
            var mode = reading?.Mode ?? KuaReadMode.Strict;
            if (mode != KuaReadMode.Strict && mode != KuaReadMode.Tolerant)
            {
                throw new ArgumentOutOfRangeException(nameof(reading), mode, "Not a KuaReadMode.");
            }

            _tolerant = mode == KuaReadMode.Tolerant ? new TolerantReading(reading!.LoggerFactory) : null;
            HttpClient = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
            var baseAddress = httpClient.BaseAddress ?? defaultBaseAddress;
            if (baseAddress is null || !baseAddress.IsAbsoluteUri)
            {
                throw new ArgumentException("The HttpClient has no absolute BaseAddress and the spec declares no server URL.", nameof(httpClient));
            }

            BaseAddress = WithTrailingSlash(baseAddress);
            _ownsHttpClient = ownsHttpClient;
        }

        /// <summary>The client requests go through.</summary>
        public HttpClient HttpClient { get; }

        /// <summary>How replies that break the spec are read.</summary>
        public KuaReadMode ReadMode => _tolerant is null ? KuaReadMode.Strict : KuaReadMode.Tolerant;

        /// <summary>The base address, always ending in '/', that operation paths are relative to.</summary>
        public Uri BaseAddress { get; }

        /// <summary>Resolves an operation's path (with its query) against <see cref="BaseAddress"/>.</summary>
        /// <param name="relativePathAndQuery">The path without a leading '/', already escaped.</param>
        /// <returns>The absolute request URI.</returns>
        public Uri CreateUri(string relativePathAndQuery) => new Uri(BaseAddress, relativePathAndQuery);

        /// <summary>Creates the request of an operation: method, URI, <c>Accept</c> and the marks the token handler reads.</summary>
        /// <typeparam name="T">The operation's result type.</typeparam>
        /// <param name="operation">The operation.</param>
        /// <param name="relativePathAndQuery">The path without a leading '/', already escaped, with its query.</param>
        /// <returns>The request; <see cref="SendAsync{T}(HttpRequestMessage, KuaOperation{T}, CancellationToken)"/> disposes it.</returns>
        public HttpRequestMessage CreateRequest<T>(KuaOperation<T> operation, string relativePathAndQuery)
        {
            var request = new HttpRequestMessage(operation.Method, new Uri(BaseAddress, relativePathAndQuery));
            if (operation.Marked)
            {
                KuaRequestMarkers.SetOperationId(request, operation.OperationId);
            }

            if (operation.Anonymous)
            {
                KuaRequestMarkers.MarkAnonymous(request);
            }
            else if (operation.Security != 0)
            {
                KuaRequestMarkers.SetSecurity(request, operation.Security);
            }

            if (operation.Accept != null)
            {
                request.Headers.TryAddWithoutValidation("Accept", operation.Accept);
            }

            return request;
        }

        /// <summary>Sends an operation that needs nothing but its path and query.</summary>
        /// <typeparam name="T">The result type.</typeparam>
        /// <param name="operation">The operation.</param>
        /// <param name="relativePathAndQuery">The path without a leading '/', already escaped, with its query.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <returns>The result.</returns>
        public Task<T> SendAsync<T>(KuaOperation<T> operation, string relativePathAndQuery, CancellationToken cancellationToken) =>
            SendAsync(CreateRequest(operation, relativePathAndQuery), operation, cancellationToken);

        /// <summary>
        /// Sends an operation's request and turns the reply into its result: a success status is read as the spec says
        /// (or is the default value for a status declared without a body); anything else throws the
        /// <see cref="KuaApiException"/> the spec declares for it. The request and, unless the result is a stream that
        /// owns it, the reply are disposed.
        /// </summary>
        /// <typeparam name="T">The result type.</typeparam>
        /// <param name="request">The request (see <see cref="CreateRequest{T}"/>).</param>
        /// <param name="operation">The operation.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <returns>The result.</returns>
        public async Task<T> SendAsync<T>(HttpRequestMessage request, KuaOperation<T> operation, CancellationToken cancellationToken) =>
            (await SendCoreAsync(request, operation, copyHeaders: false, cancellationToken).ConfigureAwait(false)).Value;

        /// <summary>Sends as <see cref="SendAsync{T}(HttpRequestMessage, KuaOperation{T}, CancellationToken)"/> and also returns the reply's status and headers.</summary>
        /// <typeparam name="T">The result type.</typeparam>
        /// <param name="request">The request.</param>
        /// <param name="operation">The operation.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <returns>The status, headers and result.</returns>
        public async Task<KuaResponse<T>> SendWithResponseAsync<T>(HttpRequestMessage request, KuaOperation<T> operation, CancellationToken cancellationToken)
        {
            var reply = await SendCoreAsync(request, operation, copyHeaders: true, cancellationToken).ConfigureAwait(false);
            return new KuaResponse<T>(reply.Status, reply.Headers, reply.Value);
        }

        /// <summary>Sends as <see cref="SendWithResponseAsync{T}(HttpRequestMessage, KuaOperation{T}, CancellationToken)"/>, with the declared headers typed.</summary>
        /// <typeparam name="T">The result type.</typeparam>
        /// <typeparam name="THeaders">The operation's class of declared headers.</typeparam>
        /// <param name="request">The request.</param>
        /// <param name="operation">The operation.</param>
        /// <param name="headers">Reads the declared headers.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <returns>The status, headers, typed headers and result.</returns>
        public async Task<KuaResponse<T, THeaders>> SendWithResponseAsync<T, THeaders>(HttpRequestMessage request, KuaOperation<T> operation, Func<KuaResponse, THeaders> headers, CancellationToken cancellationToken)
        {
            var reply = await SendCoreAsync(request, operation, copyHeaders: true, cancellationToken).ConfigureAwait(false);
            var response = new KuaResponse(reply.Status, reply.Headers);
            return new KuaResponse<T, THeaders>(reply.Status, reply.Headers, reply.Value, headers(response));
        }

        /// <summary>Sends an operation without a result and returns the reply's status and headers.</summary>
        /// <param name="request">The request.</param>
        /// <param name="operation">The operation.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <returns>The status and headers.</returns>
        public async Task<KuaResponse> SendEmptyWithResponseAsync(HttpRequestMessage request, KuaOperation<object> operation, CancellationToken cancellationToken)
        {
            var reply = await SendCoreAsync(request, operation, copyHeaders: true, cancellationToken).ConfigureAwait(false);
            return new KuaResponse(reply.Status, reply.Headers);
        }

        /// <summary>Sends an operation without a result and returns the reply's status and headers, the declared ones typed.</summary>
        /// <typeparam name="THeaders">The operation's class of declared headers.</typeparam>
        /// <param name="request">The request.</param>
        /// <param name="operation">The operation.</param>
        /// <param name="headers">Reads the declared headers.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <returns>The status, headers and typed headers.</returns>
        public async Task<KuaHeadersResponse<THeaders>> SendEmptyWithResponseAsync<THeaders>(HttpRequestMessage request, KuaOperation<object> operation, Func<KuaResponse, THeaders> headers, CancellationToken cancellationToken)
        {
            var reply = await SendCoreAsync(request, operation, copyHeaders: true, cancellationToken).ConfigureAwait(false);
            return new KuaHeadersResponse<THeaders>(reply.Status, reply.Headers, headers(new KuaResponse(reply.Status, reply.Headers)));
        }

        /// <summary>
        /// The one send path of every operation method: the reply's status, the result, and the headers when the caller
        /// asks for them (copying them costs the plain methods nothing then).
        /// </summary>
        private async Task<Reply<T>> SendCoreAsync<T>(HttpRequestMessage request, KuaOperation<T> operation, bool copyHeaders, CancellationToken cancellationToken)
        {
            using (request)
            {
                var response = await SendAsync(request, operation.OperationId, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                var keep = false;
                try
                {
                    var status = (int)response.StatusCode;
                    if (status >= 200 && status <= 299)
                    {
                        var result = operation.IsStatusWithoutBody(status)
                            ? operation.Reply.EmptyResult
                            : await operation.Reply.ReadAsync(response, operation.OperationId, _tolerant, cancellationToken).ConfigureAwait(false);
                        keep = operation.Reply.KeepsReply;
                        return new Reply<T>(status, copyHeaders ? KuaResponses.CopyHeaders(response) : null, result);
                    }

                    throw await operation.CreateExceptionAsync(response, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    if (!keep)
                    {
                        response.Dispose();
                    }
                }
            }
        }

        /// <summary>
        /// Sends a request. Network failures become a <see cref="KuaApiException"/> with status 0 naming the operation.
        /// A cancellation is reported by its cause: the caller's <paramref name="cancellationToken"/> gives an
        /// <see cref="OperationCanceledException"/>; the client disposed during the call gives an
        /// <see cref="ObjectDisposedException"/>; <see cref="System.Net.Http.HttpClient.Timeout"/> gives a
        /// <see cref="KuaApiException"/> with status 0 and an inner <see cref="TimeoutException"/>; a login that outlasts
        /// <see cref="KuaClientOptions.LoginTimeout"/> gives the token handler's <see cref="KuaAuthenticationException"/>.
        /// </summary>
        /// <param name="request">The request.</param>
        /// <param name="operationId">The operation, for errors.</param>
        /// <param name="completionOption">When the returned task completes.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <returns>The reply; the caller disposes it.</returns>
        public Task<HttpResponseMessage> SendAsync(
            HttpRequestMessage request,
            string operationId,
            HttpCompletionOption completionOption,
            CancellationToken cancellationToken)
        {
            Task<HttpResponseMessage> sending;
            try
            {
                sending = HttpClient.SendAsync(request, completionOption, cancellationToken);
            }
            catch (Exception ex)
            {
                // Some HttpClient implementations throw before a task exists: map it as if the task had failed.
                sending = Task.FromException<HttpResponseMessage>(ex);
            }

            // A reply that is already there (in-memory handlers, caches) goes back as it is, without another task.
            return sending.Status == TaskStatus.RanToCompletion ? sending : AwaitReplyAsync(sending, operationId, cancellationToken);
        }

        private async Task<HttpResponseMessage> AwaitReplyAsync(Task<HttpResponseMessage> sending, string operationId, CancellationToken cancellationToken)
        {
            try
            {
                return await sending.ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                throw new KuaApiException(operationId, 0, "Operation '" + operationId + "' could not get a reply: " + ex.Message, innerException: ex);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && _disposed)
            {
                // Disposing the HttpClient cancels its requests: nothing timed out.
                throw new ObjectDisposedException("The client was disposed while operation '" + operationId + "' was in flight.", ex);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && (ex.InnerException is TimeoutException || !TimeoutsAreMarked))
            {
                throw new KuaApiException(operationId, 0, "Operation '" + operationId + "' timed out after " + HttpClient.Timeout + " (HttpClient.Timeout).", innerException: new TimeoutException(ex.Message, ex));
            }
        }

        /// <summary>A success reply: its status, its result, and its headers when they were asked for.</summary>
        private readonly struct Reply<T>
        {
            private readonly IReadOnlyDictionary<string, IReadOnlyList<string>>? _headers;

            public Reply(int status, IReadOnlyDictionary<string, IReadOnlyList<string>>? headers, T value)
            {
                Status = status;
                _headers = headers;
                Value = value;
            }

            public int Status { get; }

            public T Value { get; }

            public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers => _headers!;
        }

        /// <summary>Disposes the <see cref="HttpClient"/> when the pipeline created it; calls in flight then fail with <see cref="ObjectDisposedException"/>.</summary>
        public void Dispose()
        {
            _disposed = true;
            if (_ownsHttpClient)
            {
                HttpClient.Dispose();
            }
        }

        private static Uri WithTrailingSlash(Uri uri)
        {
            var text = uri.GetLeftPart(UriPartial.Path);
            return text.EndsWith("/", StringComparison.Ordinal) ? new Uri(text) : new Uri(text + "/");
        }
    }
}
