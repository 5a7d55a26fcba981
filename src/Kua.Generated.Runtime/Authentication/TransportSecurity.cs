using System;
using System.Net;
using System.Net.Sockets;

namespace Kua.Generated.Runtime.Authentication
{
    /// <summary>
    /// Which addresses may carry credentials and tokens: HTTPS anywhere, plain HTTP only to an opted-in loopback host.
    /// Loopback is what .NET sends to this machine: the name <c>localhost</c>, every IPv4 address in <c>127.0.0.0/8</c>
    /// (however <see cref="Uri"/> lets it be written: <c>127.0.0.1</c>, <c>127.1.2.3</c>, <c>127.1</c>), the IPv6 address
    /// <c>::1</c> and IPv4 loopback mapped to IPv6 (<c>::ffff:127.0.0.1</c>). Nothing else, however it resolves.
    /// </summary>
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

            return allowInsecureLoopback && IsLoopback(uri) && string.Equals(uri.Scheme, Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>Whether <paramref name="uri"/>'s host is loopback as this class defines it, decided from the text alone (no DNS).</summary>
        public static bool IsLoopback(Uri uri)
        {
            switch (uri.HostNameType)
            {
                case UriHostNameType.Dns:
                    return string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase);
                case UriHostNameType.IPv4:
                case UriHostNameType.IPv6:
                    if (!IPAddress.TryParse(uri.DnsSafeHost, out var address))
                    {
                        return false;
                    }

                    if (address.IsIPv4MappedToIPv6)
                    {
                        address = address.MapToIPv4();
                    }

                    return address.AddressFamily == AddressFamily.InterNetwork ? address.GetAddressBytes()[0] == 127 : address.Equals(IPAddress.IPv6Loopback);
                default:
                    return false;
            }
        }

        public static void EnsureAllowed(Uri uri, bool allowInsecureLoopback)
        {
            if (!IsAllowed(uri, allowInsecureLoopback))
            {
                throw new InvalidOperationException(DescribeRefusal(uri, allowInsecureLoopback));
            }
        }

        /// <summary>As <see cref="EnsureAllowed"/>, for addresses checked while the client is built (a configuration error).</summary>
        public static void EnsureAllowedOrThrowArgument(Uri uri, bool allowInsecureLoopback)
        {
            if (!IsAllowed(uri, allowInsecureLoopback))
            {
                throw new ArgumentException(DescribeRefusal(uri, allowInsecureLoopback), "options");
            }
        }

        public static string DescribeRefusal(Uri uri, bool allowInsecureLoopback)
        {
            if (!uri.IsAbsoluteUri)
            {
                return "Refusing to send a request to a relative address.";
            }

            var target = uri.Scheme + "://" + uri.Authority;
            if (IsLoopback(uri) && !allowInsecureLoopback && string.Equals(uri.Scheme, Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase))
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
