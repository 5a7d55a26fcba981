using System;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Kua.Generated.Runtime.Authentication
{
    /// <summary>
    /// The Kua login (the operation a spec marks <c>x-kua-token-endpoint</c>) as a token source: the email and password
    /// as a JSON body, POSTed to the spec's login path under the base address.
    /// </summary>
    internal sealed class KuaLoginSource : HttpTokenSource
    {
        private readonly KuaTokenEndpoint _endpoint;
        private readonly string _email;
        private readonly string _password;

        /// <param name="settings">The client's settings.</param>
        /// <param name="endpoint">The login operation.</param>
        /// <param name="email">The account's email.</param>
        /// <param name="password">The account's password (one of <paramref name="secrets"/>).</param>
        /// <param name="secrets">The client's secrets, scrubbed from every failure this source reports.</param>
        /// <param name="logger">The authentication log.</param>
        public KuaLoginSource(TokenSettings settings, KuaTokenEndpoint endpoint, string email, string password, KnownSecrets secrets, ILogger logger)
            : base(settings, endpoint.OperationId, new TokenReplyFields(endpoint.AccessTokenField, endpoint.ExpiresInField, endpoint.TokenTypeField), secrets, logger)
        {
            _endpoint = endpoint;
            _email = email;
            _password = password;
            LoginUri = new Uri(settings.BaseAddress, endpoint.Path);
            TransportSecurity.EnsureAllowed(LoginUri, settings.AllowInsecureLoopback);
        }

        public Uri LoginUri { get; }

        public override Uri Address => LoginUri;

        protected override Task<TokenGrant> RequestOnceAsync(TokenRequestSender send, Activity? activity, CancellationToken cancellationToken) =>
            SendAsync(send, LoginUri, CreateBody(), "application/json", null, activity, cancellationToken);

        private byte[] CreateBody()
        {
            using var buffer = new MemoryStream(128);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString(_endpoint.UserField, _email);
                writer.WriteString(_endpoint.PasswordField, _password);
                writer.WriteEndObject();
            }

            return buffer.ToArray();
        }
    }
}
