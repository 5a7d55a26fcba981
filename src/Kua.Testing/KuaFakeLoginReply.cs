namespace Kua.Testing
{
    /// <summary>What the fake server answers to a successful login: a correct reply, or one of the broken or hostile replies clients must survive.</summary>
    public enum KuaFakeLoginReply
    {
        /// <summary>A correct reply: a fresh token, <c>tokenType</c> Bearer, <c>expiresIn</c> the configured lifetime.</summary>
        Normal,

        /// <summary>A valid token without <c>expiresIn</c>.</summary>
        MissingExpiresIn,

        /// <summary>A valid token with <c>"expiresIn": 0</c>.</summary>
        ZeroExpiresIn,

        /// <summary>A valid token with <c>"expiresIn": -60</c>.</summary>
        NegativeExpiresIn,

        /// <summary>A valid token with <c>"expiresIn": 9223372036854775807</c>.</summary>
        HugeExpiresIn,

        /// <summary>A valid token with <c>expiresIn</c> as a decimal (the lifetime in seconds plus one half).</summary>
        DecimalExpiresIn,

        /// <summary>A valid token with <c>expiresIn</c> as a numeric string (<c>"3600"</c>).</summary>
        StringExpiresIn,

        /// <summary><c>"accessToken": ""</c>.</summary>
        EmptyToken,

        /// <summary>A token followed by CR/LF and an injected header line.</summary>
        TokenWithLineBreak,

        /// <summary>A 40 KB token.</summary>
        OversizedToken,

        /// <summary>A valid token with <c>"tokenType": "bearer"</c> (lower case, which clients must accept).</summary>
        LowercaseTokenType,

        /// <summary><c>"tokenType": "MAC"</c>.</summary>
        NonBearerTokenType,

        /// <summary>A reply cut off in the middle of the JSON.</summary>
        InvalidJson,

        /// <summary>HTTP 200 with an HTML page, as a captive portal or a misrouted proxy sends.</summary>
        HtmlErrorPage,
    }
}
