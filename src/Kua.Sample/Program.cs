// Kua.Sample: log in to Kua, read the account twice, and show that one login served both calls.
//
//   dotnet run --project src/Kua.Sample                       embedded fake Kua server on 127.0.0.1
//   KUA_EMAIL=… KUA_PASSWORD=… dotnet run --project src/Kua.Sample     the real API (KUA_BASE_URL optional)
using Kua.Sample;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return await SampleRun.RunAsync(SampleSettings.FromEnvironment(), Console.Out, Console.Error, cancellation.Token);
