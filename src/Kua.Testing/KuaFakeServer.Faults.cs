using System;
using System.Collections.Generic;
using Microsoft.AspNetCore.Http;

namespace Kua.Testing
{
    // Fault injection: failed, held, delayed, hostile and redirected replies, revoked and rejected tokens.
    public sealed partial class KuaFakeServer
    {
        /// <summary>The header in which <see cref="EchoCredentials"/> repeats a credential.</summary>
        public const string EchoHeader = "X-Kua-Fake-Echo";

        private readonly Queue<(int Status, TimeSpan? RetryAfter)> _loginFailures = new Queue<(int, TimeSpan?)>();
        private KuaFakeLoginReply _loginReply;
        private KuaFakeServerGate? _loginGate;
        private KuaFakeServerGate? _apiGate;
        private TimeSpan _loginDelay;
        private TimeSpan _apiDelay;
        private (Uri Target, int Status)? _accountRedirect;
        private bool _rejectAllTokens;
        private bool _echoCredentials;

        /// <summary>
        /// When true, error replies echo the credentials their request carried, as a careless or hostile server does: a
        /// 401 from the API quotes the request's Authorization value, a failed login (400 or 401) the password it got,
        /// each in the error message and in the <see cref="EchoHeader"/> header. For tests that prove a client keeps no
        /// secret in its exceptions and logs.
        /// </summary>
        public bool EchoCredentials
        {
            get { lock (_lock) { return _echoCredentials; } }
            set { lock (_lock) { _echoCredentials = value; } }
        }

        /// <summary>What successful logins answer from now on. Default: <see cref="KuaFakeLoginReply.Normal"/>.</summary>
        public KuaFakeLoginReply LoginReply
        {
            get { lock (_lock) { return _loginReply; } }
            set { lock (_lock) { _loginReply = value; } }
        }

        /// <summary>When true, every API call is answered 401 whatever token it carries (a server that keeps rejecting fresh tokens).</summary>
        public bool RejectAllTokens
        {
            get { lock (_lock) { return _rejectAllTokens; } }
            set { lock (_lock) { _rejectAllTokens = value; } }
        }

        /// <summary>A real-time delay before every login reply (for demos; tests should prefer <see cref="HoldLogins"/>).</summary>
        public TimeSpan LoginDelay
        {
            get { lock (_lock) { return _loginDelay; } }
            set { lock (_lock) { _loginDelay = value; } }
        }

        /// <summary>A real-time delay before every API reply (for demos; tests should prefer <see cref="HoldApiCalls"/>).</summary>
        public TimeSpan ApiDelay
        {
            get { lock (_lock) { return _apiDelay; } }
            set { lock (_lock) { _apiDelay = value; } }
        }

        /// <summary>Makes every token issued so far invalid: the next API call with one gets 401.</summary>
        public void RevokeAllTokens()
        {
            lock (_lock)
            {
                foreach (var token in _issued)
                {
                    token.Revoked = true;
                }
            }
        }

        /// <summary>Makes the next <paramref name="count"/> logins fail with <paramref name="statusCode"/> (and a <c>Retry-After</c> when given).</summary>
        /// <param name="count">How many logins fail.</param>
        /// <param name="statusCode">The status, such as 429, 500 or 503.</param>
        /// <param name="retryAfter">The <c>Retry-After</c> to send, in whole seconds.</param>
        public void FailNextLogins(int count, int statusCode, TimeSpan? retryAfter = null)
        {
            lock (_lock)
            {
                for (var i = 0; i < count; i++)
                {
                    _loginFailures.Enqueue((statusCode, retryAfter));
                }
            }
        }

        /// <summary>
        /// Holds the next <paramref name="count"/> login requests (received and counted, not answered) until the returned
        /// gate is released; requests after those pass. A new gate releases the previous one.
        /// </summary>
        /// <param name="count">How many requests to hold; all of them by default.</param>
        /// <returns>The gate.</returns>
        public KuaFakeServerGate HoldLogins(int count = int.MaxValue)
        {
            var gate = new KuaFakeServerGate(count, released => { lock (_lock) { if (_loginGate == released) { _loginGate = null; } } });
            KuaFakeServerGate? previous;
            lock (_lock)
            {
                previous = _loginGate;
                _loginGate = gate;
            }

            previous?.Release();
            return gate;
        }

        /// <summary>
        /// Holds the next <paramref name="count"/> API requests (received and counted, not answered) until the returned
        /// gate is released; requests after those pass. A new gate releases the previous one.
        /// </summary>
        /// <param name="count">How many requests to hold; all of them by default.</param>
        /// <returns>The gate.</returns>
        public KuaFakeServerGate HoldApiCalls(int count = int.MaxValue)
        {
            var gate = new KuaFakeServerGate(count, released => { lock (_lock) { if (_apiGate == released) { _apiGate = null; } } });
            KuaFakeServerGate? previous;
            lock (_lock)
            {
                previous = _apiGate;
                _apiGate = gate;
            }

            previous?.Release();
            return gate;
        }

        /// <summary>Answers <c>GET accounts</c> with a redirect to <paramref name="target"/> from now on (null stops it).</summary>
        /// <param name="target">Where to redirect, such as another fake server's accounts address under another host name.</param>
        /// <param name="statusCode">The redirect status. Default: 302.</param>
        public void RedirectAccountRequests(Uri? target, int statusCode = 302)
        {
            lock (_lock)
            {
                _accountRedirect = target is null ? null : (target, statusCode);
            }
        }

        /// <summary>With <see cref="EchoCredentials"/> on: puts <paramref name="credential"/> in the echo header and returns the text to add to the message.</summary>
        private string Echo(HttpContext context, string? credential)
        {
            if (string.IsNullOrEmpty(credential) || !EchoCredentials)
            {
                return string.Empty;
            }

            context.Response.Headers[EchoHeader] = credential;
            return " Received: " + credential;
        }
    }
}
