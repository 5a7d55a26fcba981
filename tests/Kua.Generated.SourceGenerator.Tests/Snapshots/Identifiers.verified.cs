//----- Consumer.IdentifiersTheOddAPIClient.Models.A1.g.cs
public partial class AdditionalPropertiesType
public string? Id { get; set; }
public global::System.Collections.Generic.Dictionary<string, string>? AdditionalProperties { get; set; }
public sealed class AdditionalPropertiesTypeJsonConverter : global::System.Text.Json.Serialization.JsonConverter<global::Consumer.AdditionalPropertiesType>
//----- Consumer.IdentifiersTheOddAPIClient.Models.C1.g.cs
public partial class Class
public string? Namespace { get; set; }
public sealed class ClassJsonConverter : global::System.Text.Json.Serialization.JsonConverter<global::Consumer.Class>
//----- Consumer.IdentifiersTheOddAPIClient.Models.I1.g.cs
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
public sealed class ItemJsonConverter : global::System.Text.Json.Serialization.JsonConverter<global::Consumer.Item>
//----- Consumer.IdentifiersTheOddAPIClient.Models.J1.g.cs
public sealed partial class JsonType
public global::System.Text.Json.JsonElement Json { get; }
public static JsonType FromJson(global::System.Text.Json.JsonElement json) => new JsonType(json.Clone());
public static JsonType FromString(string value) => new JsonType(global::Kua.Generated.Runtime.Json.KuaJson.ToElement(value, global::Kua.Generated.Runtime.Json.KuaJsonConverters.String));
public bool TryGetString(out string? value)
public static JsonType FromDouble(double value) => new JsonType(global::Kua.Generated.Runtime.Json.KuaJson.ToElement(value, global::Kua.Generated.Runtime.Json.KuaJsonConverters.Double));
public bool TryGetDouble(out double value)
public sealed class JsonTypeJsonConverter : global::System.Text.Json.Serialization.JsonConverter<global::Consumer.JsonType>
//----- Consumer.IdentifiersTheOddAPIClient.Models.O1.g.cs
public partial class Object
public string? Value { get; set; }
public sealed class ObjectJsonConverter : global::System.Text.Json.Serialization.JsonConverter<global::Consumer.Object>
//----- Consumer.IdentifiersTheOddAPIClient.Models.S1.g.cs
public partial class Serialization2
public string? Value { get; set; }
public sealed class Serialization2JsonConverter : global::System.Text.Json.Serialization.JsonConverter<global::Consumer.Serialization2>
public partial class System
public global::Consumer.Object? Object { get; set; }
public string? String { get; set; }
public sealed class SystemJsonConverter : global::System.Text.Json.Serialization.JsonConverter<global::Consumer.System>
//----- Consumer.IdentifiersTheOddAPIClient.Models.T1.g.cs
public partial class Task
public string? Task2 { get; set; }
public sealed class TaskJsonConverter : global::System.Text.Json.Serialization.JsonConverter<global::Consumer.Task>
//----- Consumer.IdentifiersTheOddAPIClient.Models.U1.g.cs
public partial class UserProfile
public string? Id { get; set; }
public sealed class UserProfileJsonConverter : global::System.Text.Json.Serialization.JsonConverter<global::Consumer.UserProfile>
public partial class UserProfile2
public string? Id { get; set; }
public sealed class UserProfile2JsonConverter : global::System.Text.Json.Serialization.JsonConverter<global::Consumer.UserProfile2>
public partial class Userprofile3
public string? Id { get; set; }
public sealed class Userprofile3JsonConverter : global::System.Text.Json.Serialization.JsonConverter<global::Consumer.Userprofile3>
//----- Consumer.IdentifiersTheOddAPIClient.Models._1.g.cs
public partial class _2fa
public string? Code { get; set; }
public sealed class _2faJsonConverter : global::System.Text.Json.Serialization.JsonConverter<global::Consumer._2fa>
public readonly partial struct Ünïcödé : global::System.IEquatable<Ünïcödé>
public Ünïcödé(string value)
public static Ünïcödé Ä { get; } = new Ünïcödé("ä");
public static Ünïcödé Ö { get; } = new Ünïcödé("ö");
public static bool operator ==(Ünïcödé left, Ünïcödé right) => left.Equals(right);
public static bool operator !=(Ünïcödé left, Ünïcödé right) => !left.Equals(right);
public static implicit operator Ünïcödé(string value) => new Ünïcödé(value);
public bool Equals(Ünïcödé other) => string.Equals(_value, other._value, global::System.StringComparison.Ordinal);
public sealed class ÜnïcödéJsonConverter : global::System.Text.Json.Serialization.JsonConverter<global::Consumer.Ünïcödé>
//----- Consumer.IdentifiersTheOddAPIClient.g.cs
public partial class IdentifiersTheOddAPIClient : global::System.IDisposable
public static global::System.Uri? DefaultBaseAddress => null;
public IdentifiersTheOddAPIClient(global::System.Net.Http.HttpClient httpClient)
public virtual global::Consumer.DefaultClient Default { get; }
public virtual global::Consumer.SystemClient System { get; }
public virtual async global::System.Threading.Tasks.Task<global::Consumer._2fa> GetUntaggedAsync(global::System.Threading.CancellationToken cancellationToken = default)
public void Dispose()
public partial class DefaultClient
public virtual async global::System.Threading.Tasks.Task<global::Consumer.Item> GetItemAsync(string @class, string? request2 = null, string? cancellationToken2 = null, global::System.Collections.Generic.IEnumerable<string>? item2 = null, string? _2nd = null, string? userName = null, string? userName2 = null, global::System.Threading.CancellationToken cancellationToken = default)
public virtual async global::System.Threading.Tasks.Task GetItemDeleteAsync(string @class, global::System.Threading.CancellationToken cancellationToken = default)
public partial class SystemClient
public virtual async global::System.Threading.Tasks.Task<global::System.Collections.Generic.List<global::Consumer.Task>> DeleteAsync(global::System.Threading.CancellationToken cancellationToken = default)
public virtual async global::System.Threading.Tasks.Task<global::Consumer.Object> DisposeAsync(global::Consumer.System? body = null, global::System.Threading.CancellationToken cancellationToken = default)
public static partial class IdentifiersTheOddAPIClientServiceCollectionExtensions
public static global::Microsoft.Extensions.DependencyInjection.IHttpClientBuilder AddIdentifiersTheOddAPIClient(this global::Microsoft.Extensions.DependencyInjection.IServiceCollection services, global::System.Action<global::System.Net.Http.HttpClient>? configure = null)
