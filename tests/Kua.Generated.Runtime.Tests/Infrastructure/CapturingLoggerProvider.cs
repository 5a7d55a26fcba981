using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Kua.Generated.Runtime.Tests.Infrastructure
{
    /// <summary>Keeps every log line (formatted message, state values, exception) and lets tests wait for an event.</summary>
    internal sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly object _lock = new object();
        private readonly List<CapturedLog> _logs = new List<CapturedLog>();
        private readonly List<(string EventName, int Count, TaskCompletionSource<bool> Signal)> _waiters = new();

        public IReadOnlyList<CapturedLog> Logs
        {
            get
            {
                lock (_lock)
                {
                    return _logs.ToArray();
                }
            }
        }

        public int Count(string eventName)
        {
            lock (_lock)
            {
                return _logs.Count(l => l.EventName == eventName);
            }
        }

        /// <summary>Completes once <paramref name="count"/> events named <paramref name="eventName"/> were logged in total.</summary>
        public Task WaitForAsync(string eventName, int count = 1)
        {
            lock (_lock)
            {
                if (_logs.Count(l => l.EventName == eventName) >= count)
                {
                    return Task.CompletedTask;
                }

                var signal = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((eventName, count, signal));
                return signal.Task.WaitAsync(TestTimeouts.Hang);
            }
        }

        public ILoggerFactory CreateFactory() => LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(this));

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private void Add(CapturedLog log)
        {
            lock (_lock)
            {
                _logs.Add(log);
                for (var i = _waiters.Count - 1; i >= 0; i--)
                {
                    if (_logs.Count(l => l.EventName == _waiters[i].EventName) >= _waiters[i].Count)
                    {
                        _waiters[i].Signal.TrySetResult(true);
                        _waiters.RemoveAt(i);
                    }
                }
            }
        }

        private sealed class Logger : ILogger
        {
            private readonly CapturingLoggerProvider _provider;
            private readonly string _category;

            public Logger(CapturingLoggerProvider provider, string category)
            {
                _provider = provider;
                _category = category;
            }

            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull
            {
                _provider.Add(new CapturedLog(_category, LogLevel.Trace, "Scope", state.ToString() ?? string.Empty, Describe(state), null));
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                _provider.Add(new CapturedLog(_category, logLevel, eventId.Name ?? eventId.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), formatter(state, exception), Describe(state), exception));
            }

            /// <summary>
            /// What a structured sink could store of a log's state: its text, and every key/value pair with each value's
            /// text and, for a value that is a sequence (header values are), each item's text.
            /// </summary>
            private static string Describe<TState>(TState state) =>
                (state?.ToString() ?? string.Empty) + " | " + (state is IEnumerable<KeyValuePair<string, object?>> values
                    ? string.Join(" | ", values.Select(v => v.Key + "=" + Render(v.Value)))
                    : string.Empty);

            private static string Render(object? value) => value switch
            {
                null => string.Empty,
                string text => text,
                IEnumerable<KeyValuePair<string, object?>> pairs => string.Join(", ", pairs.Select(p => p.Key + "=" + Render(p.Value))),
                System.Collections.IEnumerable items => value + " [" + string.Join(", ", items.Cast<object?>().Select(Render)) + "]",
                _ => value.ToString() ?? string.Empty,
            };
        }
    }

    internal sealed record CapturedLog(string Category, LogLevel Level, string EventName, string Message, string State, Exception? Exception)
    {
        public string AllText => Category + " " + EventName + " " + Message + " " + State + " " + DescribeChain(Exception);

        /// <summary>Every exception of a chain (inner and aggregated ones), with what a <see cref="KuaApiException"/> keeps of its reply.</summary>
        public static string DescribeChain(Exception? exception)
        {
            var text = new System.Text.StringBuilder();
            var pending = new Stack<Exception>();
            if (exception != null)
            {
                pending.Push(exception);
            }

            while (pending.Count > 0)
            {
                var current = pending.Pop();
                text.Append(current).Append(' ');
                if (current is KuaApiException api)
                {
                    text.Append(api.ResponseBody).Append(' ').Append(string.Join(" ", api.Headers.Select(h => h.Key + ": " + string.Join(", ", h.Value)))).Append(' ');
                }

                if (current is AggregateException aggregate)
                {
                    foreach (var inner in aggregate.InnerExceptions)
                    {
                        pending.Push(inner);
                    }
                }
                else if (current.InnerException != null)
                {
                    pending.Push(current.InnerException);
                }
            }

            return text.ToString();
        }
    }
}
