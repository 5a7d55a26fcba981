using System.Globalization;
using Kua.Generated.ExampleRoundTrip;
using Kua.Generated.SourceGenerator.Model;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using TypeKind = Kua.Generated.SourceGenerator.Model.TypeKind;

namespace Kua.Generated.SourceGenerator.Tests.Infrastructure;

/// <summary>An example of the spec, where it is written, and the generated type it must survive a round trip through.</summary>
internal sealed record ExampleCase(string Id, TypeRef Type, JToken Example)
{
    public ExampleInput ToInput(string ns) => new(Id, ExampleCatalog.TypeName(Type, ns), Example.ToString(Formatting.None));
}

/// <summary>
/// The examples of a (bundled) spec with the generated type of each: every schema-level <c>example</c> of a schema
/// that becomes a generated type (or a list or map of one), and every JSON media-type <c>example</c> and
/// <c>examples/*/value</c> of the operations' replies and request bodies, typed by the operation's method. And the
/// check of a round trip: the JSON written back keeps every member the schema declares, with an equal value.
/// </summary>
internal static class ExampleCatalog
{
    /// <summary>The type a response's body reads as: a result variant's, the result's, or a declared error's.</summary>
    private static TypeRef? TypeOfResponse(OperationModel operation, string status)
    {
        var variant = operation.Result.Variants.FirstOrDefault(v => v.Status.Text == status);
        if (variant != null)
        {
            return variant.Type;
        }

        if (status.StartsWith('2') && operation.Result.VariantsClass is null && operation.Result.Kind == ResponseKind.Json)
        {
            return operation.Result.Type;
        }

        return operation.Errors.FirstOrDefault(e => e.Status.Text == status)?.Type;
    }

    private static readonly string[] HttpMethods = { "get", "put", "post", "delete", "options", "head", "patch", "trace" };

    public static List<ExampleCase> Collect(JObject document, SpecModel model)
    {
        var cases = new List<ExampleCase>();
        var types = model.Types.GroupBy(t => t.SchemaName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var schemas = document["components"]?["schemas"] as JObject ?? document["definitions"] as JObject;
        foreach (var schema in schemas?.Properties() ?? Enumerable.Empty<JProperty>())
        {
            if (types.TryGetValue(schema.Name, out var type))
            {
                WalkSchema(schema.Value, Ref(type), "#/components/schemas/" + schema.Name, model, cases);
            }
        }

        var operations = model.Client is null ? new List<OperationModel>() : model.Client.Operations.Concat(model.Client.Groups.SelectMany(g => g.Operations)).ToList();
        foreach (var path in (document["paths"] as JObject)?.Properties() ?? Enumerable.Empty<JProperty>())
        {
            foreach (var method in HttpMethods)
            {
                var operation = path.Value[method] as JObject;
                var found = operations.FirstOrDefault(o => o.PathTemplate == path.Name && string.Equals(o.HttpMethod, method, StringComparison.OrdinalIgnoreCase));
                if (operation is null || found is null)
                {
                    continue;
                }

                var at = path.Name + " " + method;
                foreach (var response in (operation["responses"] as JObject)?.Properties() ?? Enumerable.Empty<JProperty>())
                {
                    var type = TypeOfResponse(found, response.Name);
                    WalkContent(Resolve(document, response.Value)?["content"], type, at + " " + response.Name, document, model, cases);
                }

                var body = found.Body?.Kind == BodyKind.Json ? found.Body.Type : null;
                WalkContent(Resolve(document, operation["requestBody"])?["content"], body, at + " body", document, model, cases);
            }
        }

        return cases;
    }

    /// <summary>How <see cref="ExampleRoundTripper"/> names a type: <c>Ns.Type</c>, <c>list:…</c>, <c>map:…</c>.</summary>
    public static string TypeName(TypeRef type, string ns) => type.Kind switch
    {
        TypeKind.List => "list:" + TypeName(type.Element!, ns),
        TypeKind.Map => "map:" + TypeName(type.Element!, ns),
        _ => ns + "." + type.Name,
    };

    /// <summary>What the written JSON lost or changed of the example's declared members; empty when nothing.</summary>
    public static List<string> Compare(ExampleCase example, string written, SpecModel model)
    {
        var problems = new List<string>();
        CompareValue(example.Example, Reparse(written), example.Type, "$", Objects(model), problems);
        return problems;
    }

    private static JToken Reparse(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
        return JToken.ReadFrom(reader);
    }

    private static Dictionary<string, ObjectModel> Objects(SpecModel model) => model.Types.OfType<ObjectModel>().ToDictionary(t => t.Name, StringComparer.Ordinal);

    private static TypeRef Ref(TypeModel type) => type switch
    {
        ObjectModel => new TypeRef(TypeKind.Object, type.Name),
        UnionModel => new TypeRef(TypeKind.Union, type.Name),
        EnumModel e => new TypeRef(e.IsString ? TypeKind.StringEnum : TypeKind.IntegerEnum, type.Name),
        _ => TypeRef.Any,
    };

    private static bool InvolvesGeneratedType(TypeRef? type) =>
        type != null && (type.IsGenerated || ((type.Kind == TypeKind.List || type.Kind == TypeKind.Map) && InvolvesGeneratedType(type.Element)));

    private static JToken? Resolve(JObject document, JToken? node)
    {
        for (var hops = 0; hops < 8 && node?["$ref"] is JValue reference && reference.Value is string pointer; hops++)
        {
            node = document.SelectToken(PointerToPath(pointer));
        }

        return node;
    }

    private static string PointerToPath(string pointer) =>
        "$" + string.Concat(pointer.TrimStart('#').Split('/').Skip(1).Select(s => "['" + s.Replace("~1", "/").Replace("~0", "~").Replace("'", "\\'") + "']"));

    private static void WalkContent(JToken? content, TypeRef? type, string at, JObject document, SpecModel model, List<ExampleCase> cases)
    {
        if (!InvolvesGeneratedType(type) || !(content is JObject mediaTypes))
        {
            return;
        }

        foreach (var media in mediaTypes.Properties().Where(m => m.Name.Contains("json", StringComparison.OrdinalIgnoreCase)))
        {
            if (media.Value["example"] is JToken example)
            {
                cases.Add(new ExampleCase(at + " " + media.Name + " example", type!, example));
            }

            foreach (var named in (media.Value["examples"] as JObject)?.Properties() ?? Enumerable.Empty<JProperty>())
            {
                if (Resolve(document, named.Value)?["value"] is JToken value)
                {
                    cases.Add(new ExampleCase(at + " " + media.Name + " examples/" + named.Name, type!, value));
                }
            }

            WalkSchema(media.Value["schema"], type!, at + " " + media.Name + " schema", model, cases);
        }
    }

    /// <summary>A schema and the type it became: its example, and those of its members, items and values (not through $refs: their targets are walked on their own).</summary>
    private static void WalkSchema(JToken? node, TypeRef type, string at, SpecModel model, List<ExampleCase> cases)
    {
        if (!(node is JObject schema) || schema["$ref"] != null)
        {
            return;
        }

        if (schema["example"] is JToken example && InvolvesGeneratedType(type))
        {
            cases.Add(new ExampleCase(at + " example", type, example));
        }

        switch (type.Kind)
        {
            case TypeKind.Object:
                var declared = Declared(model.Types.OfType<ObjectModel>().FirstOrDefault(t => t.Name == type.Name));
                foreach (var part in new[] { schema }.Concat((schema["allOf"] as JArray)?.OfType<JObject>() ?? Enumerable.Empty<JObject>()))
                {
                    foreach (var property in (part["properties"] as JObject)?.Properties() ?? Enumerable.Empty<JProperty>())
                    {
                        if (declared.TryGetValue(property.Name, out var member))
                        {
                            WalkSchema(property.Value, member.Type, at + "/" + property.Name, model, cases);
                        }
                    }
                }

                break;
            case TypeKind.List:
                WalkSchema(schema["items"], type.Element!, at + "/items", model, cases);
                break;
            case TypeKind.Map:
                WalkSchema(schema["additionalProperties"], type.Element!, at + "/additionalProperties", model, cases);
                break;
        }
    }

    private static Dictionary<string, PropertyModel> Declared(ObjectModel? type) =>
        type is null
            ? new Dictionary<string, PropertyModel>(StringComparer.Ordinal)
            : type.InheritedProperties.Concat(type.Properties).GroupBy(p => p.JsonName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

    private static void CompareValue(JToken input, JToken? output, TypeRef type, string path, Dictionary<string, ObjectModel> objects, List<string> problems)
    {
        if (input.Type == JTokenType.Null)
        {
            return;
        }

        if (output is null || output.Type == JTokenType.Null)
        {
            problems.Add(path + ": " + input.ToString(Formatting.None) + " was written as " + (output?.ToString(Formatting.None) ?? "nothing"));
            return;
        }

        switch (type.Kind)
        {
            case TypeKind.Object when input is JObject inputObject && output is JObject outputObject:
                objects.TryGetValue(type.Name!, out var model);
                var declared = Declared(model);
                foreach (var member in inputObject.Properties())
                {
                    var memberType = declared.TryGetValue(member.Name, out var property) ? property.Type : model?.AdditionalProperties;
                    var written = outputObject[member.Name];
                    if (memberType != null)
                    {
                        CompareValue(member.Value, written, memberType, path + "." + member.Name, objects, problems);
                    }
                    else if (written != null)
                    {
                        // A member of a subtype the discriminator chose: kept, so it must be kept intact.
                        CompareValue(member.Value, written, TypeRef.Any, path + "." + member.Name, objects, problems);
                    }
                }

                return;
            case TypeKind.List when input is JArray inputArray && output is JArray outputArray:
                if (inputArray.Count != outputArray.Count)
                {
                    problems.Add(path + ": " + inputArray.Count + " items were written as " + outputArray.Count);
                    return;
                }

                for (var i = 0; i < inputArray.Count; i++)
                {
                    CompareValue(inputArray[i], outputArray[i], type.Element!, path + "[" + i + "]", objects, problems);
                }

                return;
            case TypeKind.Map when input is JObject inputMap && output is JObject outputMap:
                foreach (var entry in inputMap.Properties())
                {
                    CompareValue(entry.Value, outputMap[entry.Name], type.Element!, path + "." + entry.Name, objects, problems);
                }

                return;
        }

        if (!SameValue(input, output, type.Kind))
        {
            problems.Add(path + ": " + input.ToString(Formatting.None) + " was written as " + output.ToString(Formatting.None));
        }
    }

    /// <summary>Equal as the type reads them: instants (to the tick), dates, GUIDs, floats, numbers and base64 by value; anything else as JSON.</summary>
    private static bool SameValue(JToken input, JToken output, TypeKind kind)
    {
        var a = input is JValue x ? Convert.ToString(x.Value, CultureInfo.InvariantCulture) : null;
        var b = output is JValue y ? Convert.ToString(y.Value, CultureInfo.InvariantCulture) : null;
        switch (kind)
        {
            case TypeKind.DateTimeOffset:
                // .NET keeps 100 ns ticks: "…35.572287990Z" reads as …35.5722879 (parsing the text may round to …880).
                return DateTimeOffset.TryParse(a, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t1) && DateTimeOffset.TryParse(b, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t2)
                    ? Math.Abs((t1 - t2).Ticks) <= 1
                    : a == b;
            case TypeKind.Single:
                // format: float holds about 7 digits: 0.00743999984115362 is the float 0.00744.
                return float.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var f1) && float.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var f2) ? f1 == f2 : a == b;
            case TypeKind.Date:
                return DateTime.TryParse(a, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d1) && DateTime.TryParse(b, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d2) ? d1.Date == d2.Date : a == b;
            case TypeKind.Guid:
                return Guid.TryParse(a, out var g1) && Guid.TryParse(b, out var g2) ? g1 == g2 : a == b;
            case TypeKind.Uri:
                return Uri.TryCreate(a, UriKind.RelativeOrAbsolute, out var u1) && Uri.TryCreate(b, UriKind.RelativeOrAbsolute, out var u2) ? u1 == u2 : a == b;
            case TypeKind.Bytes:
                return a == b || (TryBase64(a, out var b1) && TryBase64(b, out var b2) && b1.AsSpan().SequenceEqual(b2));
            default:
                return SameJson(input, output);
        }
    }

    private static bool TryBase64(string? text, out byte[] bytes)
    {
        bytes = Array.Empty<byte>();
        try
        {
            bytes = Convert.FromBase64String(text ?? string.Empty);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Deep equality with numbers compared by value (<c>1.0</c> = <c>1</c>).</summary>
    private static bool SameJson(JToken a, JToken b)
    {
        if ((a.Type == JTokenType.Integer || a.Type == JTokenType.Float) && (b.Type == JTokenType.Integer || b.Type == JTokenType.Float))
        {
            var x = ((JValue)a).Value;
            var y = ((JValue)b).Value;
            return x is double || y is double || x is float || y is float
                ? Convert.ToDouble(x, CultureInfo.InvariantCulture).Equals(Convert.ToDouble(y, CultureInfo.InvariantCulture))
                : Convert.ToDecimal(x, CultureInfo.InvariantCulture) == Convert.ToDecimal(y, CultureInfo.InvariantCulture);
        }

        return (a, b) switch
        {
            (JObject ao, JObject bo) => ao.Count == bo.Count && ao.Properties().All(p => bo[p.Name] is JToken other && SameJson(p.Value, other)),
            (JArray aa, JArray ba) => aa.Count == ba.Count && aa.Zip(ba).All(pair => SameJson(pair.First, pair.Second)),
            _ => JToken.DeepEquals(a, b),
        };
    }
}
