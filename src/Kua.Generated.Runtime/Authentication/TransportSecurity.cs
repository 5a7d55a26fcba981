using System;

namespace Kua.Generated.Runtime.Authentication
{
    /// <summary>Which addresses may carry credentials and tokens: HTTPS anywhere, plain HTTP only to an opted-in loopback host.</summary>
    internal static class TransportSecurity
    {
        public static bool IsAllowed(Uri uri, bool allowInsecureLoopback)
        {
            if (!uri.IsAbsoluteUri)
            {
                return false;
            }

            if (string.Equals(uri.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            return allowInsecureLoopback && uri.IsLoopback && string.Equals(uri.Scheme, Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase);
        }

        public static void EnsureAllowed(Uri uri, bool allowInsecureLoopback)
        {
            if (!IsAllowed(uri, allowInsecureLoopback))
            {
                throw new InvalidOperationException(DescribeRefusal(uri, allowInsecureLoopback));
            }
        }

        public static string DescribeRefusal(Uri uri, bool allowInsecureLoopback)
        {
            if (!uri.IsAbsoluteUri)
            {
                return "Refusing to send a request to a relative address.";
            }

            var target = uri.Scheme + "://" + uri.Authority;
            if (uri.IsLoopback && !allowInsecureLoopback && string.Equals(uri.Scheme, Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase))
            {
                return "Refusing to send a request to " + target + " over plain HTTP. Set KuaClientOptions.AllowInsecureLoopback to allow http:// for loopback test servers.";
            }

            return "Refusing to send a request to " + target + ": only https:// is allowed (plain http:// only for loopback hosts with KuaClientOptions.AllowInsecureLoopback).";
        }

        /// <summary>Same scheme, host and port: the only place a token may go.</summary>
        public static bool IsSameOrigin(Uri? a, Uri? b)
        {
            if (a is null || b is null || !a.IsAbsoluteUri || !b.IsAbsoluteUri)
            {
                return false;
            }

            // Every request asks this (twice): when both addresses spell their origin plainly and identically, they
            // share it, and comparing the text allocates nothing. Anything else goes to Uri.Compare, which allocates.
            var length = PlainOriginLength(a.OriginalString);
            if (length > 0 && length == PlainOriginLength(b.OriginalString) &&
                string.Compare(a.OriginalString, 0, b.OriginalString, 0, length, StringComparison.OrdinalIgnoreCase) == 0)
            {
                return true;
            }

            return Uri.Compare(a, b, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0;
        }

        public static string Origin(Uri uri) => uri.IsAbsoluteUri ? uri.Scheme + "://" + uri.Authority : "(relative)";

        /// <summary>
        /// The length of "http(s)://host[:port]" at the start of <paramref name="text"/> when the host and port hold only
        /// letters, digits, '.', '-' and ':' (no user info, IPv6, escapes or IDN, whose meaning only Uri knows); else -1.
        /// </summary>
        private static int PlainOriginLength(string text)
        {
            int start;
            if (text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                start = 8;
            }
            else if (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            {
                start = 7;
            }
            else
            {
                return -1;
            }

            var end = start;
            for (; end < text.Length; end++)
            {
                var c = text[end];
                if (c == '/' || c == '?' || c == '#')
                {
                    break;
                }

                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == ':'))
                {
                    return -1;
                }
            }

            return end > start ? end : -1;
        }
    }
}
