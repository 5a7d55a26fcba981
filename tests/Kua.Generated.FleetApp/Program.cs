using System;
using System.Linq;
using System.Threading.Tasks;
using Kua;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

// One instance of a fleet: KuaClient with the distributed token cache. Arguments: the API's base address, the Redis
// endpoint, the base64 encryption key, the email and the password. Commands on stdin: "call N" runs N concurrent calls
// and answers "done <succeeded> <failed> <first error>"; end of input stops the process.
if (args.Length != 5)
{
    Console.Error.WriteLine("usage: Kua.Generated.FleetApp <base address> <redis host:port> <base64 key> <email> <password>");
    return 2;
}

var services = new ServiceCollection();
services.AddStackExchangeRedisCache(redis => redis.ConfigurationOptions = new ConfigurationOptions
{
    EndPoints = { args[1] },
    AbortOnConnectFail = false,
    ConnectTimeout = 1000,
    AsyncTimeout = 1000,
    SyncTimeout = 1000,

    // A Redis that is gone fails each command at once instead of queueing it until the timeout.
    BacklogPolicy = BacklogPolicy.FailFast,
});
services.AddKuaClient(options =>
{
    options.BaseAddress = new Uri(args[0]);
    options.AllowInsecureLoopback = true;
    options.Email = args[3];
    options.Password = args[4];
})
.AddDistributedTokenCache(cache =>
{
    cache.EncryptionKey = args[2];

    // Eight processes on a busy 2-core CI machine: a login may take seconds, and a waiter that gave up would log in too.
    cache.LockWait = TimeSpan.FromSeconds(45);
});

await using var provider = services.BuildServiceProvider();
var client = provider.GetRequiredService<KuaClient>();
Console.WriteLine("ready");

string? line;
while ((line = Console.ReadLine()) != null)
{
    if (!line.StartsWith("call ", StringComparison.Ordinal))
    {
        continue;
    }

    var count = int.Parse(line.Substring(5), System.Globalization.CultureInfo.InvariantCulture);
    var calls = Enumerable.Range(0, count).Select(_ => Task.Run(async () =>
    {
        try
        {
            await client.Accounts.GetAccountAsync();
            return null;
        }
        catch (Exception ex)
        {
            return ex.GetType().Name + ": " + ex.Message.Replace('\n', ' ');
        }
    })).ToArray();
    var errors = (await Task.WhenAll(calls)).Where(e => e != null).ToList();
    Console.WriteLine("done " + (count - errors.Count) + " " + errors.Count + " " + (errors.FirstOrDefault() ?? "-"));
}

return 0;
