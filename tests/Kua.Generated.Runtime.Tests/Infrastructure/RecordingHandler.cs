using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Kua.Generated.Runtime.Tests.Infrastructure
{
    /// <summary>
    /// A primary handler that records every request it is asked to send. Requests to loopback go to the network
    /// (the fake server); anything else is answered by <see cref="Respond"/> without leaving the process.
    /// </summary>
    internal sealed class RecordingHandler : DelegatingHandler
    {
        private readonly object _lock = new object();
        private readonly List<RecordedRequest> _requests = new List<RecordedRequest>();

        public RecordingHandler()
            : base(new SocketsHttpHandler { AllowAutoRedirect = false })
        {
        }

        public Func<HttpRequestMessage, HttpResponseMessage> Respond { get; set; } = _ => new HttpResponseMessage(HttpStatusCode.OK);

        public IReadOnlyList<RecordedRequest> Requests
        {
            get
            {
                lock (_lock)
                {
                    return _requests.ToArray();
                }
            }
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                _requests.Add(new RecordedRequest(request.Method.Method, request.RequestUri!, request.Headers.Authorization?.ToString()));
            }

            if (request.RequestUri!.IsLoopback)
            {
                return await base.SendAsync(request, cancellationToken);
            }

            var response = Respond(request);
            response.RequestMessage = request;
            return response;
        }
    }

    internal sealed record RecordedRequest(string Method, Uri Uri, string? Authorization);
}
