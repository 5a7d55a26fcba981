using System;
using System.ComponentModel;

namespace Kua.Generated
{
    /// <summary>
    /// Describes the spec operation marked <c>x-kua-token-endpoint</c>: where the login is sent and which
    /// JSON fields carry the credentials and the token. The login is always a <c>POST</c> with the JSON body
    /// <c>{ "&lt;UserField&gt;": email, "&lt;PasswordField&gt;": password }</c>. Generated code creates one
    /// from the spec, so editing the spec moves the login too.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class KuaTokenEndpoint
    {
        /// <summary>Creates the description.</summary>
        /// <param name="operationId">The login operation's operationId, used in errors and logs.</param>
        /// <param name="path">The login path relative to the base address, without a leading '/' (for example <c>accounts/sessions/email</c>).</param>
        /// <param name="userField">The request field that carries the email.</param>
        /// <param name="passwordField">The request field that carries the password.</param>
        /// <param name="accessTokenField">The reply field that carries the bearer token.</param>
        /// <param name="expiresInField">The reply field with the token's lifetime in seconds, or null when the reply has none.</param>
        /// <param name="tokenTypeField">The reply field with the token type (which must be <c>Bearer</c>), or null when the reply has none.</param>
        public KuaTokenEndpoint(
            string operationId,
            string path,
            string userField,
            string passwordField,
            string accessTokenField,
            string? expiresInField,
            string? tokenTypeField)
        {
            OperationId = Required(operationId, nameof(operationId));
            path = Required(path, nameof(path)).TrimStart('/');
            if (path.Length == 0 || Uri.TryCreate(path, UriKind.Absolute, out var absolute) && !string.IsNullOrEmpty(absolute.Host))
            {
                throw new ArgumentException("The login path must be a path relative to the base address.", nameof(path));
            }

            Path = path;
            UserField = Required(userField, nameof(userField));
            PasswordField = Required(passwordField, nameof(passwordField));
            AccessTokenField = Required(accessTokenField, nameof(accessTokenField));
            ExpiresInField = string.IsNullOrEmpty(expiresInField) ? null : expiresInField;
            TokenTypeField = string.IsNullOrEmpty(tokenTypeField) ? null : tokenTypeField;
        }

        /// <summary>The login operation's operationId.</summary>
        public string OperationId { get; }

        /// <summary>The login path relative to the base address, without a leading '/'.</summary>
        public string Path { get; }

        /// <summary>The request field that carries the email.</summary>
        public string UserField { get; }

        /// <summary>The request field that carries the password.</summary>
        public string PasswordField { get; }

        /// <summary>The reply field that carries the bearer token.</summary>
        public string AccessTokenField { get; }

        /// <summary>The reply field with the token's lifetime in seconds, or null.</summary>
        public string? ExpiresInField { get; }

        /// <summary>The reply field with the token type, or null.</summary>
        public string? TokenTypeField { get; }

        /// <inheritdoc />
        public override string ToString() => "POST " + Path + " (" + OperationId + ")";

        private static string Required(string value, string name) =>
            string.IsNullOrEmpty(value) ? throw new ArgumentException("A value is required.", name) : value;
    }
}
