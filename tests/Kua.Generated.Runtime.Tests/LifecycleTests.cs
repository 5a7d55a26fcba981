using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Kua.Generated.Runtime.Tests.Infrastructure;
using Xunit;

namespace Kua.Generated.Runtime.Tests
{
    /// <summary>No unobserved task exceptions, and disposal in the middle of a login fails its waiters cleanly.</summary>
    public sealed class LifecycleTests
    {
        [Fact]
        public async Task LoginsNobodyWaitsForRaiseNoUnobservedTaskException()
        {
            var unobserved = new ConcurrentQueue<Exception>();
            EventHandler<UnobservedTaskExceptionEventArgs> handler = (_, e) =>
            {
                if (e.Exception.Flatten().InnerExceptions.Any(IsOurs))
                {
                    unobserved.Enqueue(e.Exception);
                }
            };
            TaskScheduler.UnobservedTaskException += handler;
            try
            {
                await RunLoginsNobodyObservesAsync();
                for (var i = 0; i < 3; i++)
                {
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
                    GC.WaitForPendingFinalizers();
                }

                Assert.Empty(unobserved);
            }
            finally
            {
                TaskScheduler.UnobservedTaskException -= handler;
            }
        }

        [Fact]
        public async Task DisposingTheClientMidLoginFaultsEveryWaiterAtOnce()
        {
            await using var harness = await TokenHarness.StartAsync();
            var gate = harness.Server.HoldLogins();
            var calls = Enumerable.Range(0, 10).Select(_ => harness.GetAccountAsync()).ToArray();
            await harness.Server.WaitForLoginsAsync(1).WaitAsync(TestTimeouts.Hang);

            harness.Client.Dispose();

            foreach (var call in calls)
            {
                var error = await Record.ExceptionAsync(() => call).WaitAsync(TestTimeouts.Hang);
                Assert.True(error is OperationCanceledException || error is ObjectDisposedException, "Unexpected " + error);
            }

            gate.Release();
            await Assert.ThrowsAsync<ObjectDisposedException>(() => harness.GetAccountAsync());
        }

        [Fact]
        public async Task DisposingTheTokenCacheFaultsItsWaitersWithObjectDisposedException()
        {
            await using var harness = await TokenHarness.StartAsync();
            var cache = Kua.Generated.Runtime.Authentication.ClientAuthentication.Create(harness.Options, KuaSecurity.ForKuaLogin(TokenHarness.Endpoint), TokenHarness.SpecBaseAddress, null).Caches[0];
            var gate = harness.Server.HoldLogins();
            using var transport = new System.Net.Http.HttpMessageInvoker(new System.Net.Http.SocketsHttpHandler());
            var waiters = Enumerable.Range(0, 10).Select(_ => cache.GetTokenAsync((r, c) => transport.SendAsync(r, c), CancellationToken.None)).ToArray();
            await harness.Server.WaitForLoginsAsync(1).WaitAsync(TestTimeouts.Hang);

            cache.Dispose();

            foreach (var waiter in waiters)
            {
                await Assert.ThrowsAsync<ObjectDisposedException>(() => waiter).WaitAsync(TestTimeouts.Hang);
            }

            gate.Release();
            Assert.Throws<ObjectDisposedException>(() => { _ = cache.GetTokenAsync((r, c) => transport.SendAsync(r, c), CancellationToken.None); });
        }

        [Fact]
        public async Task ACallerBlockingOnASingleThreadedContextDoesNotDeadlockTheLogin()
        {
            await using var harness = await TokenHarness.StartAsync();
            var context = new BlockedSynchronizationContext();
            int? status = null;
            Exception? error = null;
            var thread = new Thread(() =>
            {
                SynchronizationContext.SetSynchronizationContext(context);
                try
                {
                    // Sync-over-async, as old UI or ASP.NET code does: nothing may need this thread to continue.
                    using var response = harness.Client.SendAsync(TokenHarness.AccountRequest(harness.Server.BaseAddress)).GetAwaiter().GetResult();
                    status = (int)response.StatusCode;
                }
                catch (Exception ex)
                {
                    error = ex;
                }
            });
            thread.Start();
            await Task.Run(() => thread.Join(TestTimeouts.Hang));

            Assert.Null(error);
            Assert.Equal(200, status);
            Assert.Equal(0, context.Posts);
        }

        private static async Task RunLoginsNobodyObservesAsync()
        {
            await using var harness = await TokenHarness.StartAsync(o => o.MaxLoginRetries = 0);

            // 1. Every waiter cancels, then the login fails.
            harness.Server.FailNextLogins(1, 500);
            var gate = harness.Server.HoldLogins();
            using (var cancellation = new CancellationTokenSource())
            {
                var calls = Enumerable.Range(0, 5).Select(_ => harness.GetAccountAsync(cancellation.Token)).ToArray();
                await harness.Server.WaitForLoginsAsync(1).WaitAsync(TestTimeouts.Hang);
                cancellation.Cancel();
                foreach (var call in calls)
                {
                    await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
                }
            }

            gate.Release();
            await harness.WaitForLoginFailedAsync(1);

            // 2. A background refresh fails.
            harness.Clock.Advance(TimeSpan.FromSeconds(10));
            Assert.Equal(200, (await harness.GetAccountAsync()).Status);
            harness.Clock.Advance(TimeSpan.FromHours(23.95));
            harness.Server.FailNextLogins(1, 503);
            Assert.Equal(200, (await harness.GetAccountAsync()).Status);
            await harness.WaitForLoginFailedAsync(2);

            // 3. The client is disposed under a login nobody waits for.
            harness.NewClient();
            var held = harness.Server.HoldLogins();
            using (var cancellation = new CancellationTokenSource())
            {
                var call = harness.GetAccountAsync(cancellation.Token);
                await harness.Server.WaitForLoginsAsync(4).WaitAsync(TestTimeouts.Hang);
                cancellation.Cancel();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
            }

            harness.Client.Dispose();
            held.Release();
        }

        /// <summary>A UI-like context whose thread is blocked: work posted to it never runs.</summary>
        private sealed class BlockedSynchronizationContext : SynchronizationContext
        {
            private int _posts;

            public int Posts => Volatile.Read(ref _posts);

            public override void Post(SendOrPostCallback d, object? state) => Interlocked.Increment(ref _posts);

            public override void Send(SendOrPostCallback d, object? state) => Interlocked.Increment(ref _posts);
        }

        private static bool IsOurs(Exception exception) =>
            exception is KuaApiException || (exception is ObjectDisposedException disposed && disposed.ObjectName == "TokenCache");
    }
}
