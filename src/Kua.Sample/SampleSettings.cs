namespace Kua.Sample;

/// <summary>Where the sample logs in: the real API when credentials are given, else the embedded fake server.</summary>
internal sealed record SampleSettings(string? Email, string? Password, Uri? BaseAddress)
{
    public bool UsesRealApi => Email != null || Password != null;

    public static SampleSettings FromEnvironment()
    {
        var baseUrl = Value("KUA_BASE_URL");
        return new SampleSettings(
            Value("KUA_EMAIL"),
            Value("KUA_PASSWORD"),
            baseUrl is null ? null : new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/", UriKind.Absolute));
    }

    private static string? Value(string name)
    {
        var value = Environment.GetEnvironmentVariable(name);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
