//----- Consumer.AdditionalPropertiesType.g.cs
public partial class AdditionalPropertiesType
public string? Id { get; set; }
public global::System.Collections.Generic.Dictionary<string, string>? AdditionalProperties { get; set; }
//----- Consumer.Class.g.cs
public partial class Class
public string? Namespace { get; set; }
//----- Consumer.IdentifiersTheOddAPIClient.Json.g.cs

//----- Consumer.IdentifiersTheOddAPIClient.g.cs
public partial class IdentifiersTheOddAPIClient : global::System.IDisposable
public static global::System.Uri? DefaultBaseAddress => null;
public IdentifiersTheOddAPIClient(global::System.Net.Http.HttpClient httpClient)
public IdentifiersTheOddAPIClient(global::System.Net.Http.HttpClient httpClient, global::Kua.Generated.KuaReadOptions reading)
public virtual global::Consumer.DefaultClient Default { get; }
public virtual global::Consumer.SystemClient System { get; }
public virtual global::System.Threading.Tasks.Task<global::Consumer._2fa> GetUntaggedAsync(global::System.Threading.CancellationToken cancellationToken = default) =>
public virtual global::System.Threading.Tasks.Task<global::Kua.Generated.KuaResponse<global::Consumer._2fa>> GetUntaggedWithResponseAsync(global::System.Threading.CancellationToken cancellationToken = default) =>
public void Dispose()
public partial class DefaultClient
public virtual global::System.Threading.Tasks.Task<global::Consumer.Item> GetItemAsync(string @class, string? request = null, string? cancellationToken2 = null, global::System.Collections.Generic.IEnumerable<string>? item = null, string? _2nd = null, string? userName = null, string? userName2 = null, global::System.Threading.CancellationToken cancellationToken = default) =>
public virtual global::System.Threading.Tasks.Task<global::Kua.Generated.KuaResponse<global::Consumer.Item>> GetItemWithResponseAsync(string @class, string? request = null, string? cancellationToken2 = null, global::System.Collections.Generic.IEnumerable<string>? item = null, string? _2nd = null, string? userName = null, string? userName2 = null, global::System.Threading.CancellationToken cancellationToken = default) =>
public virtual global::System.Threading.Tasks.Task GetItemDeleteAsync(string @class, global::System.Threading.CancellationToken cancellationToken = default) =>
public virtual global::System.Threading.Tasks.Task<global::Kua.Generated.KuaResponse> GetItemDeleteWithResponseAsync(string @class, global::System.Threading.CancellationToken cancellationToken = default) =>
public partial class SystemClient
public virtual global::System.Threading.Tasks.Task<global::System.Collections.Generic.List<global::Consumer.Task>> DeleteAsync(global::System.Threading.CancellationToken cancellationToken = default) =>
public virtual global::System.Threading.Tasks.Task<global::Kua.Generated.KuaResponse<global::System.Collections.Generic.List<global::Consumer.Task>>> DeleteWithResponseAsync(global::System.Threading.CancellationToken cancellationToken = default) =>
public virtual global::System.Collections.Generic.IAsyncEnumerable<global::Consumer.Task> DeleteStreamAsync(global::System.Threading.CancellationToken cancellationToken = default) =>
public virtual global::System.Threading.Tasks.Task<global::Consumer.Object> DisposeAsync(global::Consumer.System? body = null, global::System.Threading.CancellationToken cancellationToken = default) =>
public virtual global::System.Threading.Tasks.Task<global::Kua.Generated.KuaResponse<global::Consumer.Object>> DisposeWithResponseAsync(global::Consumer.System? body = null, global::System.Threading.CancellationToken cancellationToken = default) =>
public static partial class IdentifiersTheOddAPIClientServiceCollectionExtensions
public static global::Microsoft.Extensions.DependencyInjection.IHttpClientBuilder AddIdentifiersTheOddAPIClient(this global::Microsoft.Extensions.DependencyInjection.IServiceCollection services, global::System.Action<global::System.Net.Http.HttpClient>? configure = null, global::Kua.Generated.KuaReadMode readMode = global::Kua.Generated.KuaReadMode.Strict)
//----- Consumer.Item.g.cs
public partial class Item
public string? Item2 { get; set; }
public string? Class { get; set; }
public string? _1st { get; set; }
public string? AB { get; set; }
public string? AB2 { get; set; }
public string? Type { get; set; }
public string? Equals2 { get; set; }
public string? ToString2 { get; set; }
public long? Größe { get; set; }
public string? Name { get; set; }
public string? Name2 { get; set; }
//----- Consumer.JsonType.g.cs
public sealed partial class JsonType
public global::System.Text.Json.JsonElement Json { get; }
public static JsonType FromJson(global::System.Text.Json.JsonElement json) => new JsonType(json.Clone());
public static JsonType FromString(string value) => new JsonType(global::Kua.Generated.Runtime.Json.KuaJson.ToElement(value, global::Kua.Generated.Runtime.Json.KuaJsonConverters.String));
public bool TryGetString(out string? value)
public static JsonType FromDouble(double value) => new JsonType(global::Kua.Generated.Runtime.Json.KuaJson.ToElement(value, global::Kua.Generated.Runtime.Json.KuaJsonConverters.Double));
public bool TryGetDouble(out double value)
public TResult Match<TResult>(global::System.Func<string, TResult> onString, global::System.Func<double, TResult> onDouble, global::System.Func<global::System.Text.Json.JsonElement, TResult> onUnknown)
//----- Consumer.Object.g.cs
public partial class Object
public string? Value { get; set; }
//----- Consumer.Serialization2.g.cs
public partial class Serialization2
public string? Value { get; set; }
//----- Consumer.System.g.cs
public partial class System
public Object? Object { get; set; }
public string? String { get; set; }
//----- Consumer.Task.g.cs
public partial class Task
public string? Task2 { get; set; }
//----- Consumer.UserProfile.g.cs
public partial class UserProfile
public string? Id { get; set; }
//----- Consumer.UserProfile2.g.cs
public partial class UserProfile2
public string? Id { get; set; }
//----- Consumer.Userprofile3.g.cs
public partial class Userprofile3
public string? Id { get; set; }
//----- Consumer._2fa.g.cs
public partial class _2fa
public string? Code { get; set; }
//----- Consumer.Ünïcödé.g.cs
public readonly partial struct Ünïcödé : global::System.IEquatable<Ünïcödé>, global::Kua.Generated.Runtime.Json.IKuaStringEnum<Ünïcödé>
public Ünïcödé(string value)
public static readonly Ünïcödé Ä = new Ünïcödé("ä");
public static readonly Ünïcödé Ö = new Ünïcödé("ö");
public static bool operator ==(Ünïcödé left, Ünïcödé right) => left.Equals(right);
public static bool operator !=(Ünïcödé left, Ünïcödé right) => !left.Equals(right);
public static implicit operator Ünïcödé(string value) => new Ünïcödé(value);
public bool Equals(Ünïcödé other) => string.Equals(_value, other._value, global::System.StringComparison.Ordinal);
