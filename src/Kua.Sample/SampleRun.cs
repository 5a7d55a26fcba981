using System.Diagnostics;
using Kua.Generated;
using Kua.Testing;

namespace Kua.Sample;

/// <summary>The sample's steps and its exit codes.</summary>
internal static class SampleRun
{
    public const int Success = 0;
    public const int LoginFailed = 2;
    public const int Unreachable = 3;
    public const int ApiError = 4;
    public const int BadSettings = 5;
    public const int Cancelled = 130;

    /// <summary>The runtime traces every login as an activity from this source.</summary>
    private const string LoginActivitySource = "Kua.Generated.Authentication";

    public static async Task<int> RunAsync(SampleSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var logins = 0;
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == LoginActivitySource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStarted = _ => Interlocked.Increment(ref logins),
        };
        ActivitySource.AddActivityListener(listener);

        KuaFakeServer? server = null;
        try
        {
            KuaClientOptions options;
            if (settings.UsesRealApi)
            {
                if (settings.Email is null || settings.Password is null)
                {
                    error.WriteLine("Set both KUA_EMAIL and KUA_PASSWORD to use the real API (or neither, for the embedded fake server).");
                    return BadSettings;
                }

                options = new KuaClientOptions { Email = settings.Email, Password = settings.Password, BaseAddress = settings.BaseAddress };
                output.WriteLine($"Using the Kua API at {settings.BaseAddress ?? KuaClient.DefaultBaseAddress} as {settings.Email}.");
            }
            else
            {
                server = await KuaFakeServer.StartAsync(cancellationToken: cancellationToken);
                options = server.CreateClientOptions();
                output.WriteLine($"No KUA_EMAIL/KUA_PASSWORD set: using the embedded fake Kua server at {server.BaseAddress}");
                output.WriteLine($"(user {KuaFakeServer.DefaultEmail}; set KUA_EMAIL and KUA_PASSWORD to talk to the real API).");
            }

            using var client = new KuaClient(options);

            output.WriteLine();
            output.WriteLine("GET /accounts");
            var account = await client.Accounts.GetAccountAsync(cancellationToken);
            Print(output, account);

            output.WriteLine();
            output.WriteLine("GET /accounts again");
            var again = await client.Accounts.GetAccountAsync(cancellationToken);
            output.WriteLine($"  same account:  {again.Id == account.Id}");
            output.WriteLine($"  logins so far: {Volatile.Read(ref logins)} (the token from the first login was reused)");
            if (server != null)
            {
                output.WriteLine($"  fake server:   {server.LoginCount} login(s), {server.ApiCallCount} API call(s)");
            }

            return Success;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error.WriteLine("Cancelled.");
            return Cancelled;
        }
        catch (KuaAuthenticationException ex) when (ex.Failure == KuaAuthenticationFailure.NetworkError || ex.Failure == KuaAuthenticationFailure.Timeout)
        {
            error.WriteLine($"Could not reach the Kua API to log in: {ex.Message}");
            return Unreachable;
        }
        catch (KuaAuthenticationException ex)
        {
            error.WriteLine($"Login failed ({ex.Failure}, HTTP {ex.StatusCode}): {ex.Message}");
            return LoginFailed;
        }
        catch (KuaApiException ex) when (ex.StatusCode == 0)
        {
            error.WriteLine($"Could not reach the Kua API: {ex.Message}");
            return Unreachable;
        }
        catch (KuaApiException ex)
        {
            error.WriteLine($"The Kua API replied with an error: {ex.Message}");
            return ApiError;
        }
        catch (Exception ex) when (ex is ArgumentException || ex is InvalidOperationException)
        {
            error.WriteLine($"The settings cannot be used: {ex.Message}");
            return BadSettings;
        }
        finally
        {
            if (server != null)
            {
                await server.DisposeAsync();
            }
        }
    }

    private static void Print(TextWriter output, Account account)
    {
        output.WriteLine($"  id:           {account.Id}");
        output.WriteLine($"  email:        {account.Email}");
        output.WriteLine($"  display name: {account.DisplayName ?? "(none)"}");
        output.WriteLine($"  status:       {(account.Status?.ToString() ?? "(unknown)")}");
        output.WriteLine($"  created:      {account.CreatedAt:u}");
    }
}
