using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Kua.Generated.Runtime.Authentication
{
    /// <summary>
    /// The network handler under the token and redirect handlers. Automatic redirects are off there because
    /// <see cref="RedirectHandler"/> follows them: only it knows which hosts may see the token, and a platform redirect
    /// would re-send a login body (with the password) on 307/308.
    /// </summary>
    internal static class PrimaryHandlers
    {
        public static HttpMessageHandler CreateDefault()
        {
#if NET5_0_OR_GREATER
            return new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,

                // A long-lived client must notice DNS changes.
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            };
#else
            return new HttpClientHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            };
#endif
        }

        /// <summary>Turns off automatic redirects on the platform handlers; other handlers are left as they are.</summary>
        public static void DisableAutoRedirect(HttpMessageHandler? handler)
        {
            try
            {
                switch (handler)
                {
                    case HttpClientHandler clientHandler when clientHandler.AllowAutoRedirect:
                        clientHandler.AllowAutoRedirect = false;
                        break;
#if NET5_0_OR_GREATER
                    case SocketsHttpHandler socketsHandler when socketsHandler.AllowAutoRedirect:
                        socketsHandler.AllowAutoRedirect = false;
                        break;
#endif
                }
            }
            catch (InvalidOperationException)
            {
                // The handler already sent requests and is frozen; the platform then strips Authorization on redirects itself.
            }
        }

        /// <summary>Lets a client use a handler the caller owns without disposing it.</summary>
        internal sealed class NonDisposing : DelegatingHandler
        {
            public NonDisposing(HttpMessageHandler inner)
                : base(inner)
            {
            }

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
                base.SendAsync(request, cancellationToken);

            protected override void Dispose(bool disposing)
            {
                // The inner handler belongs to the caller.
            }
        }
    }
}
