using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Kua.Generated.Runtime.Http
{
    /// <summary>Operations whose reply is read as items while it arrives.</summary>
    public sealed partial class KuaClientPipeline
    {
        /// <summary>
        /// The items of a streamed operation. Nothing is sent until the items are enumerated; then the request is sent
        /// (as <see cref="SendAsync{T}(HttpRequestMessage, KuaOperation{T}, CancellationToken)"/> sends it: errors, statuses,
        /// cancellation by cause) and each item is handed over as soon as it has arrived. Leaving the loop, an error or a
        /// cancellation (this token or the enumerator's) releases the reply and closes its connection at once. The items can
        /// be enumerated once.
        /// </summary>
        /// <typeparam name="TItem">The item type.</typeparam>
        /// <param name="request">
        /// The request (see <see cref="CreateRequest{T}"/>), disposed once sent. Its <c>Accept</c> header becomes
        /// <paramref name="operation"/>'s: a <c>…StreamAsync</c> variant shares the request its operation builds.
        /// </param>
        /// <param name="operation">The operation.</param>
        /// <param name="cancellationToken">Cancels the call and the reading.</param>
        /// <returns>The items.</returns>
        public IAsyncEnumerable<TItem> Stream<TItem>(HttpRequestMessage request, KuaOperation<IAsyncEnumerable<TItem>> operation, CancellationToken cancellationToken)
        {
            if (request is null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            if (operation is null)
            {
                throw new ArgumentNullException(nameof(operation));
            }

            request.Headers.Remove("Accept");
            if (operation.Accept != null)
            {
                request.Headers.TryAddWithoutValidation("Accept", operation.Accept);
            }

            return new StreamCall<TItem>(this, request, operation, cancellationToken);
        }

        /// <summary>One call of a streamed operation, sent when it is first enumerated.</summary>
        private sealed class StreamCall<TItem> : IAsyncEnumerable<TItem>
        {
            private readonly KuaClientPipeline _pipeline;
            private readonly KuaOperation<IAsyncEnumerable<TItem>> _operation;
            private readonly CancellationToken _cancellationToken;
            private HttpRequestMessage? _request;

            public StreamCall(KuaClientPipeline pipeline, HttpRequestMessage request, KuaOperation<IAsyncEnumerable<TItem>> operation, CancellationToken cancellationToken)
            {
                _pipeline = pipeline;
                _request = request;
                _operation = operation;
                _cancellationToken = cancellationToken;
            }

            public IAsyncEnumerator<TItem> GetAsyncEnumerator(CancellationToken cancellationToken = default)
            {
                var request = Interlocked.Exchange(ref _request, null)
                    ?? throw new InvalidOperationException("The stream of operation '" + _operation.OperationId + "' has been read already: call the operation again for a new one.");
                return new Enumerator(this, request, cancellationToken);
            }

            private sealed class Enumerator : IAsyncEnumerator<TItem>
            {
                private readonly StreamCall<TItem> _call;
                private readonly CancellationTokenSource? _linked;
                private readonly CancellationToken _cancellationToken;
                private HttpRequestMessage? _request;
                private IAsyncEnumerator<TItem>? _items;

                public Enumerator(StreamCall<TItem> call, HttpRequestMessage request, CancellationToken enumeratorToken)
                {
                    _call = call;
                    _request = request;
                    if (call._cancellationToken.CanBeCanceled && enumeratorToken.CanBeCanceled && call._cancellationToken != enumeratorToken)
                    {
                        _linked = CancellationTokenSource.CreateLinkedTokenSource(call._cancellationToken, enumeratorToken);
                        _cancellationToken = _linked.Token;
                    }
                    else
                    {
                        _cancellationToken = enumeratorToken.CanBeCanceled ? enumeratorToken : call._cancellationToken;
                    }
                }

                public TItem Current => _items is null ? default! : _items.Current;

                public async ValueTask<bool> MoveNextAsync()
                {
                    try
                    {
                        if (_items is null)
                        {
                            var request = _request ?? throw new ObjectDisposedException(nameof(IAsyncEnumerator<TItem>));
                            _request = null;
                            var items = await _call._pipeline.SendAsync(request, _call._operation, _cancellationToken).ConfigureAwait(false);
                            _items = items.GetAsyncEnumerator(_cancellationToken);
                        }

                        return await _items.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (Exception ex) when (_call._pipeline._disposed && !_cancellationToken.IsCancellationRequested && !(ex is ObjectDisposedException))
                    {
                        // Disposing the client closes its connections: the stream did not fail, the client went away.
                        throw new ObjectDisposedException("The client was disposed while the stream of operation '" + _call._operation.OperationId + "' was read.", ex);
                    }
                }

                public async ValueTask DisposeAsync()
                {
                    _request?.Dispose();
                    _request = null;
                    if (_items != null)
                    {
                        await _items.DisposeAsync().ConfigureAwait(false);
                    }

                    _linked?.Dispose();
                }
            }
        }
    }
}
