using System;
using System.Collections;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using Kua.Generated.Runtime.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kua.Generated.Runtime.DependencyInjection
{
    /// <summary>
    /// The factory's request logs for a Kua client, in place of the default ones: the same categories
    /// (<c>System.Net.Http.HttpClient.{name}.LogicalHandler</c> and <c>.ClientHandler</c>), events, messages and scope,
    /// but header values are masked in the structured state as well as in the message (the default loggers keep them
    /// in the state, where every structured sink stores them): credential headers entirely, every other value with
    /// the client's secrets replaced. Addresses are logged without their query.
    /// </summary>
    internal sealed partial class KuaHttpClientLogger : IHttpClientLogger
    {
        private const string Redacted = "*";

        private static readonly EventId RequestHeaderEvent = new EventId(102, "RequestHeader");
        private static readonly EventId ResponseHeaderEvent = new EventId(103, "ResponseHeader");
        private static readonly EventId PipelineRequestHeaderEvent = new EventId(102, "RequestPipelineRequestHeader");
        private static readonly EventId PipelineResponseHeaderEvent = new EventId(103, "RequestPipelineResponseHeader");

        private readonly ILogger _logger;
        private readonly KnownSecrets _secrets;
        private readonly bool _wrapsPipeline;

        private KuaHttpClientLogger(ILogger logger, KnownSecrets secrets, bool wrapsPipeline)
        {
            _logger = logger;
            _secrets = secrets;
            _wrapsPipeline = wrapsPipeline;
        }

        /// <summary>The logger around the whole pipeline (<paramref name="wrapsPipeline"/>) or around the network handler.</summary>
        public static KuaHttpClientLogger Create(IServiceProvider provider, string clientName, KnownSecrets secrets, bool wrapsPipeline)
        {
            var factory = provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
            var category = "System.Net.Http.HttpClient." + clientName + (wrapsPipeline ? ".LogicalHandler" : ".ClientHandler");
            return new KuaHttpClientLogger(factory.CreateLogger(category), secrets, wrapsPipeline);
        }

        /// <summary>Headers whose values are never logged.</summary>
        public static bool IsCredentialHeader(string header) =>
            string.Equals(header, "Authorization", StringComparison.OrdinalIgnoreCase) ||
            string.Equals(header, "Proxy-Authorization", StringComparison.OrdinalIgnoreCase) ||
            string.Equals(header, "Cookie", StringComparison.OrdinalIgnoreCase) ||
            string.Equals(header, "Set-Cookie", StringComparison.OrdinalIgnoreCase);

        public object? LogRequestStart(HttpRequestMessage request)
        {
            var uri = AddressOf(request.RequestUri);
            IDisposable? scope = null;
            if (_wrapsPipeline)
            {
                scope = _logger.BeginScope(new ScopeState(request.Method, uri));
                PipelineStart(_logger, request.Method, uri);
            }
            else
            {
                RequestStart(_logger, request.Method, uri);
            }

            LogHeaders(_wrapsPipeline ? PipelineRequestHeaderEvent : RequestHeaderEvent, "Request Headers:", request.Headers, request.Content?.Headers);
            return scope;
        }

        public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed)
        {
            if (_wrapsPipeline)
            {
                PipelineEnd(_logger, elapsed.TotalMilliseconds, (int)response.StatusCode);
            }
            else
            {
                RequestEnd(_logger, elapsed.TotalMilliseconds, (int)response.StatusCode);
            }

            LogHeaders(_wrapsPipeline ? PipelineResponseHeaderEvent : ResponseHeaderEvent, "Response Headers:", response.Headers, response.Content?.Headers);
            (context as IDisposable)?.Dispose();
        }

        public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed)
        {
            if (_wrapsPipeline)
            {
                PipelineFailed(_logger, elapsed.TotalMilliseconds, exception);
            }
            else
            {
                RequestFailed(_logger, elapsed.TotalMilliseconds, exception);
            }

            (context as IDisposable)?.Dispose();
        }

        private static string? AddressOf(Uri? uri) =>
            uri is null ? null : uri.IsAbsoluteUri ? uri.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.Query, UriFormat.UriEscaped) : uri.OriginalString.Split('?')[0];

        private void LogHeaders(EventId eventId, string title, HttpHeaders headers, HttpHeaders? contentHeaders)
        {
            if (_logger.IsEnabled(LogLevel.Trace))
            {
                _logger.Log(LogLevel.Trace, eventId, new MaskedHeaders(title, headers, contentHeaders, _secrets), null, static (state, _) => state.ToString());
            }
        }

        [LoggerMessage(100, LogLevel.Information, "Start processing HTTP request {HttpMethod} {Uri}", EventName = "RequestPipelineStart")]
        private static partial void PipelineStart(ILogger logger, HttpMethod httpMethod, string? uri);

        [LoggerMessage(101, LogLevel.Information, "End processing HTTP request after {ElapsedMilliseconds}ms - {StatusCode}", EventName = "RequestPipelineEnd")]
        private static partial void PipelineEnd(ILogger logger, double elapsedMilliseconds, int statusCode);

        [LoggerMessage(104, LogLevel.Warning, "HTTP request failed after {ElapsedMilliseconds}ms", EventName = "RequestPipelineFailed")]
        private static partial void PipelineFailed(ILogger logger, double elapsedMilliseconds, Exception exception);

        [LoggerMessage(100, LogLevel.Information, "Sending HTTP request {HttpMethod} {Uri}", EventName = "RequestStart")]
        private static partial void RequestStart(ILogger logger, HttpMethod httpMethod, string? uri);

        [LoggerMessage(101, LogLevel.Information, "Received HTTP response headers after {ElapsedMilliseconds}ms - {StatusCode}", EventName = "RequestEnd")]
        private static partial void RequestEnd(ILogger logger, double elapsedMilliseconds, int statusCode);

        [LoggerMessage(104, LogLevel.Warning, "HTTP request failed after {ElapsedMilliseconds}ms", EventName = "RequestFailed")]
        private static partial void RequestFailed(ILogger logger, double elapsedMilliseconds, Exception exception);

        /// <summary>The scope "HTTP {HttpMethod} {Uri}", as the default logger opens it.</summary>
        private sealed class ScopeState : IReadOnlyList<KeyValuePair<string, object?>>
        {
            private readonly KeyValuePair<string, object?>[] _values;

            public ScopeState(HttpMethod method, string? uri)
            {
                _values = new[]
                {
                    new KeyValuePair<string, object?>("HttpMethod", method),
                    new KeyValuePair<string, object?>("Uri", uri),
                    new KeyValuePair<string, object?>("{OriginalFormat}", "HTTP {HttpMethod} {Uri}"),
                };
            }

            public int Count => _values.Length;

            public KeyValuePair<string, object?> this[int index] => _values[index];

            public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_values).GetEnumerator();

            IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

            public override string ToString() => "HTTP " + _values[0].Value + " " + _values[1].Value;
        }

        /// <summary>Header lines whose values are masked before anyone (message or structured sink) can read them.</summary>
        private sealed class MaskedHeaders : IReadOnlyList<KeyValuePair<string, object?>>
        {
            private readonly string _title;
            private readonly List<KeyValuePair<string, object?>> _values = new List<KeyValuePair<string, object?>>();

            public MaskedHeaders(string title, HttpHeaders headers, HttpHeaders? contentHeaders, KnownSecrets secrets)
            {
                _title = title;
                Add(headers, secrets);
                if (contentHeaders != null)
                {
                    Add(contentHeaders, secrets);
                }
            }

            public int Count => _values.Count;

            public KeyValuePair<string, object?> this[int index] => _values[index];

            public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _values.GetEnumerator();

            IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

            public override string ToString()
            {
                var text = new StringBuilder();
                text.AppendLine(_title);
                foreach (var value in _values)
                {
                    text.Append(value.Key).Append(": ").Append(value.Value).AppendLine();
                }

                return text.ToString();
            }

            private void Add(HttpHeaders headers, KnownSecrets secrets)
            {
                foreach (var header in headers)
                {
                    var value = IsCredentialHeader(header.Key) ? Redacted : secrets.Scrub(string.Join(", ", header.Value));
                    _values.Add(new KeyValuePair<string, object?>(header.Key, value));
                }
            }
        }
    }
}
