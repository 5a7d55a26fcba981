using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Kua.Testing
{
    // Counters: what reached the server, and waiting for it without polling.
    public sealed partial class KuaFakeServer
    {
        private readonly List<KuaFakeRequest> _requests = new List<KuaFakeRequest>();
        private readonly List<(Func<bool> Condition, TaskCompletionSource<bool> Signal)> _waiters = new List<(Func<bool>, TaskCompletionSource<bool>)>();
        private int _loginCount;
        private int _successfulLoginCount;
        private int _apiCallCount;
        private int _unauthorizedCount;

        /// <summary>Login requests received, whatever their outcome.</summary>
        public int LoginCount { get { lock (_lock) { return _loginCount; } } }

        /// <summary>Logins that issued a token.</summary>
        public int SuccessfulLoginCount { get { lock (_lock) { return _successfulLoginCount; } } }

        /// <summary>Requests to authenticated endpoints (accounts, echo), accepted or not.</summary>
        public int ApiCallCount { get { lock (_lock) { return _apiCallCount; } } }

        /// <summary>Requests answered 401 because the token was missing, unknown, expired or revoked.</summary>
        public int UnauthorizedCount { get { lock (_lock) { return _unauthorizedCount; } } }

        /// <summary>Every request received, in order of reply.</summary>
        public IReadOnlyList<KuaFakeRequest> Requests { get { lock (_lock) { return _requests.ToArray(); } } }

        /// <summary>How many API requests token number <paramref name="tokenNumber"/> authenticated.</summary>
        /// <param name="tokenNumber">The token's number (1 for the first issued).</param>
        /// <returns>The count.</returns>
        public int GetApiCallCount(int tokenNumber)
        {
            lock (_lock)
            {
                return _requests.Count(r => r.Kind != KuaFakeRequestKind.Login && r.TokenNumber == tokenNumber && r.StatusCode < 400);
            }
        }

        /// <summary>Completes once at least <paramref name="count"/> login requests have been received (held ones included).</summary>
        /// <param name="count">The count to wait for.</param>
        /// <param name="cancellationToken">Stops waiting.</param>
        /// <returns>A task.</returns>
        public Task WaitForLoginsAsync(int count, CancellationToken cancellationToken = default) =>
            WaitForAsync(() => _loginCount >= count, cancellationToken);

        /// <summary>Completes once at least <paramref name="count"/> API requests have been received (held ones included).</summary>
        /// <param name="count">The count to wait for.</param>
        /// <param name="cancellationToken">Stops waiting.</param>
        /// <returns>A task.</returns>
        public Task WaitForApiCallsAsync(int count, CancellationToken cancellationToken = default) =>
            WaitForAsync(() => _apiCallCount >= count, cancellationToken);

        private Task WaitForAsync(Func<bool> condition, CancellationToken cancellationToken)
        {
            var signal = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_lock)
            {
                if (condition())
                {
                    return Task.CompletedTask;
                }

                _waiters.Add((condition, signal));
            }

            if (cancellationToken.CanBeCanceled)
            {
                cancellationToken.Register(() => signal.TrySetCanceled(cancellationToken));
            }

            return signal.Task;
        }

        /// <summary>Under the lock: completes the waiters whose condition now holds.</summary>
        private void SignalWaiters()
        {
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Condition())
                {
                    _waiters[i].Signal.TrySetResult(true);
                    _waiters.RemoveAt(i);
                }
            }
        }

        private void Record(HttpContext context, KuaFakeRequestKind kind, int? tokenNumber, int status, byte[]? body, bool? hadAuthorization = null)
        {
            var request = new KuaFakeRequest(
                context.Request.Method,
                context.Request.Path.Value ?? "/",
                kind,
                hadAuthorization ?? context.Request.Headers.ContainsKey("Authorization"),
                tokenNumber,
                status,
                body);
            lock (_lock)
            {
                _requests.Add(request);
                SignalWaiters();
            }
        }
    }
}
