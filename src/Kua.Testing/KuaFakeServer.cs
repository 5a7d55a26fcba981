using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Kua.Generated;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Kua.Testing
{
    /// <summary>
    /// A fake Kua API on a real socket: Kestrel on 127.0.0.1 with a port the OS picks, serving the spec's sessions
    /// and accounts endpoints under <c>/core/api/v2</c>. Logins are validated as the spec says, tokens are random
    /// and opaque with a configurable lifetime, and every failure a client must survive can be switched on:
    /// failed logins (429 with Retry-After, 500, 503), held or delayed replies, malformed or hostile login replies,
    /// revoked tokens and redirects. Counters and a request log let tests assert exactly what reached the server.
    /// </summary>
    /// <example>
    /// <code>
    /// await using var server = await KuaFakeServer.StartAsync();
    /// using var client = new KuaClient(server.CreateClientOptions());
    /// var account = await client.Accounts.GetAccountAsync();
    /// Assert.Equal(1, server.LoginCount);
    /// </code>
    /// </example>
    public sealed partial class KuaFakeServer : IAsyncDisposable
    {
        /// <summary>The email of the account every server starts with (unless <see cref="KuaFakeServerOptions.Users"/> is changed).</summary>
        public const string DefaultEmail = "demo@kua.test";

        /// <summary>The password of the default account.</summary>
        public const string DefaultPassword = "kua-demo-password";

        /// <summary>A reply header naming which issued token (1, 2, ...) authenticated the request. Fake-only: lets tests tell tokens apart without handling them.</summary>
        public const string TokenNumberHeader = "X-Kua-Fake-Token-Number";

        private readonly object _lock = new object();
        private readonly WebApplication _app;
        private readonly TimeProvider _timeProvider;
        private readonly string _basePath;

        private KuaFakeServer(WebApplication app, KuaFakeServerOptions options)
        {
            _app = app;
            _timeProvider = options.TimeProvider ?? TimeProvider.System;
            _basePath = "/" + (options.BasePath ?? string.Empty).Trim('/');
            _tokenLifetime = options.TokenLifetime;
            foreach (var user in options.Users)
            {
                _users[user.Email] = user;
            }

            RootAddress = null!;
            BaseAddress = null!;
        }

        /// <summary>The server's root, such as <c>http://127.0.0.1:51234/</c>.</summary>
        public Uri RootAddress { get; private set; }

        /// <summary>The API's base address, such as <c>http://127.0.0.1:51234/core/api/v2/</c>: what a client's <see cref="KuaClientOptions.BaseAddress"/> should be.</summary>
        public Uri BaseAddress { get; private set; }

        /// <summary>Starts a server on 127.0.0.1 with a port the OS picks.</summary>
        /// <param name="options">Users, token lifetime, clock; null for the defaults.</param>
        /// <param name="cancellationToken">Cancels the start.</param>
        /// <returns>The running server; dispose it to stop it.</returns>
        public static async Task<KuaFakeServer> StartAsync(KuaFakeServerOptions? options = null, CancellationToken cancellationToken = default)
        {
            options ??= new KuaFakeServerOptions();
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
            builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            var server = new KuaFakeServer(app, options);
            app.Run(server.HandleAsync);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var port = new Uri(address).Port;
            server.RootAddress = new Uri("http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture) + "/");
            server.BaseAddress = new Uri(server.RootAddress, server._basePath.TrimStart('/') + "/");
            return server;
        }

        /// <summary>
        /// Options for a client of this server: <see cref="BaseAddress"/>, the given (or default) credentials, and
        /// <see cref="KuaClientOptions.AllowInsecureLoopback"/> on (the server speaks plain HTTP on loopback).
        /// </summary>
        /// <param name="email">The email; null for <see cref="DefaultEmail"/>.</param>
        /// <param name="password">The password; null for <see cref="DefaultPassword"/>.</param>
        /// <returns>New options the caller may change further.</returns>
        public KuaClientOptions CreateClientOptions(string? email = null, string? password = null) => new KuaClientOptions
        {
            BaseAddress = BaseAddress,
            Email = email ?? DefaultEmail,
            Password = password ?? DefaultPassword,
            AllowInsecureLoopback = true,
        };

        /// <summary>Releases held requests and stops the server.</summary>
        /// <returns>A task.</returns>
        public async ValueTask DisposeAsync()
        {
            KuaFakeServerGate? loginGate, apiGate;
            lock (_lock)
            {
                loginGate = _loginGate;
                apiGate = _apiGate;
            }

            loginGate?.Release();
            apiGate?.Release();
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        /// <inheritdoc />
        public override string ToString() => "KuaFakeServer { BaseAddress = " + BaseAddress + ", Logins = " + LoginCount + ", ApiCalls = " + ApiCallCount + " }";
    }
}
