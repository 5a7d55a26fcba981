using System;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using LoginFailure = Kua.Generated.Runtime.Authentication.TokenCacheState.LoginFailure;
using LoginFlight = Kua.Generated.Runtime.Authentication.TokenCacheState.LoginFlight;

namespace Kua.Generated.Runtime.Authentication
{
    /// <summary>
    /// The bearer token of one account at one base address, shared by every request of a client (and, with
    /// dependency injection, by every handler the factory builds for it), whatever <see cref="ITokenSource"/> makes
    /// the tokens. It guarantees:
    /// <list type="bullet">
    /// <item>one login in flight however many callers wait; each waiter honours only its own cancellation, and the
    /// login runs on its own timeout, so one caller giving up never fails the others;</item>
    /// <item>expiry measured on the monotonic clock from the moment the login was sent; inside the refresh window the
    /// current token keeps flowing while one background login runs;</item>
    /// <item>transient failures retried inside the shared login, here and nowhere else (the source's requests go
    /// straight to the network handler);</item>
    /// <item>a failed login is remembered for a cooldown (growing with consecutive failures, at least
    /// <c>Retry-After</c>), so an outage or a wrong password costs one attempt for any number of callers;</item>
    /// <item>a token rejected with 401 is dropped only while it is still the cached one.</item>
    /// </list>
    /// All of its state is one immutable <see cref="TokenCacheState"/>, replaced under the lock and read without it.
    /// </summary>
    [DebuggerDisplay("{ToString(),nq}")]
    internal sealed class TokenCache : IDisposable
    {
        /// <summary>How close to expiry a token stops being handed out, at most (and at most a tenth of its lifetime).</summary>
        internal static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(30);

        private const double RefreshJitter = 0.1;

        private readonly object _lock = new object();
        private readonly TokenSettings _settings;
        private readonly ITokenSource _source;
        private readonly ILogger _logger;
        private readonly CancellationTokenSource _disposal = new CancellationTokenSource();
        private readonly SharedTokens? _shared;

        /// <summary>Used under the lock only (Random is not thread-safe).</summary>
        private readonly Random _random = new Random();

        /// <summary>The one mutable field: replaced whole under the lock; volatile so <see cref="TryGetFreshToken"/> reads it without.</summary>
        private volatile TokenCacheState _state = TokenCacheState.Initial;

        /// <param name="settings">The client's settings.</param>
        /// <param name="source">Where tokens come from.</param>
        /// <param name="secrets">The client's secrets; the cache adds each token.</param>
        /// <param name="logger">The authentication log.</param>
        /// <param name="shared">The fleet's shared token store, or null to keep tokens in this process.</param>
        public TokenCache(TokenSettings settings, ITokenSource source, KnownSecrets secrets, ILogger logger, SharedTokens? shared = null)
        {
            _shared = shared;
            _settings = settings ?? throw new ArgumentNullException(nameof(settings));
            _source = source ?? throw new ArgumentNullException(nameof(source));
            Secrets = secrets ?? throw new ArgumentNullException(nameof(secrets));
            _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        }

        public TokenSettings Settings => _settings;

        public ILogger Logger => _logger;

        public ITokenSource Source => _source;

        /// <summary>The password and the tokens this cache was given, to scrub from what servers send back.</summary>
        public KnownSecrets Secrets { get; }

        /// <summary>The state now, for tests and the debugger.</summary>
        internal TokenCacheState State => _state;

        /// <summary>The token callers get now, or a shared login that produces one.</summary>
        /// <param name="send">Sends the source's requests when a login has to start.</param>
        /// <param name="cancellationToken">Stops this caller's wait only; the shared login goes on.</param>
        /// <returns>A token to attach.</returns>
        /// <exception cref="KuaAuthenticationException">The login failed, now or within the cooldown.</exception>
        /// <exception cref="ObjectDisposedException">The cache was disposed.</exception>
        public Task<AccessToken> GetTokenAsync(TokenRequestSender send, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (TryGetFreshToken() is AccessToken fresh)
            {
                return fresh.AsTask;
            }

            LoginFlight? started = null;
            AccessToken? expired = null;
            Task<AccessToken> result;
            bool cooldownHit;
            lock (_lock)
            {
                if (_state.Disposed)
                {
                    throw Disposed("The client was disposed.");
                }

                result = TakeTokenOrJoinLogin(ref started, ref expired, out cooldownHit);
            }

            if (started != null)
            {
                Start(started, send);
            }

            if (expired != null)
            {
                AuthenticationLog.TokenExpired(_logger, expired);
            }

            if (started != null && started.Background)
            {
                AuthenticationLog.RefreshStarting(_logger, started.Replacing!);
                AuthenticationMetrics.RefreshStarted(_source);
            }

            if (cooldownHit)
            {
                AuthenticationMetrics.CooldownHit(_source);
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
            // The state is immutable and published by a volatile write, so the token read here is complete. A token
            // invalidated or replaced just after this read is served as if the read had come first, as with the lock.
            var token = _state.Token;
            return token != null && AgeOf(token) < token.RefreshAfter ? token : null;
        }

        /// <summary>Drops <paramref name="rejected"/> if it is still the cached token (a newer one is kept).</summary>
        /// <returns>True when the token was dropped.</returns>
        public bool Invalidate(AccessToken rejected)
        {
            lock (_lock)
            {
                var state = _state;
                var dropped = ReferenceEquals(state.Token, rejected);

                // Whether or not it is still cached, a rejected token means the next login should not follow at once.
                _state = state with
                {
                    Token = dropped ? null : state.Token,
                    Rejected = rejected,
                    ThrottleNextLogin = state.ThrottleNextLogin || rejected.Generation == state.Generation,
                };
                return dropped;
            }
        }

        /// <summary>Stops any login in flight; its waiters fail with <see cref="ObjectDisposedException"/>.</summary>
        public void Dispose()
        {
            LoginFlight? flight;
            lock (_lock)
            {
                var state = _state;
                if (state.Disposed)
                {
                    return;
                }

                flight = state.Flight;
                _state = state with { Disposed = true, Flight = null, Token = null };
            }

            _disposal.Cancel();
            flight?.Fail(Disposed("The client was disposed while a login was in flight."));
        }

        public override string ToString()
        {
            var state = _state;
            return "TokenCache { BaseAddress = " + _settings.BaseAddress + ", Token = " + (state.Token?.ToString() ?? "(none)") + ", LoginInFlight = " + (state.Flight != null) + " }";
        }

        private static ObjectDisposedException Disposed(string message) => new ObjectDisposedException(nameof(TokenCache), message);

        /// <summary>
        /// Runs <paramref name="flight"/> on the thread pool, so the login never runs on (or posts back to) the caller's
        /// synchronization context. A method of its own because the lambda's closure, were its captures locals of
        /// <see cref="GetTokenAsync"/>, would be allocated on every call, a cached token included.
        /// </summary>
        private void Start(LoginFlight flight, TokenRequestSender send) => AsyncHelpers.Observe(Task.Run(() => RunAsync(flight, send)));

        /// <summary>Under the lock: the cached token, the login in flight, the remembered failure, or a new login.</summary>
        private Task<AccessToken> TakeTokenOrJoinLogin(ref LoginFlight? started, ref AccessToken? expired, out bool cooldownHit)
        {
            cooldownHit = false;
            var state = _state;
            if (state.Token is AccessToken token)
            {
                var age = AgeOf(token);
                if (age < token.RefreshAfter)
                {
                    return token.AsTask;
                }

                if (age < token.ExpiresAfter)
                {
                    // Refresh window: the current token keeps flowing while one background login runs.
                    if (state.Flight is null && !IsCoolingDown(state))
                    {
                        started = NewFlight("refresh window", token);
                        _state = state with { Flight = started };
                    }

                    return token.AsTask;
                }

                expired = token;
                state = state with { Token = null };
            }

            if (state.Flight != null)
            {
                _state = state;
                return state.Flight.Task;
            }

            if (IsCoolingDown(state))
            {
                _state = state;
                cooldownHit = true;
                return state.Failure!.Task;
            }

            started = NewFlight(state.Generation == 0 ? "first call" : "no valid token", null);
            _state = state with { Flight = started };
            return started.Task;
        }

        private LoginFlight NewFlight(string reason, AccessToken? replacing) => new LoginFlight(reason, replacing, _settings.TimeProvider.GetTimestamp());

        private TimeSpan AgeOf(AccessToken token)
        {
            var age = _settings.TimeProvider.GetElapsedTime(token.SentAt);

            // A monotonic clock should never run backwards; if a custom TimeProvider does, the token is simply young.
            return age < TimeSpan.Zero ? TimeSpan.Zero : age;
        }

        private bool IsCoolingDown(TokenCacheState state) =>
            state.Failure is LoginFailure failure && _settings.TimeProvider.GetElapsedTime(failure.FailedAt) < failure.Cooldown;

        private async Task RunAsync(LoginFlight flight, TokenRequestSender send)
        {
            AccessToken? token = null;
            Exception? failure = null;
            using (var timeout = AsyncHelpers.CreateTimeoutSource(_settings.TimeProvider, _settings.LoginTimeout))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _disposal.Token))
            {
                try
                {
                    AuthenticationLog.LoginStarting(_logger, _source.Address, _source.OperationId, flight.Reason);
                    var state = _state;
                    token = _shared is null
                        ? await LoginWithRetriesAsync(send, linked.Token).ConfigureAwait(false)
                        : await _shared.AcquireAsync(this, flight.Replacing ?? state.Rejected, rejected: flight.Replacing is null && state.Rejected != null, send, linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (_disposal.IsCancellationRequested)
                {
                    failure = Disposed("The client was disposed while a login was in flight.");
                }
                catch (OperationCanceledException ex) when (timeout.IsCancellationRequested)
                {
                    failure = Failure(KuaAuthenticationFailure.Timeout, "it took longer than " + _settings.LoginTimeout + " (KuaClientOptions.LoginTimeout)", ex);
                }
                catch (KuaAuthenticationException ex)
                {
                    failure = ex;
                }
                catch (ObjectDisposedException ex) when (_state.Disposed)
                {
                    failure = ex;
                }
                catch (Exception ex)
                {
                    failure = Failure(KuaAuthenticationFailure.NetworkError, ex.GetType().Name + " from the HTTP pipeline", ex);
                }
            }

            Complete(flight, token, failure);
        }

        private KuaAuthenticationException Failure(KuaAuthenticationFailure kind, string reason, Exception inner) =>
            new KuaAuthenticationException(_source.OperationId, 0, kind, "Login with " + _source.OperationId + " to " + TransportSecurity.Origin(_source.Address) + " failed: " + reason + ".", innerException: inner);

        /// <summary>The one place a login is retried (see <see cref="KuaClientOptions.MaxLoginRetries"/>).</summary>
        internal async Task<AccessToken> LoginWithRetriesAsync(TokenRequestSender send, CancellationToken cancellationToken)
        {
            for (var attempt = 1; ; attempt++)
            {
                await WaitForMinimumIntervalAsync(cancellationToken).ConfigureAwait(false);
                var sentAt = _settings.TimeProvider.GetTimestamp();
                lock (_lock)
                {
                    _state = _state with { LastLoginSentAt = sentAt };
                }

                KuaAuthenticationException failure;
                try
                {
                    var grant = await _source.RequestTokenAsync(send, cancellationToken).ConfigureAwait(false);
                    Secrets.AddToken(grant.AccessToken);
                    return CreateToken(grant, sentAt, Guid.NewGuid().ToString("N"));
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

                AuthenticationLog.LoginRetrying(_logger, attempt, _source.Address, failure, delay);
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
            // Only after a token that could not be cached or was rejected: a normal refresh is already spaced by the refresh window.
            var state = _state;
            var wait = state.ThrottleNextLogin ? _settings.MinimumLoginInterval - _settings.TimeProvider.GetElapsedTime(state.LastLoginSentAt) : TimeSpan.Zero;
            return AsyncHelpers.Delay(_settings.TimeProvider, wait, cancellationToken);
        }

        /// <summary>A token another instance stored, aged by the wall-clock time since it was issued.</summary>
        internal AccessToken Adopt(KuaSharedToken shared)
        {
            Secrets.AddToken(shared.AccessToken);
            var clock = _settings.TimeProvider;
            var age = clock.GetUtcNow() - shared.IssuedAt;
            var sentAt = clock.GetTimestamp() - (long)(Max(age, TimeSpan.Zero).TotalSeconds * clock.TimestampFrequency);
            return CreateToken(new TokenGrant(shared.AccessToken, shared.ExpiresAt - shared.IssuedAt, isCacheable: true), sentAt, shared.Id);
        }

        /// <summary>When a token becomes due for refresh, at the latest (jitter aside): the first instance there fetches the next one.</summary>
        internal TimeSpan RefreshAgeOf(TimeSpan lifetime) => lifetime - Min(_settings.RefreshWindow, Half(lifetime));

        private AccessToken CreateToken(TokenGrant grant, long sentAt, string sharedId)
        {
            lock (_lock)
            {
                var state = _state;
                var generation = state.Generation + 1;
                _state = state with { Generation = generation, ThrottleNextLogin = !grant.IsCacheable };
                if (!grant.IsCacheable)
                {
                    return new AccessToken(grant.AccessToken, generation, sentAt, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, cacheable: false, sharedId);
                }

                var lifetime = grant.Lifetime;
                var window = Min(_settings.RefreshWindow, Half(lifetime));
                window += TimeSpan.FromTicks((long)(window.Ticks * _random.NextDouble() * RefreshJitter));
                var margin = Min(ExpiryMargin, TimeSpan.FromTicks(lifetime.Ticks / 10));
                var expiresAfter = lifetime - margin;
                var refreshAfter = lifetime - window;
                return new AccessToken(grant.AccessToken, generation, sentAt, lifetime, refreshAfter < expiresAfter ? refreshAfter : expiresAfter, expiresAfter, cacheable: true, sharedId);
            }
        }

        private void Complete(LoginFlight flight, AccessToken? token, Exception? failure)
        {
            KuaAuthenticationException? remembered = null;
            var cooldown = TimeSpan.Zero;
            lock (_lock)
            {
                var state = _state;
                if (ReferenceEquals(state.Flight, flight))
                {
                    state = state with { Flight = null };
                }

                if (!state.Disposed)
                {
                    if (token != null)
                    {
                        state = state with { Failure = null, ConsecutiveFailures = 0, Token = token.IsCacheable ? token : state.Token, Rejected = null };
                    }
                    else if (failure is KuaAuthenticationException authentication)
                    {
                        var failures = state.ConsecutiveFailures + 1;
                        cooldown = CooldownAfter(authentication, failures);
                        state = state with { ConsecutiveFailures = failures, Failure = new LoginFailure(authentication, _settings.TimeProvider.GetTimestamp(), cooldown) };
                        remembered = authentication;
                    }
                }

                _state = state;
            }

            try
            {
                AuthenticationMetrics.LoginCompleted(_source, _settings.TimeProvider.GetElapsedTime(flight.StartedAt), token != null ? null : AuthenticationMetrics.FailureName(failure!));
                if (token != null)
                {
                    AuthenticationLog.LoginSucceeded(_logger, _source.Address, token);
                }
                else if (remembered != null)
                {
                    AuthenticationLog.LoginFailed(_logger, _source.Address, remembered, cooldown);
                }
            }
            finally
            {
                // Even a logger or a metrics listener that throws must not leave waiters hanging.
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

        private TimeSpan CooldownAfter(KuaAuthenticationException failure, int consecutiveFailures)
        {
            TimeSpan cooldown;
            if (failure.Failure == KuaAuthenticationFailure.Rejected)
            {
                cooldown = _settings.RejectedLoginCooldown;
            }
            else
            {
                var factor = Math.Pow(2, Math.Min(consecutiveFailures - 1, 20));
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
    }
}
