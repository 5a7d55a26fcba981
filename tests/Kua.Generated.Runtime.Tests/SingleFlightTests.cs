using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Kua.Generated.Runtime.Tests.Infrastructure;
using Xunit;

namespace Kua.Generated.Runtime.Tests
{
    /// <summary>One login for any number of concurrent callers, each honouring its own cancellation.</summary>
    public sealed class SingleFlightTests
    {
        [Fact]
        public async Task HundredConcurrentFirstCallsShareOneLoginAndOneToken()
        {
            await using var harness = await TokenHarness.StartAsync();
            for (var iteration = 0; iteration < 20; iteration++)
            {
                harness.NewClient();
                var loginsBefore = harness.Server.LoginCount;
                var gate = harness.Server.HoldLogins();
                var calls = Enumerable.Range(0, 100).Select(_ => harness.GetAccountAsync()).ToArray();
                await harness.Server.WaitForLoginsAsync(loginsBefore + 1).WaitAsync(TestTimeouts.Hang);
                gate.Release();
                var results = await Task.WhenAll(calls).WaitAsync(TestTimeouts.Hang);

                Assert.Equal(loginsBefore + 1, harness.Server.LoginCount);
                Assert.All(results, r => Assert.Equal(200, r.Status));
                Assert.Single(results.Select(r => r.TokenNumber).Distinct());
            }
        }

        [Fact]
        public async Task ConcurrentFirstCallsWithoutAGateStillLogInOnce()
        {
            await using var harness = await TokenHarness.StartAsync();
            for (var iteration = 0; iteration < 20; iteration++)
            {
                harness.NewClient();
                var loginsBefore = harness.Server.LoginCount;
                var results = await harness.GetAccountsConcurrentlyAsync(100);

                Assert.Equal(loginsBefore + 1, harness.Server.LoginCount);
                Assert.All(results, r => Assert.Equal(200, r.Status));
                Assert.Single(results.Select(r => r.TokenNumber).Distinct());
            }
        }

        [Fact]
        public async Task FirstCallerCancellingDuringTheLoginFailsOnlyItself()
        {
            await using var harness = await TokenHarness.StartAsync();
            for (var iteration = 0; iteration < 10; iteration++)
            {
                harness.NewClient();
                var loginsBefore = harness.Server.LoginCount;
                var gate = harness.Server.HoldLogins();
                using var cancellation = new CancellationTokenSource();
                var first = harness.GetAccountAsync(cancellation.Token);
                var others = Enumerable.Range(0, 9).Select(_ => harness.GetAccountAsync()).ToArray();
                await harness.Server.WaitForLoginsAsync(loginsBefore + 1).WaitAsync(TestTimeouts.Hang);

                cancellation.Cancel();

                // The cancelled caller fails while the login is still held: it did not wait for it.
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first).WaitAsync(TestTimeouts.Hang);
                Assert.All(others, o => Assert.False(o.IsCompleted));

                gate.Release();
                var results = await Task.WhenAll(others).WaitAsync(TestTimeouts.Hang);
                Assert.All(results, r => Assert.Equal(200, r.Status));
                Assert.Equal(loginsBefore + 1, harness.Server.LoginCount);
            }
        }

        [Fact]
        public async Task EveryWaiterCancellingDoesNotCancelTheLoginAndItsTokenIsKept()
        {
            await using var harness = await TokenHarness.StartAsync();
            var gate = harness.Server.HoldLogins();
            using var cancellation = new CancellationTokenSource();
            var calls = Enumerable.Range(0, 5).Select(_ => harness.GetAccountAsync(cancellation.Token)).ToArray();
            await harness.Server.WaitForLoginsAsync(1).WaitAsync(TestTimeouts.Hang);
            cancellation.Cancel();
            foreach (var call in calls)
            {
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call).WaitAsync(TestTimeouts.Hang);
            }

            gate.Release();
            await harness.WaitForLoginSucceededAsync(1);
            var result = await harness.GetAccountAsync();

            Assert.Equal(200, result.Status);
            Assert.Equal(1, harness.Server.LoginCount);
        }

        [Fact]
        public async Task ACallerWhoseTokenIsAlreadyCancelledStartsNoLogin()
        {
            await using var harness = await TokenHarness.StartAsync();
            using var cancellation = new CancellationTokenSource();
            cancellation.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.GetAccountAsync(cancellation.Token));
            Assert.Equal(0, harness.Server.LoginCount);
        }
    }
}
