using System;
using System.Collections.Generic;
using System.Net.Http;

namespace Kua.Generated.Runtime.Http
{
    /// <summary>The stream variant of an operation.</summary>
    public sealed partial class KuaOperation<T>
    {
        private KuaOperation(string operationId, HttpMethod method, KuaReply<T> reply, KuaErrorReply[] errors, int[] statusesWithoutBody, string? accept)
        {
            OperationId = operationId;
            Method = method;
            Reply = reply ?? throw new ArgumentNullException(nameof(reply));
            _errors = errors;
            _statusesWithoutBody = statusesWithoutBody;
            Accept = accept ?? reply.DefaultAccept;
        }

        /// <summary>
        /// The same operation (id, method, errors, statuses without a body, credentials) with its reply read as items while
        /// it arrives: the <c>…StreamAsync</c> variant of an operation whose reply is a JSON array or also offers a stream.
        /// </summary>
        /// <typeparam name="TItem">The item type.</typeparam>
        /// <param name="reply">How the items are read.</param>
        /// <param name="accept">The <c>Accept</c> header; null for the reply's own.</param>
        /// <returns>The variant's description.</returns>
        public KuaOperation<IAsyncEnumerable<TItem>> Streaming<TItem>(KuaReply<IAsyncEnumerable<TItem>> reply, string? accept = null) =>
            new KuaOperation<IAsyncEnumerable<TItem>>(OperationId, Method, reply, _errors, _statusesWithoutBody, accept)
            {
                Anonymous = Anonymous,
                Sensitive = Sensitive,
                Marked = Marked,
            };
    }
}
