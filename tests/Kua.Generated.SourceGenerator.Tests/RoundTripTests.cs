using System.Text.Json;
using Kua.Generated.Runtime.Json;
using RoundTrip;
using Record = RoundTrip.Record;
using RoundTrip.Serialization;

namespace Kua.Generated.SourceGenerator.Tests;

/// <summary>
/// JSON round trips through generated DTOs and converters. The types come from Specs/roundtrip.yaml, which
/// this project feeds to the generator as an analyzer (see the csproj): the tests are plain C# against
/// generated code, compiled by the real compiler through the MSBuild contract.
/// </summary>
public sealed class RoundTripTests
{
    private const string Minimal = """{"id":"r1","name":"n","count":1,"big":2}""";

    [Fact]
    public void UnknownStringEnumValueIsKeptAndWrittenBack()
    {
        var record = Read("""{"id":"r1","name":null,"count":1,"big":2,"status":"archived"}""");

        Assert.NotNull(record.Status);
        Assert.Equal("archived", record.Status.Value.ToString());
        Assert.NotEqual(Status.Active, record.Status.Value);
        Assert.NotEqual(Status.Suspended, record.Status.Value);
        Assert.Contains("\"status\":\"archived\"", Write(record), StringComparison.Ordinal);
    }

    [Fact]
    public void KnownStringEnumValueEqualsItsMember()
    {
        var record = Read("""{"id":"r1","name":null,"count":1,"big":2,"status":"suspended"}""");

        Assert.Equal(Status.Suspended, record.Status);
    }

    [Fact]
    public void UnknownIntegerEnumValueIsKeptAndWrittenBack()
    {
        var record = Read("""{"id":"r1","name":null,"count":1,"big":2,"level":42}""");

        Assert.Equal(42, (int)record.Level!.Value);
        Assert.False(Enum.IsDefined(record.Level.Value));
        Assert.Contains("\"level\":42", Write(record), StringComparison.Ordinal);
    }

    [Fact]
    public void MissingOptionalMembersReadAsNullAndAreNotWritten()
    {
        var record = Read(Minimal);

        Assert.Null(record.Small);
        Assert.Null(record.Status);
        Assert.Null(record.Level);
        Assert.Null(record.Note);
        Assert.Null(record.When);
        Assert.Null(record.Day);
        Assert.Null(record.Tags);
        Assert.Null(record.Labels);
        Assert.Null(record.Child);
        Assert.Null(record.Pet);
        Assert.Null(record.Value);
        Assert.Equal(Minimal, Write(record));
    }

    [Fact]
    public void ExplicitNullInARequiredNullableMemberIsKeptAndWritten()
    {
        var record = Read("""{"id":"r1","name":null,"count":1,"big":2}""");

        Assert.Null(record.Name);
        Assert.Equal("""{"id":"r1","name":null,"count":1,"big":2}""", Write(record));
    }

    [Fact]
    public void ExplicitNullInAnOptionalMemberReadsAsAbsent()
    {
        var record = Read("""{"id":"r1","name":"n","count":1,"big":2,"note":null,"status":null,"child":null,"tags":null}""");

        Assert.Null(record.Note);
        Assert.Null(record.Status);
        Assert.Null(record.Child);
        Assert.Null(record.Tags);
        Assert.Equal(Minimal, Write(record));
    }

    [Fact]
    public void ExplicitNullInARequiredNonNullableMemberIsAClearError()
    {
        var error = Assert.ThrowsAny<JsonException>(() => Read("""{"id":null,"name":"n","count":1,"big":2}"""));

        Assert.Contains("'id'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Record", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(long.MaxValue, long.MinValue)]
    [InlineData(long.MinValue, long.MaxValue)]
    [InlineData(0L, -1L)]
    public void Int64ExtremesRoundTripExactly(long big, long small)
    {
        var json = "{\"id\":\"r1\",\"name\":\"n\",\"count\":1,\"big\":" + big + ",\"small\":" + small + "}";

        var record = Read(json);

        Assert.Equal(big, record.Big);
        Assert.Equal(small, record.Small);
        Assert.Equal(json, Write(record));
    }

    [Theory]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775809")]
    [InlineData("1.5")]
    [InlineData("\"12\"")]
    public void OutOfRangeOrNonIntegerInt64IsAnErrorNamingTheMember(string value)
    {
        var error = Assert.ThrowsAny<JsonException>(() => Read("{\"id\":\"r1\",\"name\":\"n\",\"count\":1,\"big\":" + value + "}"));

        Assert.Contains("big", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Int32OverflowIsAnErrorNamingTheMember()
    {
        var error = Assert.ThrowsAny<JsonException>(() => Read("""{"id":"r1","name":"n","count":2147483648,"big":2}"""));

        Assert.Contains("count", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownPropertiesAreIgnored()
    {
        var record = Read("""{"extra":{"deep":[1,2,{"x":null}],"s":"}"},"id":"r1","name":"n","more":[[],{}],"count":1,"big":2,"last":true}""");

        Assert.Equal("r1", record.Id);
        Assert.Equal(1, record.Count);
        Assert.Equal(2, record.Big);
        Assert.Equal(Minimal, Write(record));
    }

    [Theory]
    [InlineData("""{"name":"n","count":1,"big":2}""", "id")]
    [InlineData("""{"id":"r1","count":1,"big":2}""", "name")]
    [InlineData("""{"id":"r1","name":"n","big":2}""", "count")]
    [InlineData("""{"id":"r1","name":"n","count":1}""", "big")]
    public void MissingRequiredMemberIsAClearErrorNamingIt(string json, string member)
    {
        var error = Assert.ThrowsAny<JsonException>(() => Read(json));

        Assert.Contains("'" + member + "'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Record", error.Message, StringComparison.Ordinal);
        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingRequiredMemberOfANestedObjectNamesIt()
    {
        var error = Assert.ThrowsAny<JsonException>(() => Read("""{"id":"r1","name":"n","count":1,"big":2,"child":{}}"""));

        Assert.Contains("'label'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Child", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequiredMemberLeftNullIsAClearErrorWhenWriting()
    {
        var record = new Record { Id = null!, Name = null, Count = 1, Big = 2 };

        var error = Assert.ThrowsAny<JsonException>(() => Write(record));

        Assert.Contains("'id'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryMemberRoundTrips()
    {
        const string json = """{"id":"r1","name":"Ann","count":-3,"big":9007199254740993,"small":-1,"status":"active","level":2,"note":"é \"q\"","when":"2024-02-29T23:59:59.123+05:30","day":"2024-02-29","ratio":0.1,"amount":79228162514264337593543950335,"tags":["a","","c"],"labels":{"k":"v","":"empty"},"child":{"label":"c"},"pet":{"petType":"cat","name":"Tom","indoor":true},"value":42}""";

        var record = Read(json);

        Assert.Equal(-3, record.Count);
        Assert.Equal(9007199254740993L, record.Big);
        Assert.Equal(Status.Active, record.Status);
        Assert.Equal(Level.Value2, record.Level);
        Assert.Equal("é \"q\"", record.Note);
        Assert.Equal(new DateTimeOffset(2024, 2, 29, 23, 59, 59, 123, TimeSpan.FromHours(5.5)), record.When);
        Assert.Equal(new DateOnly(2024, 2, 29), record.Day);
        Assert.Equal(0.1, record.Ratio);
        Assert.Equal(decimal.MaxValue, record.Amount);
        Assert.Equal(new[] { "a", "", "c" }, record.Tags);
        Assert.Equal("empty", record.Labels![""]);
        Assert.Equal("c", record.Child!.Label);
        var cat = Assert.IsType<Cat>(record.Pet);
        Assert.True(cat.Indoor);
        Assert.Equal("Tom", cat.Name);

        var again = Read(Write(record));
        Assert.Equal(Write(record), Write(again));
        Assert.Equal(record.Big, again.Big);
        Assert.Equal(record.When, again.When);
        Assert.Equal(record.Amount, again.Amount);
        Assert.Equal("cat", JsonDocument.Parse(Write(record)).RootElement.GetProperty("pet").GetProperty("petType").GetString());
    }

    [Fact]
    public void AdditionalPropertiesAreKeptAndWrittenBack()
    {
        var bag = KuaJson.Deserialize("""{"a":"1","id":"b1","z":""}""", RoundTripClientJson.BagJson);

        Assert.Equal("b1", bag.Id);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "1", ["z"] = "" }, bag.AdditionalProperties);
        Assert.Equal("""{"id":"b1","a":"1","z":""}""", KuaJson.Serialize(bag, RoundTripClientJson.BagJson));
    }

    [Fact]
    public void AdditionalPropertyOfTheWrongTypeIsAnErrorNamingIt()
    {
        var error = Assert.ThrowsAny<JsonException>(() => KuaJson.Deserialize("""{"id":"b1","n":5}""", RoundTripClientJson.BagJson));

        Assert.Contains("n", error.Message, StringComparison.Ordinal);
        Assert.Contains("Bag", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FormatsRoundTrip()
    {
        const string json = """{"uuid":"0f8fad5b-d9cb-469f-a165-70867728950e","uri":"https://example.test/a?b=c","bytes":"AAEC/w==","time":"13:45:30.5","duration":"P1DT2H3M4S","single":1.5,"number":-0.25,"date":"0001-01-01"}""";

        var formats = KuaJson.Deserialize(json, RoundTripClientJson.FormatsJson);

        Assert.Equal(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), formats.Uuid);
        Assert.Equal(new Uri("https://example.test/a?b=c"), formats.Uri);
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, formats.Bytes);
        Assert.Equal(new TimeOnly(13, 45, 30, 500), formats.Time);
        Assert.Equal(new TimeSpan(1, 2, 3, 4), formats.Duration);
        Assert.Equal(1.5f, formats.Single);
        Assert.Equal(-0.25, formats.Number);
        Assert.Equal(DateOnly.MinValue, formats.Date);
        var again = KuaJson.Deserialize(KuaJson.Serialize(formats, RoundTripClientJson.FormatsJson), RoundTripClientJson.FormatsJson);
        Assert.Equal(KuaJson.Serialize(formats, RoundTripClientJson.FormatsJson), KuaJson.Serialize(again, RoundTripClientJson.FormatsJson));
        Assert.Equal(formats.Time, again.Time);
        Assert.Equal(formats.Duration, again.Duration);
        Assert.Equal(formats.Bytes, again.Bytes);
    }

    [Fact]
    public void DiscriminatorSelectsTheSubtype()
    {
        var dog = KuaJson.Deserialize("""{"barks":true,"name":"Rex","petType":"dog"}""", RoundTripClientJson.PetJson);
        var cat = KuaJson.Deserialize("""{"petType":"cat"}""", RoundTripClientJson.PetJson);

        Assert.True(Assert.IsType<Dog>(dog).Barks);
        Assert.Equal("Rex", dog.Name);
        Assert.IsType<Cat>(cat);
    }

    [Fact]
    public void UnknownDiscriminatorValueReadsAsTheBaseType()
    {
        var pet = KuaJson.Deserialize("""{"petType":"fish","name":"Nemo","fins":2}""", RoundTripClientJson.PetJson);

        Assert.IsType<Pet>(pet);
        Assert.Equal("fish", pet.PetType);
        Assert.Equal("Nemo", pet.Name);
    }

    [Fact]
    public void SubtypeMissingItsOwnRequiredMemberIsAClearError()
    {
        var error = Assert.ThrowsAny<JsonException>(() => KuaJson.Deserialize("""{"petType":"dog"}""", RoundTripClientJson.PetJson));

        Assert.Contains("'barks'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Dog", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SubtypeWritesItsDiscriminatorThroughTheBaseConverter()
    {
        var json = KuaJson.Serialize<Pet>(new Dog { Barks = false, Name = "Rex" }, RoundTripClientJson.PetJson);

        using var document = JsonDocument.Parse(json);
        Assert.Equal("dog", document.RootElement.GetProperty("petType").GetString());
        Assert.False(document.RootElement.GetProperty("barks").GetBoolean());
    }

    [Fact]
    public void SubtypeOfASubtypeKeepsItsOwnMembers()
    {
        var json = KuaJson.Serialize<Pet>(new Kitten { AgeInWeeks = 9, Indoor = true, Name = "Tom" }, RoundTripClientJson.PetJson);

        using (var document = JsonDocument.Parse(json))
        {
            Assert.Equal("kitten", document.RootElement.GetProperty("petType").GetString());
            Assert.Equal(9, document.RootElement.GetProperty("ageInWeeks").GetInt32());
            Assert.True(document.RootElement.GetProperty("indoor").GetBoolean());
        }

        var kitten = Assert.IsType<Kitten>(KuaJson.Deserialize(json, RoundTripClientJson.PetJson));
        Assert.Equal(9, kitten.AgeInWeeks);
        Assert.True(kitten.Indoor);
    }

    [Fact]
    public void UnionDoesNotSilentlyPickAVariant()
    {
        var text = Read("""{"id":"r1","name":"n","count":1,"big":2,"value":"abc"}""").Value!;
        var number = Read("""{"id":"r1","name":"n","count":1,"big":2,"value":9223372036854775807}""").Value!;

        Assert.True(text.TryGetString(out var s));
        Assert.Equal("abc", s);
        Assert.False(text.TryGetInt64(out _));
        Assert.True(number.TryGetInt64(out var n));
        Assert.Equal(long.MaxValue, n);
        Assert.False(number.TryGetString(out _));
    }

    [Fact]
    public void UnionMatchCallsTheFunctionOfTheVariantTheValueReadsAsOrTheUnknownOne()
    {
        var text = Read("""{"id":"r1","name":"n","count":1,"big":2,"value":"abc"}""").Value!;
        var number = Read("""{"id":"r1","name":"n","count":1,"big":2,"value":42}""").Value!;
        var other = Read("""{"id":"r1","name":"n","count":1,"big":2,"value":{"odd":[true]}}""").Value!;

        Assert.Equal("text abc", text.Match(s => "text " + s, n => "number " + n, json => "unknown " + json.ValueKind));
        Assert.Equal("number 42", number.Match(s => "text " + s, n => "number " + n, json => "unknown " + json.ValueKind));
        Assert.Equal("unknown Object", other.Match(s => "text " + s, n => "number " + n, json => "unknown " + json.ValueKind));
    }

    [Fact]
    public void UnionKeepsAValueOfNoVariantAsRawJson()
    {
        var record = Read("""{"id":"r1","name":"n","count":1,"big":2,"value":{"odd":[true]}}""");

        Assert.False(record.Value!.TryGetString(out _));
        Assert.False(record.Value.TryGetInt64(out _));
        Assert.Contains("\"value\":{\"odd\":[true]}", Write(record), StringComparison.Ordinal);
    }

    [Fact]
    public void TypeMismatchNamesTheMemberPath()
    {
        var error = Assert.ThrowsAny<JsonException>(() => Read("""{"id":"r1","name":"n","count":1,"big":2,"child":{"label":5}}"""));

        Assert.Contains("child", error.Message, StringComparison.Ordinal);
        Assert.Contains("label", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PropertyNamesThatJsonEscapesAreMatchedAndWrittenBack()
    {
        // Escaped in the input too: "\u002B" is '+', "\u00F6" is 'ö'.
        var odd = KuaJson.Deserialize("""{"first name":"Ada","a\u002Bb":3,"<tag>":"t","gr\u00F6\u00DFe":1.5,"e-mail":"a@b.c"}""", RoundTripClientJson.OddNamesJson);

        Assert.Equal("Ada", odd.FirstName);
        Assert.Equal(3, odd.AB);
        Assert.Equal("t", odd.Tag);
        Assert.Equal(1.5, odd.Größe);
        Assert.Equal("a@b.c", odd.EMail);

        var again = KuaJson.Deserialize(KuaJson.Serialize(odd, RoundTripClientJson.OddNamesJson), RoundTripClientJson.OddNamesJson);
        Assert.Equal(("Ada", 3, "t", 1.5, "a@b.c"), (again.FirstName, again.AB, again.Tag, again.Größe, again.EMail));
    }

    [Fact]
    public void AdditionalPropertiesTrueKeepsExtraMembersAsJson()
    {
        var value = KuaJson.Deserialize("""{"id":"e1","score":7,"tags":["a"],"none":null}""", RoundTripClientJson.ExtensibleJson);

        Assert.Equal("e1", value.Id);
        Assert.NotNull(value.AdditionalProperties);
        Assert.Equal(7, value.AdditionalProperties["score"]!.Value.GetInt32());
        Assert.Equal("a", value.AdditionalProperties["tags"]!.Value[0].GetString());
        Assert.Null(value.AdditionalProperties["none"]);
        Assert.Equal("""{"id":"e1","score":7,"tags":["a"],"none":null}""", KuaJson.Serialize(value, RoundTripClientJson.ExtensibleJson));
    }

    private static Record Read(string json) => KuaJson.Deserialize(json, RoundTripClientJson.RecordJson);

    private static string Write(Record record) => KuaJson.Serialize(record, RoundTripClientJson.RecordJson);
}
