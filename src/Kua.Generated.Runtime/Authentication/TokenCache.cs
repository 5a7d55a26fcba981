using System;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Kua.Generated.Runtime.Authentication
{
    /// <summary>
    /// The bearer token of one account at one base address, shared by every request of a client (and, with
    /// dependency injection, by every handler the factory builds for it). It guarantees:
    /// <list type="bullet">
    /// <item>one login in flight however many callers wait; each waiter honours only its own cancellation, and the
    /// login runs on its own timeout, so one caller giving up never fails the others;</item>
    /// <item>expiry measured on the monotonic clock from the moment the login was sent; inside the refresh window the
    /// current token keeps flowing while one background login runs;</item>
    /// <item>a failed login is remembered for a cooldown (growing with consecutive failures, at least
    /// <c>Retry-After</c>), so an outage or a wrong password costs one attempt for any number of callers;</item>
    /// <item>a token rejected with 401 is dropped only while it is still the cached one.</item>
    /// </list>
    /// </summary>
    [DebuggerDisplay("{ToString(),nq}")]
    internal sealed class TokenCache : IDisposable
    {
        /// <summary>How close to expiry a token stops being handed out, at most (and at most a tenth of its lifetime).</summary>
        internal static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(30);

        private const double RefreshJitter = 0.1;

        private readonly object _lock = new object();
        private readonly TokenSettings _settings;
        private readonly LoginClient _login;
        private readonly ILogger _logger;
        private readonly CancellationTokenSource _disposal = new CancellationTokenSource();
        private readonly Random _random = new Random();
        /// <summary>Written under the lock; volatile so <see cref="TryGetFreshToken"/> can read it without the lock.</summary>
        private volatile AccessToken? _token;
        private LoginFlight? _flight;
        private LoginFailure? _failure;
        private long _lastLoginSentAt;
        private bool _throttleNextLogin;
        private int _consecutiveFailures;
        private int _generation;
        private bool _disposed;

        public TokenCache(TokenSettings settings, KuaTokenEndpoint endpoint)
        {
            _settings = settings ?? throw new ArgumentNullException(nameof(settings));
            _logger = settings.LoggerFactory.CreateLogger(AuthenticationLog.Category);
            _login = new LoginClient(settings, endpoint ?? throw new ArgumentNullException(nameof(endpoint)), _logger);
        }

        public TokenSettings Settings => _settings;

        public ILogger Logger => _logger;

        /// <summary>The token callers get now, or a shared login that produces one.</summary>
        /// <param name="sender">Sends the login when one has to start.</param>
        /// <param name="cancellationToken">Stops this caller's wait only; the shared login goes on.</param>
        /// <returns>A token to attach.</returns>
        /// <exception cref="KuaAuthenticationException">The login failed, now or within the cooldown.</exception>
        /// <exception cref="ObjectDisposedException">The cache was disposed.</exception>
        public Task<AccessToken> GetTokenAsync(LoginSender sender, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (TryGetFreshToken() is AccessToken fresh)
            {
                return fresh.AsTask;
            }

            LoginFlight? started = null;
            AccessToken? expired = null;
            Task<AccessToken> result;
            lock (_lock)
            {
                if (_disposed)
                {
                    throw new ObjectDisposedException(nameof(TokenCache), "The client was disposed.");
                }

                result = TakeTokenOrJoinLogin(ref started, ref expired);
            }

            if (started != null)
            {
                Start(started, sender);
            }

            if (expired != null)
            {
                AuthenticationLog.TokenExpired(_logger, expired);
            }
            else if (started != null && started.Background)
            {
                AuthenticationLog.RefreshStarting(_logger, started.Replacing!);
            }

            return AsyncHelpers.WaitAsync(result, cancellationToken);
        }

        /// <summary>
        /// The cached token while it is before its refresh window, read without the lock: every request takes this path,
        /// and once a login has contended the lock every <c>Monitor.Enter</c> would take its slow path. Null means "ask
        /// <see cref="GetTokenAsync"/>" (no token, refresh due, expired or disposed), which decides under the lock.
        /// </summary>
        /// <returns>The token, or null.</returns>
        public AccessToken? TryGetFreshToken()
        {
            // AccessToken is immutable and published by a volatile write, so a token read here is complete. A token
            // invalidated or replaced just after this read is served as if the read had come first, as with the lock.
            var token = _token;
            return token != null && AgeOf(token) < token.RefreshAfter ? token : null;
        }

        /// <summary>
        /// Runs <paramref name="flight"/> on the thread pool, so the login never runs on (or posts back to) the caller's
        /// synchronization context. A method of its own because the lambda's closure, were its captures locals of
        /// <see cref="GetTokenAsync"/>, would be allocated on every call, a cached token included.
        /// </summary>
        private void Start(LoginFlight flight, LoginSender sender) => AsyncHelpers.Observe(Task.Run(() => RunAsync(flight, sender)));

        /// <summary>Under the lock: the cached token, the login in flight, the remembered failure, or a new login.</summary>
        private Task<AccessToken> TakeTokenOrJoinLogin(ref LoginFlight? started, ref AccessToken? expired)
        {
            var token = _token;
            if (token != null)
            {
                var age = AgeOf(token);
                if (age < token.RefreshAfter)
                {
                    return token.AsTask;
                }

                if (age < token.ExpiresAfter)
                {
                    // Refresh window: the current token keeps flowing while one background login runs.
                    if (_flight is null && !IsCoolingDown())
                    {
                        started = _flight = new LoginFlight("refresh window", token);
                    }

                    return token.AsTask;
                }

                expired = token;
                _token = null;
            }

            if (_flight != null)
            {
                return _flight.Task;
            }

            if (IsCoolingDown())
            {
                return _failure!.Task;
            }

            started = _flight = new LoginFlight(_generation == 0 ? "first call" : "no valid token", null);
            return started.Task;
        }

        /// <summary>Drops <paramref name="rejected"/> if it is still the cached token (a newer one is kept).</summary>
        /// <returns>True when the token was dropped.</returns>
        public bool Invalidate(AccessToken rejected)
        {
            lock (_lock)
            {
                // Whether or not it is still cached, a rejected token means the next login should not follow at once.
                if (rejected.Generation == _generation)
                {
                    _throttleNextLogin = true;
                }

                if (ReferenceEquals(_token, rejected))
                {
                    _token = null;
                    return true;
                }

                return false;
            }
        }

        /// <summary>Stops any login in flight; its waiters fail with <see cref="ObjectDisposedException"/>.</summary>
        public void Dispose()
        {
            LoginFlight? flight;
            lock (_lock)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
                flight = _flight;
                _flight = null;
                _token = null;
            }

            _disposal.Cancel();
            flight?.Fail(new ObjectDisposedException(nameof(TokenCache), "The client was disposed while a login was in flight."));
        }

        public override string ToString()
        {
            lock (_lock)
            {
                return "TokenCache { BaseAddress = " + _settings.BaseAddress + ", Token = " + (_token?.ToString() ?? "(none)") + ", LoginInFlight = " + (_flight != null) + " }";
            }
        }

        private TimeSpan AgeOf(AccessToken token)
        {
            var age = _settings.TimeProvider.GetElapsedTime(token.SentAt);

            // A monotonic clock should never run backwards; if a custom TimeProvider does, the token is simply young.
            return age < TimeSpan.Zero ? TimeSpan.Zero : age;
        }

        private bool IsCoolingDown() =>
            _failure != null && _settings.TimeProvider.GetElapsedTime(_failure.FailedAt) < _failure.Cooldown;

        private async Task RunAsync(LoginFlight flight, LoginSender sender)
        {
            AccessToken? token = null;
            Exception? failure = null;
            using (var timeout = AsyncHelpers.CreateTimeoutSource(_settings.TimeProvider, _settings.LoginTimeout))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _disposal.Token))
            {
                try
                {
                    AuthenticationLog.LoginStarting(_logger, _settings.BaseAddress, _login.OperationId, flight.Reason);
                    token = await LoginWithRetriesAsync(sender, linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (_disposal.IsCancellationRequested)
                {
                    failure = new ObjectDisposedException(nameof(TokenCache), "The client was disposed while a login was in flight.");
                }
                catch (OperationCanceledException ex) when (timeout.IsCancellationRequested)
                {
                    failure = new KuaAuthenticationException(_login.OperationId, 0, KuaAuthenticationFailure.Timeout, "Login with " + _login.OperationId + " to " + TransportSecurity.Origin(_settings.BaseAddress) + " failed: it took longer than " + _settings.LoginTimeout + " (KuaClientOptions.LoginTimeout).", innerException: ex);
                }
                catch (KuaAuthenticationException ex)
                {
                    failure = ex;
                }
                catch (ObjectDisposedException ex)
                {
                    failure = _disposed ? ex : Unexpected(ex);
                }
                catch (Exception ex)
                {
                    failure = Unexpected(ex);
                }
            }

            Complete(flight, token, failure);
        }

        private KuaAuthenticationException Unexpected(Exception ex) =>
            new KuaAuthenticationException(_login.OperationId, 0, KuaAuthenticationFailure.NetworkError, "Login with " + _login.OperationId + " to " + TransportSecurity.Origin(_settings.BaseAddress) + " failed: " + ex.GetType().Name + " from the HTTP pipeline.", innerException: ex);

        private async Task<AccessToken> LoginWithRetriesAsync(LoginSender sender, CancellationToken cancellationToken)
        {
            for (var attempt = 1; ; attempt++)
            {
                await WaitForMinimumIntervalAsync(cancellationToken).ConfigureAwait(false);
                var sentAt = _settings.TimeProvider.GetTimestamp();
                lock (_lock)
                {
                    _lastLoginSentAt = sentAt;
                }

                KuaAuthenticationException failure;
                try
                {
                    var reply = await _login.SendAsync(sender, cancellationToken).ConfigureAwait(false);
                    return CreateToken(reply, sentAt);
                }
                catch (KuaAuthenticationException ex) when (ex.IsTransient && attempt <= _settings.MaxLoginRetries)
                {
                    failure = ex;
                }

                var delay = RetryDelay(attempt, failure.RetryAfter);
                if (delay > _settings.MaxLoginRetryDelay)
                {
                    ExceptionDispatchInfo.Capture(failure).Throw();
                }

                AuthenticationLog.LoginRetrying(_logger, attempt, _settings.BaseAddress, failure, delay);
                await AsyncHelpers.Delay(_settings.TimeProvider, delay, cancellationToken).ConfigureAwait(false);
            }
        }

        private TimeSpan RetryDelay(int attempt, TimeSpan? retryAfter)
        {
            // 1 s, 2 s, 4 s ... with up to 20% jitter so many clients do not retry in step; never before Retry-After.
            double jitter;
            lock (_lock)
            {
                jitter = _random.NextDouble() * 0.2;
            }

            var backoff = TimeSpan.FromSeconds(Math.Pow(2, Math.Min(attempt - 1, 16)) * (1 + jitter));
            return retryAfter is TimeSpan after && after > backoff ? after : backoff;
        }

        private Task WaitForMinimumIntervalAsync(CancellationToken cancellationToken)
        {
            TimeSpan wait;
            lock (_lock)
            {
                // Only after a token that could not be cached or was rejected: a normal refresh is already spaced by the refresh window.
                wait = _throttleNextLogin ? _settings.MinimumLoginInterval - _settings.TimeProvider.GetElapsedTime(_lastLoginSentAt) : TimeSpan.Zero;
            }

            return AsyncHelpers.Delay(_settings.TimeProvider, wait, cancellationToken);
        }

        private AccessToken CreateToken(LoginReply reply, long sentAt)
        {
            lock (_lock)
            {
                var generation = ++_generation;
                _throttleNextLogin = !reply.IsCacheable;
                if (!reply.IsCacheable)
                {
                    return new AccessToken(reply.AccessToken, generation, sentAt, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, cacheable: false);
                }

                var lifetime = reply.Lifetime;
                var window = Min(_settings.RefreshWindow, Half(lifetime));
                window += TimeSpan.FromTicks((long)(window.Ticks * _random.NextDouble() * RefreshJitter));
                var margin = Min(ExpiryMargin, TimeSpan.FromTicks(lifetime.Ticks / 10));
                var expiresAfter = lifetime - margin;
                var refreshAfter = lifetime - window;
                return new AccessToken(reply.AccessToken, generation, sentAt, lifetime, refreshAfter < expiresAfter ? refreshAfter : expiresAfter, expiresAfter, cacheable: true);
            }
        }

        private void Complete(LoginFlight flight, AccessToken? token, Exception? failure)
        {
            KuaAuthenticationException? remembered = null;
            var cooldown = TimeSpan.Zero;
            lock (_lock)
            {
                if (ReferenceEquals(_flight, flight))
                {
                    _flight = null;
                }

                if (!_disposed)
                {
                    if (token != null)
                    {
                        _failure = null;
                        _consecutiveFailures = 0;
                        if (token.IsCacheable)
                        {
                            _token = token;
                        }
                    }
                    else if (failure is KuaAuthenticationException authentication)
                    {
                        _consecutiveFailures++;
                        cooldown = CooldownAfter(authentication);
                        _failure = new LoginFailure(authentication, _settings.TimeProvider.GetTimestamp(), cooldown);
                        remembered = authentication;
                    }
                }
            }

            try
            {
                if (token != null)
                {
                    AuthenticationLog.LoginSucceeded(_logger, _settings.BaseAddress, token);
                }
                else if (remembered != null)
                {
                    AuthenticationLog.LoginFailed(_logger, _settings.BaseAddress, remembered, cooldown);
                }
            }
            finally
            {
                // Even a logger that throws must not leave waiters hanging.
                if (token != null)
                {
                    flight.Succeed(token);
                }
                else
                {
                    flight.Fail(failure!);
                }
            }
        }

        private TimeSpan CooldownAfter(KuaAuthenticationException failure)
        {
            TimeSpan cooldown;
            if (failure.Failure == KuaAuthenticationFailure.Rejected)
            {
                cooldown = _settings.RejectedLoginCooldown;
            }
            else
            {
                var factor = Math.Pow(2, Math.Min(_consecutiveFailures - 1, 20));
                var ticks = Math.Min(_settings.LoginFailureCooldown.Ticks * factor, _settings.MaxLoginFailureCooldown.Ticks);
                cooldown = TimeSpan.FromTicks((long)ticks);
            }

            if (failure.RetryAfter is TimeSpan retryAfter && retryAfter > cooldown)
            {
                // Honour the server, within bounds: a hostile Retry-After must not silence the client for days.
                cooldown = Min(retryAfter, Max(_settings.MaxLoginFailureCooldown, cooldown));
            }

            return cooldown;
        }

        private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

        private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

        private static TimeSpan Half(TimeSpan value) => TimeSpan.FromTicks(value.Ticks / 2);

        /// <summary>One shared login; every waiter awaits <see cref="Task"/>.</summary>
        private sealed class LoginFlight
        {
            private readonly TaskCompletionSource<AccessToken> _completion = new TaskCompletionSource<AccessToken>(TaskCreationOptions.RunContinuationsAsynchronously);

            public LoginFlight(string reason, AccessToken? replacing)
            {
                Reason = reason;
                Replacing = replacing;
            }

            public string Reason { get; }

            /// <summary>The token a background refresh replaces (it stays in use meanwhile); null for a login callers wait for.</summary>
            public AccessToken? Replacing { get; }

            public bool Background => Replacing != null;

            public Task<AccessToken> Task => _completion.Task;

            public void Succeed(AccessToken token) => _completion.TrySetResult(token);

            public void Fail(Exception exception)
            {
                _completion.TrySetException(exception);

                // Nobody may be waiting (all callers cancelled, or it was a background refresh).
                AsyncHelpers.Observe(_completion.Task);
            }
        }

        /// <summary>A failed login remembered for its cooldown; callers in that time get the same exception.</summary>
        private sealed class LoginFailure
        {
            public LoginFailure(KuaAuthenticationException exception, long failedAt, TimeSpan cooldown)
            {
                FailedAt = failedAt;
                Cooldown = cooldown;
                var completion = new TaskCompletionSource<AccessToken>();
                completion.SetException(exception);
                Task = completion.Task;
                AsyncHelpers.Observe(Task);
            }

            public long FailedAt { get; }

            public TimeSpan Cooldown { get; }

            public Task<AccessToken> Task { get; }
        }
    }
}
