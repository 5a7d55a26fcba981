class Kua.Account
    public AccountStatus? Status
    public required DateTimeOffset CreatedAt
    public required string Email
    public required string Id
    public string? DisplayName
struct Kua.AccountStatus
    public AccountStatus(string value)
    public bool Equals(AccountStatus other)
    public override bool Equals(object? obj)
    public override int GetHashCode()
    public override string ToString()
    public static bool operator !=(AccountStatus left, AccountStatus right)
    public static bool operator ==(AccountStatus left, AccountStatus right)
    public static implicit operator AccountStatus(string value)
    public static readonly AccountStatus Active
    public static readonly AccountStatus Pending
    public static readonly AccountStatus Suspended
class Kua.AccountsClient
    protected AccountsClient()
    public virtual Task<Account> GetAccountAsync(CancellationToken cancellationToken = default(CancellationToken))
    public virtual Task<KuaResponse<Account>> GetAccountWithResponseAsync(CancellationToken cancellationToken = default(CancellationToken))
class Kua.AuthenticationToken
    public long? ExpiresIn
    public required string AccessToken
    public string? TokenFormat
    public string? TokenType
class Kua.Error
    public List<ErrorDetail>? Details
    public required string Message
    public string? Code
class Kua.ErrorDetail
    public required string Message
    public string? Field
class Kua.KuaClient
    protected KuaClient()
    protected virtual void Dispose(bool disposing)
    public KuaClient(HttpClient httpClient)
    public KuaClient(HttpClient httpClient, KuaReadOptions reading)
    public KuaClient(KuaClientOptions options)
    public static Uri DefaultBaseAddress
    public virtual AccountsClient Accounts
    public virtual SessionsClient Sessions
    public void Dispose()
class Kua.LoginRequest
    public required string Email
    public required string Password
class Kua.SessionsClient
    protected SessionsClient()
    public virtual Task<AuthenticationToken> CreateEmailSessionAsync(LoginRequest body, CancellationToken cancellationToken = default(CancellationToken))
    public virtual Task<KuaResponse<AuthenticationToken>> CreateEmailSessionWithResponseAsync(LoginRequest body, CancellationToken cancellationToken = default(CancellationToken))
static class Microsoft.Extensions.DependencyInjection.KuaClientServiceCollectionExtensions
    public static IHttpClientBuilder AddKuaClient(IServiceCollection services, Action<KuaClientOptions> configure)
