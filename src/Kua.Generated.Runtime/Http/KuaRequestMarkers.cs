using System.ComponentModel;
using System.Net.Http;

namespace Kua.Generated.Runtime.Http
{
    /// <summary>
    /// Per-request facts generated code records for the handlers below it, such as "this operation
    /// needs no bearer token" (the spec's <c>security: []</c>).
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class KuaRequestMarkers
    {
        private const string AnonymousKey = "Kua.Generated.Anonymous";
        private const string OperationKey = "Kua.Generated.OperationId";
        private const string SecurityKey = "Kua.Generated.Security";

        /// <summary>Boxed requirement-set numbers, so marking a request allocates nothing.</summary>
        private static readonly object[] BoxedSets = CreateBoxedSets(64);

        /// <summary>Marks a request as needing no bearer token.</summary>
        /// <param name="request">The request.</param>
        public static void MarkAnonymous(HttpRequestMessage request) => Set(request, AnonymousKey, true);

        /// <summary>Whether the request was marked as needing no bearer token.</summary>
        /// <param name="request">The request.</param>
        /// <returns>True when marked.</returns>
        public static bool IsAnonymous(HttpRequestMessage request) => Get(request, AnonymousKey) is bool anonymous && anonymous;

        /// <summary>Records which operation a request belongs to.</summary>
        /// <param name="request">The request.</param>
        /// <param name="operationId">The operation.</param>
        public static void SetOperationId(HttpRequestMessage request, string operationId) => Set(request, OperationKey, operationId);

        /// <summary>The operation a request belongs to, when generated code recorded it.</summary>
        /// <param name="request">The request.</param>
        /// <returns>The operationId, or null.</returns>
        public static string? GetOperationId(HttpRequestMessage request) => Get(request, OperationKey) as string;

        /// <summary>Records that a request follows requirement set <paramref name="requirementSet"/> of its client's security (0, the document's, is not recorded).</summary>
        /// <param name="request">The request.</param>
        /// <param name="requirementSet">The set's number.</param>
        public static void SetSecurity(HttpRequestMessage request, int requirementSet) =>
            Set(request, SecurityKey, requirementSet < BoxedSets.Length ? BoxedSets[requirementSet] : requirementSet);

        /// <summary>The requirement set a request follows (0: the document's).</summary>
        /// <param name="request">The request.</param>
        /// <returns>The set's number.</returns>
        public static int GetSecurity(HttpRequestMessage request) => Get(request, SecurityKey) is int set ? set : 0;

        private static object[] CreateBoxedSets(int count)
        {
            var boxed = new object[count];
            for (var i = 0; i < count; i++)
            {
                boxed[i] = i;
            }

            return boxed;
        }

        private static void Set(HttpRequestMessage request, string key, object value)
        {
#if NET5_0_OR_GREATER
            request.Options.Set(new HttpRequestOptionsKey<object>(key), value);
#else
            request.Properties[key] = value;
#endif
        }

        private static object? Get(HttpRequestMessage request, string key)
        {
#if NET5_0_OR_GREATER
            return request.Options.TryGetValue(new HttpRequestOptionsKey<object>(key), out var value) ? value : null;
#else
            return request.Properties.TryGetValue(key, out var value) ? value : null;
#endif
        }
    }
}
