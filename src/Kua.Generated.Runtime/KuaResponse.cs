using System;
using System.Collections.Generic;

namespace Kua.Generated
{
    /// <summary>A reply's status code and headers (response and content headers, cookies left out, the client's secrets masked).</summary>
    public class KuaResponse
    {
        /// <summary>Creates the reply.</summary>
        /// <param name="statusCode">The status code.</param>
        /// <param name="headers">The headers by name (case-insensitive).</param>
        public KuaResponse(int statusCode, IReadOnlyDictionary<string, IReadOnlyList<string>> headers)
        {
            StatusCode = statusCode;
            Headers = headers ?? throw new ArgumentNullException(nameof(headers));
        }

        /// <summary>The status code.</summary>
        public int StatusCode { get; }

        /// <summary>The headers by name (case-insensitive).</summary>
        public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; }
    }

    /// <summary>A reply's status code and headers, and its body read as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The body's type.</typeparam>
    public class KuaResponse<T> : KuaResponse
    {
        /// <summary>Creates the reply.</summary>
        /// <param name="statusCode">The status code.</param>
        /// <param name="headers">The headers by name (case-insensitive).</param>
        /// <param name="value">The body.</param>
        public KuaResponse(int statusCode, IReadOnlyDictionary<string, IReadOnlyList<string>> headers, T value)
            : base(statusCode, headers)
        {
            Value = value;
        }

        /// <summary>The body, as the operation's plain method returns it.</summary>
        public T Value { get; }
    }

    /// <summary>A reply with its body and the headers the spec declares for it, typed.</summary>
    /// <typeparam name="T">The body's type.</typeparam>
    /// <typeparam name="THeaders">The operation's generated class of declared headers.</typeparam>
    public sealed class KuaResponse<T, THeaders> : KuaResponse<T>
    {
        /// <summary>Creates the reply.</summary>
        /// <param name="statusCode">The status code.</param>
        /// <param name="headers">The headers by name (case-insensitive).</param>
        /// <param name="value">The body.</param>
        /// <param name="typedHeaders">The declared headers, typed.</param>
        public KuaResponse(int statusCode, IReadOnlyDictionary<string, IReadOnlyList<string>> headers, T value, THeaders typedHeaders)
            : base(statusCode, headers, value)
        {
            TypedHeaders = typedHeaders;
        }

        /// <summary>The headers the spec declares for this reply, each as its type (null when absent or unreadable).</summary>
        public THeaders TypedHeaders { get; }
    }

    /// <summary>A reply without a body and the headers the spec declares for it, typed.</summary>
    /// <typeparam name="THeaders">The operation's generated class of declared headers.</typeparam>
    public sealed class KuaHeadersResponse<THeaders> : KuaResponse
    {
        /// <summary>Creates the reply.</summary>
        /// <param name="statusCode">The status code.</param>
        /// <param name="headers">The headers by name (case-insensitive).</param>
        /// <param name="typedHeaders">The declared headers, typed.</param>
        public KuaHeadersResponse(int statusCode, IReadOnlyDictionary<string, IReadOnlyList<string>> headers, THeaders typedHeaders)
            : base(statusCode, headers)
        {
            TypedHeaders = typedHeaders;
        }

        /// <summary>The headers the spec declares for this reply, each as its type (null when absent or unreadable).</summary>
        public THeaders TypedHeaders { get; }
    }
}
