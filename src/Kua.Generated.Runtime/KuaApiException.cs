using System;
using System.Collections.Generic;
using System.Globalization;

namespace Kua.Generated
{
    /// <summary>
    /// Thrown when an API operation gets a reply it cannot turn into its result: a non-success status,
    /// or a success status whose body cannot be read. Names the operation and the status; never
    /// carries credentials or bearer tokens: when a reply echoes a secret the client knows (its password, its
    /// current or a recent token), <see cref="ResponseBody"/> and <see cref="Headers"/> hold <c>***</c> in its place.
    /// </summary>
    public class KuaApiException : Exception
    {
        /// <summary>The most characters of the reply body kept in <see cref="ResponseBody"/>.</summary>
        public const int MaxResponseBodyLength = 16 * 1024;

        private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoHeaders =
            new Dictionary<string, IReadOnlyList<string>>(0);

        /// <summary>Creates the exception.</summary>
        /// <param name="operationId">The operation that failed (the spec's operationId).</param>
        /// <param name="statusCode">The HTTP status of the reply, or 0 when there was no reply.</param>
        /// <param name="message">What went wrong.</param>
        /// <param name="responseBody">The reply body, cut to <see cref="MaxResponseBodyLength"/> characters.</param>
        /// <param name="headers">The reply headers (cookies are left out).</param>
        /// <param name="innerException">The cause, if any.</param>
        public KuaApiException(
            string operationId,
            int statusCode,
            string message,
            string? responseBody = null,
            IReadOnlyDictionary<string, IReadOnlyList<string>>? headers = null,
            Exception? innerException = null)
            : base(message, innerException)
        {
            OperationId = operationId ?? throw new ArgumentNullException(nameof(operationId));
            StatusCode = statusCode;
            ResponseBody = Cap(responseBody);
            Headers = headers ?? NoHeaders;
        }

        /// <summary>The operation that failed, as the spec's operationId names it.</summary>
        public string OperationId { get; }

        /// <summary>The HTTP status code of the reply (0 when no reply was received).</summary>
        public int StatusCode { get; }

        /// <summary>The reply body as text, cut to <see cref="MaxResponseBodyLength"/> characters, with the client's secrets masked.</summary>
        public string? ResponseBody { get; }

        /// <summary>The reply's headers, content headers included, with the client's secrets masked; <c>Set-Cookie</c> is left out.</summary>
        public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; }

        /// <summary>The error body the spec declares for this status, when there is one and it could be read.</summary>
        public virtual object? Error => null;

        internal static string? Cap(string? text) =>
            text is null || text.Length <= MaxResponseBodyLength ? text : text.Substring(0, MaxResponseBodyLength);

        internal static string DescribeStatus(string operationId, int statusCode, string? reasonPhrase)
        {
            var reason = string.IsNullOrWhiteSpace(reasonPhrase) ? string.Empty : " (" + reasonPhrase + ")";
            return string.Format(CultureInfo.InvariantCulture, "Operation '{0}' failed with HTTP status {1}{2}.", operationId, statusCode, reason);
        }
    }

    /// <summary>A <see cref="KuaApiException"/> whose reply carried the typed error body the spec declares.</summary>
    /// <typeparam name="TError">The error body's type.</typeparam>
    public class KuaApiException<TError> : KuaApiException
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="operationId">The operation that failed.</param>
        /// <param name="statusCode">The HTTP status of the reply.</param>
        /// <param name="message">What went wrong.</param>
        /// <param name="error">The typed error body.</param>
        /// <param name="responseBody">The reply body as text.</param>
        /// <param name="headers">The reply headers.</param>
        /// <param name="innerException">The cause, if any.</param>
        public KuaApiException(
            string operationId,
            int statusCode,
            string message,
            TError error,
            string? responseBody = null,
            IReadOnlyDictionary<string, IReadOnlyList<string>>? headers = null,
            Exception? innerException = null)
            : base(operationId, statusCode, message, responseBody, headers, innerException)
        {
            TypedError = error;
        }

        /// <summary>The typed error body.</summary>
        public TError TypedError { get; }

        /// <inheritdoc />
        public override object? Error => TypedError;
    }
}
