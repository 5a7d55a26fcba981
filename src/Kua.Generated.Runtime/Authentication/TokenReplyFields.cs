namespace Kua.Generated.Runtime.Authentication
{
    /// <summary>Which fields of a token reply carry the token, its lifetime in seconds and its type (the last two may be absent).</summary>
    internal sealed class TokenReplyFields
    {
        /// <summary>The field names OAuth 2 (RFC 6749 §5.1) gives them.</summary>
        public static readonly TokenReplyFields OAuth2 = new TokenReplyFields("access_token", "expires_in", "token_type");

        public TokenReplyFields(string accessToken, string? expiresIn, string? tokenType)
        {
            AccessToken = accessToken;
            ExpiresIn = expiresIn;
            TokenType = tokenType;
        }

        public string AccessToken { get; }

        public string? ExpiresIn { get; }

        public string? TokenType { get; }
    }
}
