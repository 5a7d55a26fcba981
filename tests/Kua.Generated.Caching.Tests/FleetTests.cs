using System;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Kua.Generated.Caching.Tests.Infrastructure;
using Kua.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Kua.Generated.Caching.Tests
{
    /// <summary>
    /// One token for a fleet, with real processes: 8 instances of the fleet app (the generated KuaClient with
    /// <c>AddDistributedTokenCache()</c>) × 200 concurrent callers each share one Redis and one fake Kua server.
    /// </summary>
    public sealed class FleetTests
    {
        private const int Instances = 8;
        private const int CallersPerInstance = 200;
        private readonly ITestOutputHelper _output;

        public FleetTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public async Task EightProcessesLogInOnceReloginOnceAfterARevocationAndKeepWorkingWhenRedisDies()
        {
            await using var redis = await RedisServer.StartAsync();
            await using var server = await KuaFakeServer.StartAsync();
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            var fleet = Enumerable.Range(0, Instances)
                .Select(_ => FleetInstance.Start(server.BaseAddress, redis.EndPoint, key, KuaFakeServer.DefaultEmail, KuaFakeServer.DefaultPassword))
                .ToArray();
            try
            {
                await Task.WhenAll(fleet.Select(instance => instance.ReadyAsync()));

                // Cold start: the whole fleet at once, one login.
                await CallEverywhereAsync(fleet, "cold start");
                Assert.Equal(1, server.LoginCount);

                // The token is revoked: 1,600 callers see 401 on 8 instances, one of them logs in again for everyone.
                server.RevokeAllTokens();
                await CallEverywhereAsync(fleet, "after revocation");
                Assert.Equal(2, server.LoginCount);

                // Redis dies while calls are in flight: they keep succeeding on the tokens each instance holds.
                var calls = CallEverywhereAsync(fleet, "Redis killed mid-calls");
                await redis.KillAsync();
                await calls;
                Assert.Equal(2, server.LoginCount);

                // With Redis gone, a revocation costs each instance its own login, and no call fails.
                server.RevokeAllTokens();
                await CallEverywhereAsync(fleet, "revocation without Redis");
                _output.WriteLine("METRIC fleet logins without Redis after a revocation: " + (server.LoginCount - 2));
                Assert.InRange(server.LoginCount - 2, 1, Instances);
            }
            finally
            {
                await Task.WhenAll(fleet.Select(instance => instance.DisposeAsync().AsTask()));
            }
        }

        private async Task CallEverywhereAsync(FleetInstance[] fleet, string phase)
        {
            var started = DateTime.UtcNow;
            await Task.WhenAll(fleet.Select(instance => instance.SendCallsAsync(CallersPerInstance)));
            var results = await Task.WhenAll(fleet.Select(instance => instance.ResultAsync()));
            _output.WriteLine("METRIC " + phase + ": " + results.Sum(r => r.Succeeded) + " calls succeeded, " + results.Sum(r => r.Failed) + " failed in " + (DateTime.UtcNow - started).TotalMilliseconds.ToString("F0", System.Globalization.CultureInfo.InvariantCulture) + " ms");
            Assert.All(results, r => Assert.True(r.Failed == 0 && r.Succeeded == CallersPerInstance, phase + ": " + r.Failed + " calls failed, first: " + r.FirstError));
        }
    }
}
