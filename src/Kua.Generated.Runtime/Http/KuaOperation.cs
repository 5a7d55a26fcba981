using System;
using System.ComponentModel;
using System.IO;
using System.Net.Http;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using Kua.Generated.Runtime.Reading;

namespace Kua.Generated.Runtime.Http
{
    /// <summary>
    /// What the spec says of one operation, as generated code hands it to <see cref="KuaClientPipeline"/>: its id, method,
    /// how a success reply is read and which error replies carry a typed body. One static instance per operation.
    /// </summary>
    /// <typeparam name="T">The result type (<see cref="object"/> for an operation without a result).</typeparam>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed partial class KuaOperation<T>
    {
        private readonly KuaErrorReply[] _errors;
        private int[] _statusesWithoutBody;

        /// <summary>Creates the description.</summary>
        /// <param name="operationId">The operation's id (for errors and logs).</param>
        /// <param name="method">The HTTP method.</param>
        /// <param name="reply">How a success reply's body is read.</param>
        /// <param name="errors">Error replies with a typed body, in the order they are tried: exact statuses, ranges, then <c>default</c>.</param>
        public KuaOperation(string operationId, string method, KuaReply<T> reply, params KuaErrorReply[] errors)
        {
            OperationId = operationId ?? throw new ArgumentNullException(nameof(operationId));
            Method = HttpMethodOf(method ?? throw new ArgumentNullException(nameof(method)));
            Reply = reply ?? throw new ArgumentNullException(nameof(reply));
            _errors = errors ?? Array.Empty<KuaErrorReply>();
            _statusesWithoutBody = Array.Empty<int>();
            Accept = reply.DefaultAccept;
        }

        /// <summary>The operation's id.</summary>
        public string OperationId { get; }

        /// <summary>The HTTP method.</summary>
        public HttpMethod Method { get; }

        /// <summary>How a success reply's body is read.</summary>
        public KuaReply<T> Reply { get; }

        /// <summary>The <c>Accept</c> header sent, or null for none.</summary>
        public string? Accept { get; set; }

        /// <summary>Whether the operation sends no credentials (<c>security: []</c>).</summary>
        public bool Anonymous { get; set; }

        /// <summary>The requirement set of the client's security the operation follows (0: the document's <c>security</c>).</summary>
        public int Security { get; set; }

        /// <summary>Whether reply bodies may hold secrets (a login): they are never kept in exceptions.</summary>
        public bool Sensitive { get; set; }

        /// <summary>Whether requests carry the operation's id for the token handler's logs.</summary>
        public bool Marked { get; set; }

        /// <summary>Success statuses the spec declares without a body: the result is the default value.</summary>
        public int[] StatusesWithoutBody
        {
            get => _statusesWithoutBody;
            set => _statusesWithoutBody = value ?? Array.Empty<int>();
        }

        internal bool IsStatusWithoutBody(int status) => Array.IndexOf(_statusesWithoutBody, status) >= 0;

        internal Task<KuaApiException> CreateExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            var status = (int)response.StatusCode;
            foreach (var error in _errors)
            {
                if (status >= error.Low && status <= error.High)
                {
                    return error.CreateExceptionAsync(response, OperationId, !Sensitive, cancellationToken);
                }
            }

            return KuaResponses.CreateExceptionAsync(response, OperationId, !Sensitive, cancellationToken);
        }

        private static HttpMethod HttpMethodOf(string method)
        {
            switch (method)
            {
                case "GET": return HttpMethod.Get;
                case "PUT": return HttpMethod.Put;
                case "POST": return HttpMethod.Post;
                case "DELETE": return HttpMethod.Delete;
                case "HEAD": return HttpMethod.Head;
                case "OPTIONS": return HttpMethod.Options;
                case "TRACE": return HttpMethod.Trace;
                default: return new HttpMethod(method);
            }
        }
    }

    /// <summary>How the body of a success reply becomes the operation's result.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public abstract class KuaReply<T>
    {
        internal KuaReply()
        {
        }

        /// <summary>The <c>Accept</c> header an operation with this reply sends unless the spec names a media type.</summary>
        internal abstract string? DefaultAccept { get; }

        /// <summary>Whether the result keeps the reply open (a stream): then the reply is not disposed after reading.</summary>
        internal virtual bool KeepsReply => false;

        /// <summary>The result of a success status the spec declares without a body.</summary>
        internal virtual T EmptyResult => default!;

        internal abstract Task<T> ReadAsync(HttpResponseMessage response, string operationId, CancellationToken cancellationToken);

        /// <summary>Reads as <see cref="ReadAsync(HttpResponseMessage, string, CancellationToken)"/>; JSON bodies read tolerantly when <paramref name="tolerant"/> is set.</summary>
        internal virtual Task<T> ReadAsync(HttpResponseMessage response, string operationId, TolerantReading? tolerant, CancellationToken cancellationToken) =>
            ReadAsync(response, operationId, cancellationToken);
    }

    /// <summary>The ways a success reply is read.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static partial class KuaReply
    {
        /// <summary>A JSON body read by <paramref name="converter"/>.</summary>
        /// <typeparam name="T">The result type.</typeparam>
        /// <param name="converter">The converter.</param>
        /// <returns>The reply.</returns>
        public static KuaReply<T> Json<T>(JsonConverter<T> converter) => new JsonReply<T>(converter, orDefault: false);

        /// <summary>A JSON body that may be empty or null: the result is then the default value.</summary>
        /// <typeparam name="T">The result type.</typeparam>
        /// <param name="converter">The converter, which also reads JSON null.</param>
        /// <returns>The reply.</returns>
        public static KuaReply<T> JsonOrDefault<T>(JsonConverter<T> converter) => new JsonReply<T>(converter, orDefault: true);

        /// <summary>
        /// A JSON body whose schema depends on the status (success statuses that declare different schemas): the status
        /// and the JSON go to <paramref name="create"/> (the operation's generated result class).
        /// </summary>
        /// <typeparam name="T">The result class.</typeparam>
        /// <param name="create">Creates the result from the status and the body (undefined for an empty body).</param>
        /// <returns>The reply.</returns>
        public static KuaReply<T> JsonWithStatus<T>(Func<int, System.Text.Json.JsonElement, T> create) => new JsonWithStatusReply<T>(create);

        /// <summary>A text body.</summary>
        public static KuaReply<string> Text { get; } = new TextReply();

        /// <summary>A body handed over as a stream that owns the reply.</summary>
        public static KuaReply<Stream> Stream { get; } = new StreamReply();

        /// <summary>No result: the body is ignored.</summary>
        public static KuaReply<object> None { get; } = new NoReply();

        private sealed class JsonReply<T> : KuaReply<T>
        {
            private readonly JsonConverter<T> _converter;
            private readonly bool _orDefault;

            public JsonReply(JsonConverter<T> converter, bool orDefault)
            {
                _converter = converter ?? throw new ArgumentNullException(nameof(converter));
                _orDefault = orDefault;
            }

            internal override string DefaultAccept => "application/json";

            internal override Task<T> ReadAsync(HttpResponseMessage response, string operationId, CancellationToken cancellationToken) =>
                ReadAsync(response, operationId, null, cancellationToken);

            internal override Task<T> ReadAsync(HttpResponseMessage response, string operationId, TolerantReading? tolerant, CancellationToken cancellationToken) =>
                _orDefault
                    ? KuaResponses.ReadJsonOrDefaultAsync(response, _converter, operationId, tolerant, cancellationToken)!
                    : KuaResponses.ReadJsonAsync(response, _converter, operationId, tolerant, cancellationToken);
        }

        private sealed class JsonWithStatusReply<T> : KuaReply<T>
        {
            private readonly Func<int, System.Text.Json.JsonElement, T> _create;

            public JsonWithStatusReply(Func<int, System.Text.Json.JsonElement, T> create) => _create = create ?? throw new ArgumentNullException(nameof(create));

            internal override string DefaultAccept => "application/json";

            internal override async Task<T> ReadAsync(HttpResponseMessage response, string operationId, CancellationToken cancellationToken)
            {
                var json = await KuaResponses.ReadJsonOrDefaultAsync(response, Runtime.Json.KuaJsonConverters.Any, operationId, cancellationToken).ConfigureAwait(false);
                return _create((int)response.StatusCode, json);
            }
        }

        private sealed class TextReply : KuaReply<string>
        {
            internal override string DefaultAccept => "*/*";

            internal override Task<string> ReadAsync(HttpResponseMessage response, string operationId, CancellationToken cancellationToken) =>
                KuaResponses.ReadStringAsync(response, cancellationToken);
        }

        private sealed class StreamReply : KuaReply<Stream>
        {
            internal override string DefaultAccept => "*/*";

            internal override bool KeepsReply => true;

            internal override Stream EmptyResult => System.IO.Stream.Null;

            internal override Task<Stream> ReadAsync(HttpResponseMessage response, string operationId, CancellationToken cancellationToken) =>
                KuaResponses.OpenStreamAsync(response, cancellationToken);
        }

        private sealed class NoReply : KuaReply<object>
        {
            private static readonly Task<object> Nothing = Task.FromResult<object>(null!);

            internal override string? DefaultAccept => null;

            internal override Task<object> ReadAsync(HttpResponseMessage response, string operationId, CancellationToken cancellationToken) => Nothing;
        }
    }

    /// <summary>An error reply whose body the spec declares: the statuses it covers and how its body is read.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public abstract class KuaErrorReply
    {
        internal KuaErrorReply(int low, int high)
        {
            Low = low;
            High = high;
        }

        internal int Low { get; }

        internal int High { get; }

        internal abstract Task<KuaApiException> CreateExceptionAsync(HttpResponseMessage response, string operationId, bool keepBody, CancellationToken cancellationToken);
    }

    /// <summary>An error reply with a body of type <typeparamref name="TError"/>, raised as <see cref="KuaApiException{TError}"/>.</summary>
    /// <typeparam name="TError">The error body's type.</typeparam>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class KuaErrorReply<TError> : KuaErrorReply
    {
        private readonly JsonConverter<TError> _converter;

        /// <summary>Creates the description.</summary>
        /// <param name="low">The lowest status covered (a range such as <c>4XX</c> is 400–499; <c>default</c> is 0 to 999).</param>
        /// <param name="high">The highest status covered.</param>
        /// <param name="converter">The body's converter.</param>
        public KuaErrorReply(int low, int high, JsonConverter<TError> converter)
            : base(low, high)
        {
            _converter = converter ?? throw new ArgumentNullException(nameof(converter));
        }

        internal override Task<KuaApiException> CreateExceptionAsync(HttpResponseMessage response, string operationId, bool keepBody, CancellationToken cancellationToken) =>
            KuaResponses.CreateExceptionAsync(response, operationId, _converter, keepBody, cancellationToken);
    }
}
