using System.Globalization;

namespace Kua.Generated.Runtime.Authentication
{
    /// <summary>What a bearer token must be to go into an Authorization header, whoever supplies it.</summary>
    internal static class TokenRules
    {
        /// <summary>Why <paramref name="token"/> cannot be sent, or null when it can.</summary>
        public static string? DescribeProblem(string token, int maxLength)
        {
            if (token.Trim().Length == 0)
            {
                return "is empty";
            }

            if (token.Length > maxLength)
            {
                return "is longer than " + maxLength.ToString(CultureInfo.InvariantCulture) + " characters (KuaClientOptions.MaxAccessTokenLength)";
            }

            foreach (var c in token)
            {
                // Printable ASCII without space: anything else could split or corrupt the Authorization header.
                if (c < '!' || c > '~')
                {
                    return c == '\r' || c == '\n'
                        ? "contains a line break, which would inject HTTP headers"
                        : "contains characters that are not allowed in an HTTP header (control characters, spaces or non-ASCII)";
                }
            }

            return null;
        }
    }
}
