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
        public static bool IsSameOrigin(Uri? a, Uri? b) =>
            a != null && b != null && a.IsAbsoluteUri && b.IsAbsoluteUri &&
            Uri.Compare(a, b, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0;

        public static string Origin(Uri uri) => uri.IsAbsoluteUri ? uri.Scheme + "://" + uri.Authority : "(relative)";
    }
}
