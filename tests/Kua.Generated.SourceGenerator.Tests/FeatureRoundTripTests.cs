using System.Reflection;
using System.Text.Json;
using Features;
using Features.Serialization;
using Kua.Generated.Runtime.Json;

namespace Kua.Generated.SourceGenerator.Tests;

/// <summary>
/// JSON round trips for the OpenAPI features of Specs/features.yaml and Specs/features-31.yaml, whose types
/// the generator writes into this test assembly (namespaces Features and Features31; see the csproj).
/// </summary>
public sealed class FeatureRoundTripTests
{
    private const string MinimalHolder = """{"id":"h1","secret":"s"}""";

    /// <summary>Members the spec gives defaults take them when read, so they are written back.</summary>
    private const string WithDefaults = ""","retries":3,"mode":"fast"}""";

    [Theory]
    [InlineData("""{"radius":2,"kind":"round"}""")]
    [InlineData("""{"kind":"round","radius":2}""")]
    public void ExplicitDiscriminatorMappingSelectsTheVariantWhereverTheDiscriminatorIs(string shape)
    {
        var holder = Holder("""{"id":"h1","secret":"s","explicitShape":""" + shape + "}");

        Assert.Equal("round", holder.ExplicitShape!.Kind);
        Assert.True(holder.ExplicitShape.TryGetCircle(out var circle));
        Assert.Equal(2, circle!.Radius);
        Assert.False(holder.ExplicitShape.TryGetSquare(out _));
    }

    [Fact]
    public void ImplicitDiscriminatorMappingUsesTheSchemaNames()
    {
        var holder = Holder("""{"id":"h1","secret":"s","implicitShape":{"side":3,"kind":"Square"}}""");

        Assert.True(holder.ImplicitShape!.TryGetSquare(out var square));
        Assert.Equal(3, square!.Side);
        Assert.False(holder.ImplicitShape.TryGetCircle(out _));
    }

    [Fact]
    public void UnknownDiscriminatorValueSelectsNoVariantAndKeepsTheJson()
    {
        var holder = Holder("""{"id":"h1","secret":"s","explicitShape":{"kind":"hexagon","radius":1,"side":1}}""");

        Assert.Equal("hexagon", holder.ExplicitShape!.Kind);
        Assert.False(holder.ExplicitShape.TryGetCircle(out _));
        Assert.False(holder.ExplicitShape.TryGetSquare(out _));
        Assert.Contains("\"kind\":\"hexagon\"", Write(holder), StringComparison.Ordinal);
    }

    [Fact]
    public void AnyOfWithNullIsANullableReference()
    {
        Assert.Null(Holder("""{"id":"h1","secret":"s","maybeCircle":null}""").MaybeCircle);
        Assert.Equal(4, Holder("""{"id":"h1","secret":"s","maybeCircle":{"kind":"c","radius":4}}""").MaybeCircle!.Radius);
        Assert.Null(typeof(Holder).GetProperty(nameof(Features.Holder.MaybeCircle))!.PropertyType.IsValueType ? "value type" : null);
    }

    [Theory]
    [InlineData("", "Empty")]
    [InlineData("123", "Value123")]
    [InlineData("in-review", "InReview")]
    [InlineData("Active", "Active")]
    [InlineData("active", "Active2")]
    public void AwkwardEnumValuesHaveDistinctMembersAndRoundTrip(string value, string member)
    {
        var holder = Holder("""{"id":"h1","secret":"s","awkward":""" + JsonSerializer.Serialize(value) + "}");

        var expected = (Awkward)typeof(Awkward).GetField(member, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        Assert.Equal(expected, holder.Awkward);
        Assert.Contains("\"awkward\":" + JsonSerializer.Serialize(value), Write(holder), StringComparison.Ordinal);
    }

    [Fact]
    public void NegativeIntegerEnumValuesRoundTrip()
    {
        var holder = Holder("""{"id":"h1","secret":"s","signed":-1}""");

        Assert.Equal(Signed.ValueMinus1, holder.Signed);
        Assert.Contains("\"signed\":-1", Write(holder), StringComparison.Ordinal);
    }

    [Fact]
    public void ConstIsASingleValueEnum()
    {
        Assert.Equal(Fixed.Only, Holder("""{"id":"h1","secret":"s","fixed":"only"}""").Fixed);
        Assert.Equal("only", Fixed.Only.ToString());
    }

    [Fact]
    public void ArraysOfArraysAndNestedMapsRoundTrip()
    {
        const string Json = """{"id":"h1","secret":"s","matrix":[[1,2],[],[3]],"nested":{"a":{"x":9007199254740993},"b":{}}}""";
        var holder = Holder(Json);

        Assert.Equal(new[] { 1, 2 }, holder.Matrix![0]);
        Assert.Empty(holder.Matrix[1]);
        Assert.Equal(9007199254740993L, holder.Nested!["a"]["x"]);
        Assert.Equal(Json[..^1] + WithDefaults, Write(holder));
    }

    [Fact]
    public void RecursiveAndMutuallyRecursiveSchemasRoundTrip()
    {
        const string Json = """{"id":"h1","secret":"s","tree":{"name":"root","children":[{"name":"leaf","children":[]}]},"ping":{"pong":{"ping":{}}}}""";
        var holder = Holder(Json);

        Assert.Equal("leaf", holder.Tree!.Children![0].Name);
        Assert.NotNull(holder.Ping!.Pong!.Ping);
        Assert.Equal(Json[..^1] + WithDefaults, Write(holder));
    }

    [Fact]
    public void InlineObjectIsNamedFromItsContext()
    {
        var holder = Holder("""{"id":"h1","secret":"s","address":{"city":"Oslo"}}""");

        Assert.IsType<HolderAddress>(holder.Address);
        Assert.Equal("Oslo", holder.Address!.City);
    }

    [Fact]
    public void AllOfOfTwoReferencesInheritsTheFirstAndCopiesTheSecond()
    {
        var composed = KuaJson.Deserialize("""{"label":"l","at":"2024-05-01T10:00:00Z","size":2}""", FeaturesClientJson.ComposedJson);

        Assert.IsAssignableFrom<Named>(composed);
        Assert.Equal("l", composed.Label);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero), composed.At);
        Assert.Equal(2, composed.Size);
        var error = Assert.ThrowsAny<JsonException>(() => KuaJson.Deserialize("""{"label":"l"}""", FeaturesClientJson.ComposedJson));
        Assert.Contains("'size'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadOnlyIsNotRequiredWhenWritingAndWriteOnlyIsNotRequiredWhenReading()
    {
        var read = Holder("""{"id":"h1"}""");
        Assert.Equal("h1", read.Id);

        var written = Write(new Holder { Secret = "s" });
        Assert.Equal("""{"secret":"s","retries":3,"mode":"fast"}""", written);
    }

    [Fact]
    public void DefaultsApplyWhenTheServerLeavesMembersOut()
    {
        var holder = Holder(MinimalHolder);

        Assert.Equal(3, holder.Retries);
        Assert.Equal("fast", holder.Mode);
        Assert.Equal(5, Holder("""{"id":"h1","secret":"s","retries":5}""").Retries);
    }

    [Fact]
    public void DeprecatedMemberIsObsolete()
    {
        Assert.NotNull(typeof(Holder).GetProperty("Old")!.GetCustomAttribute<ObsoleteAttribute>());
    }

    [Fact]
    public void OpenApi31TypeListsWithNullAreNullable()
    {
        var item = KuaJson.Deserialize("""{"name":"n","note":null,"count":null,"tag":"fixed"}""", Features31.Serialization.Features31ClientJson.ItemJson);

        Assert.Null(item.Note);
        Assert.Null(item.Count);
        Assert.Equal(typeof(long?), typeof(Features31.Item).GetProperty("Count")!.PropertyType);
        Assert.Equal("""{"name":"n","note":null,"tag":"fixed"}""", KuaJson.Serialize(item, Features31.Serialization.Features31ClientJson.ItemJson));
        var error = Assert.ThrowsAny<JsonException>(() => KuaJson.Deserialize("""{"name":null,"note":null}""", Features31.Serialization.Features31ClientJson.ItemJson));
        Assert.Contains("'name'", error.Message, StringComparison.Ordinal);
    }

    private static Holder Holder(string json) => KuaJson.Deserialize(json, FeaturesClientJson.HolderJson);

#pragma warning disable CS0618 // the deprecated member is written like any other
    private static string Write(Holder holder) => KuaJson.Serialize(holder, FeaturesClientJson.HolderJson);
#pragma warning restore CS0618
}
