using System.Globalization;
using Kua.Testing;

namespace Kua.Generated.PackageTests.Infrastructure;

/// <summary>
/// A <see cref="KuaFakeServer"/> in the test process with an account made up for this test, so that what a consumer
/// program prints can only come from the server, and the environment that tells the program where and who to log in.
/// </summary>
internal sealed class FakeKua : IAsyncDisposable
{
    private FakeKua(KuaFakeServer server, KuaFakeUser user)
    {
        Server = server;
        User = user;
    }

    public KuaFakeServer Server { get; }

    public KuaFakeUser User { get; }

    /// <summary>What <see cref="ConsumerPrograms.Kua"/> prints for this account.</summary>
    public string ExpectedLine => "account: " + User.Id + " " + User.Email + " " + User.DisplayName + " " + User.CreatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>KUA_E2E_BASE_URL, KUA_E2E_EMAIL, KUA_E2E_PASSWORD for the consumer program.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["KUA_E2E_BASE_URL"] = Server.BaseAddress.ToString(),
        ["KUA_E2E_EMAIL"] = User.Email,
        ["KUA_E2E_PASSWORD"] = User.Password,
    };

    public static async Task<FakeKua> StartAsync()
    {
        var tag = Guid.NewGuid().ToString("N");
        var user = new KuaFakeUser("e2e-" + tag[..10] + "@kua.test", "pw-" + tag[10..], "E2E-" + tag[..4], "acc_" + tag[20..])
        {
            CreatedAt = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(Random.Shared.Next(0, 2000)),
        };
        var server = await KuaFakeServer.StartAsync();
        server.AddUser(user);
        return new FakeKua(server, user);
    }

    /// <summary>The program printed the account and exited with 0; the server saw one login and one API call per run.</summary>
    public void AssertServed(CommandResult run, int runs = 1)
    {
        run.AssertSuccess();
        Assert.True(run.Lines.Contains(ExpectedLine), "Expected the line '" + ExpectedLine + "'. " + run.Describe());
        Assert.Equal(runs, Server.LoginCount);
        Assert.Equal(runs, Server.SuccessfulLoginCount);
        Assert.Equal(runs, Server.ApiCallCount);
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
