using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Kua.Generated.Runtime.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kua.Generated.Runtime.Reading
{
    /// <summary>
    /// A client's tolerant reading: each reply body is read in a <see cref="KuaReadSession"/>, and every deviation is
    /// counted (<c>kua.client.spec_deviations</c>, tagged with the operation and the kind) and logged at Warning once
    /// per operation, schema, path and kind in <see cref="LogInterval"/> — a server that breaks its spec on every
    /// reply must not flood the log. Log entries and tags carry names and paths only, never a value of the reply.
    /// </summary>
    internal sealed partial class TolerantReading
    {
        public const string LoggerCategory = "Kua.Generated.Reading";
        public const string DeviationsCounterName = "kua.client.spec_deviations";
        public const string KindTag = "kua.deviation.kind";

        /// <summary>How long a logged deviation stays quiet (it is still counted).</summary>
        public static readonly TimeSpan LogInterval = TimeSpan.FromMinutes(5);

        // Beyond this many distinct deviations, the oldest quiet periods are forgotten (a server could vary paths without end).
        private const int MaxRemembered = 1024;

        private static readonly Counter<long> Deviations = AuthenticationMetrics.Meter.CreateCounter<long>(DeviationsCounterName, "{deviation}", "Places where a reply broke its schema and was read anyway (KuaReadMode.Tolerant).");

        private readonly ILogger _logger;
        private readonly ConcurrentDictionary<string, long> _quietUntil = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);

        public TolerantReading(ILoggerFactory? loggerFactory) =>
            _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger(LoggerCategory);

        /// <summary>Counts and logs what a read found; the session's deviations are final (the body has been read).</summary>
        public void Report(string operationId, IReadOnlyList<KuaSpecDeviation> deviations)
        {
            if (deviations.Count == 0)
            {
                return;
            }

            var now = Stopwatch.GetTimestamp();
            foreach (var deviation in deviations)
            {
                Deviations.Add(1, new KeyValuePair<string, object?>(AuthenticationMetrics.OperationTag, operationId), new KeyValuePair<string, object?>(KindTag, deviation.KindTag));
                if (!_logger.IsEnabled(LogLevel.Warning))
                {
                    continue;
                }

                var path = WithoutIndexes(deviation.Path);
                var key = operationId + "\n" + deviation.Schema + "\n" + path + "\n" + deviation.KindTag;
                if (_quietUntil.TryGetValue(key, out var until) && now < until)
                {
                    continue;
                }

                if (_quietUntil.Count >= MaxRemembered)
                {
                    _quietUntil.Clear();
                }

                _quietUntil[key] = now + (long)(LogInterval.TotalSeconds * Stopwatch.Frequency);
                DeviationRead(_logger, operationId, deviation.KindTag, path, deviation.Schema ?? "(none)");
            }
        }

        /// <summary><c>$.items[3].id</c> → <c>$.items[*].id</c>: one log entry for the same place in every item.</summary>
        internal static string WithoutIndexes(string path)
        {
            if (path.IndexOf('[') < 0)
            {
                return path;
            }

            var text = new System.Text.StringBuilder(path.Length);
            for (var i = 0; i < path.Length; i++)
            {
                text.Append(path[i]);
                if (path[i] == '[' && i + 1 < path.Length && char.IsDigit(path[i + 1]))
                {
                    text.Append('*');
                    while (i + 1 < path.Length && char.IsDigit(path[i + 1]))
                    {
                        i++;
                    }
                }
            }

            return text.ToString();
        }

        [LoggerMessage(200, LogLevel.Warning, "Operation '{OperationId}' got a reply that breaks its spec ({Kind} at {Path}, schema {Schema}); it was read tolerantly. Repeats are counted in kua.client.spec_deviations and logged again after 5 minutes.")]
        private static partial void DeviationRead(ILogger logger, string operationId, string kind, string path, string schema);
    }
}
