using System.Collections.Generic;
using System.Net.Http;

namespace Kua.Generated.Runtime.Authentication
{
    /// <summary>Per-request values the token and redirect handlers leave for each other, on every target framework, without allocating.</summary>
    internal static class RequestOptions
    {
        public static void Set(HttpRequestMessage request, string key, object value) => Of(request)[key] = value;

        public static object? Get(HttpRequestMessage request, string key) => Of(request).TryGetValue(key, out var value) ? value : null;

        public static void Remove(HttpRequestMessage request, string key) => Of(request).Remove(key);

#if NET5_0_OR_GREATER
        private static IDictionary<string, object?> Of(HttpRequestMessage request) => request.Options;
#else
        private static IDictionary<string, object?> Of(HttpRequestMessage request) => request.Properties!;
#endif
    }
}
