using System.Text.Json;
using Hierarchy;
using Hierarchy.Serialization;
using Kua.Generated.Runtime.Json;

namespace Kua.Generated.SourceGenerator.Tests;

/// <summary>
/// Data that inheritance through allOf once lost (Specs/hierarchy.yaml, generated into this assembly): extra members
/// kept by a base and its subtype, and a property a subtype makes required though its base declares it optional.
/// </summary>
public sealed class HierarchyRoundTripTests
{
    [Fact]
    public void ExtraMembersOfASubtypeWhoseBaseKeepsThemTooAreKeptAndWrittenBack()
    {
        const string json = """{"account":"12345678","sort_code":"01-02-03","bank_name":"B","account_id":"acc_1","nested":{"a":[1,2]}}""";

        var account = KuaJson.Deserialize(json, HierarchyClientJson.UkBankAccountJson);

        Assert.Equal("12345678", account.Account);
        Assert.Equal("B", account.BankName);
        Assert.Equal("acc_1", account.AdditionalProperties!["account_id"]!.Value.GetString());
        Assert.Equal(json, KuaJson.Serialize(account, HierarchyClientJson.UkBankAccountJson));
    }

    [Fact]
    public void OnlyTheBaseDeclaresTheExtraMembersDictionary()
    {
        var declaring = typeof(UkBankAccount).GetProperties().Where(p => p.Name == "AdditionalProperties").Select(p => p.DeclaringType).ToList();

        Assert.Equal(new[] { typeof(BankAccount) }, declaring);
    }

    [Fact]
    public void APropertyTheSubtypeRequiresIsWrittenAsNullAndMustBePresentWhenRead()
    {
        var owned = new Owned { LegacyCode = "x", Owner = null };

        Assert.Equal("""{"owner":null,"legacy_code":"x"}""", KuaJson.Serialize(owned, HierarchyClientJson.OwnedJson));
        var error = Assert.ThrowsAny<JsonException>(() => KuaJson.Deserialize("""{"legacy_code":"x"}""", HierarchyClientJson.OwnedJson));
        Assert.Contains("'owner'", error.Message, StringComparison.Ordinal);
        Assert.Null(KuaJson.Deserialize("""{"owner":null,"legacy_code":"x"}""", HierarchyClientJson.OwnedJson).Owner);
    }

    [Fact]
    public void TheBaseAloneKeepsTheMemberOptional()
    {
        var value = new OwnedBase();

        Assert.Equal("{}", KuaJson.Serialize(value, HierarchyClientJson.OwnedBaseJson));
        Assert.Null(KuaJson.Deserialize("{}", HierarchyClientJson.OwnedBaseJson).Owner);
    }
}
