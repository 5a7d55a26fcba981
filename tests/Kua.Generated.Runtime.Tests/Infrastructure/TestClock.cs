using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace Kua.Generated.Runtime.Tests.Infrastructure
{
    /// <summary>
    /// A fake clock shared by the client and the fake server. Its monotonic time moves only with
    /// <see cref="Advance"/>; its wall clock can jump on its own (<see cref="WallClockOffset"/>); and tests can
    /// wait until code under test has armed a timer (a delay or timeout), so advancing never races it.
    /// </summary>
    internal sealed class TestClock : TimeProvider
    {
        private readonly object _lock = new object();
        private readonly List<TimeSpan> _timers = new List<TimeSpan>();
        private readonly List<(Func<TimeSpan, bool> Match, int Count, TaskCompletionSource<bool> Signal)> _waiters = new();

        public FakeTimeProvider Fake { get; } = new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

        /// <summary>Added to the wall clock only: a user or NTP changing the system time.</summary>
        public TimeSpan WallClockOffset { get; set; }

        /// <summary>Added to the monotonic timestamp: a (broken) clock that jumps.</summary>
        public TimeSpan TimestampOffset { get; set; }

        public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow() + WallClockOffset;

        public override long GetTimestamp() => Fake.GetTimestamp() + (long)(TimestampOffset.TotalSeconds * Fake.TimestampFrequency);

        public override long TimestampFrequency => Fake.TimestampFrequency;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

        public void Advance(TimeSpan delta) => Fake.Advance(delta);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = Fake.CreateTimer(callback, state, dueTime, period);
            lock (_lock)
            {
                _timers.Add(dueTime);
                for (var i = _waiters.Count - 1; i >= 0; i--)
                {
                    if (CountLocked(_waiters[i].Match) >= _waiters[i].Count)
                    {
                        _waiters[i].Signal.TrySetResult(true);
                        _waiters.RemoveAt(i);
                    }
                }
            }

            return timer;
        }

        /// <summary>Completes once <paramref name="count"/> timers matching <paramref name="match"/> have been created in total.</summary>
        public Task WaitForTimersAsync(Func<TimeSpan, bool> match, int count = 1)
        {
            lock (_lock)
            {
                if (CountLocked(match) >= count)
                {
                    return Task.CompletedTask;
                }

                var signal = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((match, count, signal));
                return signal.Task.WaitAsync(TestTimeouts.Hang);
            }
        }

        public int CountTimers(Func<TimeSpan, bool> match)
        {
            lock (_lock)
            {
                return CountLocked(match);
            }
        }

        private int CountLocked(Func<TimeSpan, bool> match)
        {
            var count = 0;
            foreach (var due in _timers)
            {
                if (match(due))
                {
                    count++;
                }
            }

            return count;
        }
    }
}
