using System;
using System.Threading;
using System.Threading.Tasks;

namespace Kua.Generated.Runtime.Authentication
{
    /// <summary>The few time and cancellation primitives the token code needs, on every target framework, all through <see cref="TimeProvider"/>.</summary>
    internal static class AsyncHelpers
    {
        /// <summary>Waits for a shared task, giving up (for this caller only) when <paramref name="cancellationToken"/> fires.</summary>
        public static Task<T> WaitAsync<T>(Task<T> task, CancellationToken cancellationToken)
        {
            if (task.IsCompleted || !cancellationToken.CanBeCanceled)
            {
                return task;
            }

#if NET6_0_OR_GREATER
            return task.WaitAsync(cancellationToken);
#else
            return WaitSlowAsync(task, cancellationToken);
#endif
        }

#if !NET6_0_OR_GREATER
        private static async Task<T> WaitSlowAsync<T>(Task<T> task, CancellationToken cancellationToken)
        {
            var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (cancellationToken.Register(state => ((TaskCompletionSource<bool>)state!).TrySetResult(true), cancelled))
            {
                if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
                {
                    throw new OperationCanceledException(cancellationToken);
                }
            }

            return await task.ConfigureAwait(false);
        }
#endif

        /// <summary>Waits on <paramref name="timeProvider"/>'s clock.</summary>
        public static Task Delay(TimeProvider timeProvider, TimeSpan delay, CancellationToken cancellationToken)
        {
            if (delay <= TimeSpan.Zero)
            {
                return Task.CompletedTask;
            }
#if NET8_0_OR_GREATER
            return Task.Delay(delay, timeProvider, cancellationToken);
#else
            return timeProvider.Delay(delay, cancellationToken);
#endif
        }

        /// <summary>A source cancelled after <paramref name="delay"/> on <paramref name="timeProvider"/>'s clock.</summary>
        public static CancellationTokenSource CreateTimeoutSource(TimeProvider timeProvider, TimeSpan delay)
        {
#if NET8_0_OR_GREATER
            return new CancellationTokenSource(delay, timeProvider);
#else
            return timeProvider.CreateCancellationTokenSource(delay);
#endif
        }

        /// <summary>Marks a task's failure as observed so a login nobody waits for never raises <see cref="TaskScheduler.UnobservedTaskException"/>.</summary>
        public static void Observe(Task task)
        {
            if (task.IsCompleted)
            {
                _ = task.Exception;
            }
            else
            {
                task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously | TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }
        }
    }
}
