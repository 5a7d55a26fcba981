using System;

namespace Kua.Testing
{
    /// <summary>What the fake server saw of one request; listed in <see cref="KuaFakeServer.Requests"/>.</summary>
    public sealed class KuaFakeRequest
    {
        internal KuaFakeRequest(string method, string path, KuaFakeRequestKind kind, bool hadAuthorization, int? tokenNumber, int statusCode, byte[]? body)
        {
            Method = method;
            Path = path;
            Kind = kind;
            HadAuthorization = hadAuthorization;
            TokenNumber = tokenNumber;
            StatusCode = statusCode;
            Body = body;
        }

        /// <summary>The HTTP method.</summary>
        public string Method { get; }

        /// <summary>The path, without the query.</summary>
        public string Path { get; }

        /// <summary>Which endpoint the request hit.</summary>
        public KuaFakeRequestKind Kind { get; }

        /// <summary>Whether the request carried an Authorization header at all.</summary>
        public bool HadAuthorization { get; }

        /// <summary>The number of the issued token the request carried (see <see cref="KuaFakeServer.TokenNumberHeader"/>), or null when it carried none the server issued.</summary>
        public int? TokenNumber { get; }

        /// <summary>The status the server answered with.</summary>
        public int StatusCode { get; }

        /// <summary>The request body, kept for the echo endpoint only.</summary>
        public byte[]? Body { get; }

        /// <inheritdoc />
        public override string ToString() => Method + " " + Path + " -> " + StatusCode + (TokenNumber is int n ? " (token #" + n + ")" : string.Empty);
    }

    /// <summary>Which endpoint of the fake server a request hit.</summary>
    public enum KuaFakeRequestKind
    {
        /// <summary><c>POST accounts/sessions/email</c>.</summary>
        Login,

        /// <summary><c>GET accounts</c>.</summary>
        Account,

        /// <summary>The fake-only echo endpoint <c>_fake/echo</c> (any method, authenticated, returns the body it got).</summary>
        Echo,

        /// <summary>Anything else (answered 404).</summary>
        Unknown,
    }
}
