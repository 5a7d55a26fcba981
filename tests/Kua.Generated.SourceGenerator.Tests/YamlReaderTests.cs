using System.Numerics;
using Kua.Generated.SourceGenerator.Diagnostics;
using Kua.Generated.SourceGenerator.Model;
using Kua.Generated.SourceGenerator.Parsing;
using Kua.Generated.SourceGenerator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Kua.Generated.SourceGenerator.Tests;

/// <summary>
/// The YAML reader, one class of input at a time: each a YAML 1.2 rule that event parsers of the libyaml family
/// (YamlDotNet among them) get wrong, or a choice the reader makes for OpenAPI. <see cref="YamlSuiteTests"/> runs
/// the whole official suite.
/// </summary>
public sealed class YamlReaderTests
{
    /// <summary>
    /// The bug that stopped a 3 MB public spec: a block scalar whose only lines are spaces (longer than any text
    /// indentation would be) before a less indented key. YAML 1.2: with no text line, the indentation is the
    /// longest line's, so those lines are empty lines, kept or chomped.
    /// </summary>
    [Theory]
    [InlineData("|+", "\n")]
    [InlineData("|", "")]
    [InlineData("|-", "")]
    [InlineData(">+", "\n")]
    [InlineData(">", "")]
    public void BlockScalarOfOnlySpacesBeforeALessIndentedKeyLoads(string header, string expected)
    {
        var yaml = "components:\n  schemas:\n    Thing:\n      type: string\n      example: " + header + "\n" + new string(' ', 14) + "\n    Other:\n      type: integer\n";

        var (tree, diagnostics) = Read(yaml);

        Assert.Empty(diagnostics);
        Assert.Equal(expected, (string?)tree!["components"]!["schemas"]!["Thing"]!["example"]);
        Assert.Equal("integer", (string?)tree["components"]!["schemas"]!["Other"]!["type"]);
    }

    [Fact]
    public void SpecWithABlockScalarOfOnlySpacesGenerates()
    {
        var spec = "openapi: 3.0.3\ninfo:\n  title: T\n  version: \"1\"\npaths:\n  /things:\n    get:\n      operationId: getThing\n      responses:\n        \"200\":\n          description: ok\n          content:\n            text/plain:\n              schema:\n                type: string\n              example: |+\n" + new string(' ', 20) + "\n\ncomponents: {}\n";

        var run = GeneratorHarness.Run(new SpecFile("/specs/spaces.yaml", spec, ClientName: "SpacesClient"));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains("GetThingAsync(", run.Source("SpacesClient.g.cs"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a: |\n  x\n   \n", """{"a":"x\n \n"}""")] // a line of more spaces than the indentation is text
    [InlineData("a: |\n  x\n   ", """{"a":"x\n \n"}""")] // … also as the last line without its line break
    [InlineData("- |+\n   ", """["\n"]""")] // an empty last line without its line break is a line
    [InlineData("a: >\n  folded\n  line\n\n    more\n    indented\n  last\n", """{"a":"folded line\n\n  more\n  indented\nlast\n"}""")]
    [InlineData("a: |2\n   x\n  y\n", """{"a":" x\ny\n"}""")] // indentation indicator
    [InlineData("a: >-\n  x\n\n\nb: |+\n  y\n\n", """{"a":"x","b":"y\n\n"}""")] // strip, keep
    [InlineData("- |\n  a\n # a trailing comment\n- b\n", """["a\n","b"]""")]
    [InlineData("a: |\n  \tx\n", """{"a":"\tx\n"}""")] // a tab after the indentation is text
    public void BlockScalars(string yaml, string json) => AssertReads(yaml, json);

    [Theory]
    [InlineData("a: |\n     \n  text\n", 2)] // a leading empty line longer than the first text line
    [InlineData("a: |\n\t\nb: 1\n", 2)] // a line of tabs after a block scalar
    [InlineData("a: > text\n", 1)]
    [InlineData("a: |0\n  x\n", 1)]
    [InlineData("a: >#comment\n  x\n", 1)]
    public void InvalidBlockScalarsAreErrorsAtTheirLine(string yaml, int line) => AssertError(yaml, line);

    [Theory]
    [InlineData("key: word1\n  word2\n\n  word3 # comment\n", """{"key":"word1 word2\nword3"}""")]
    [InlineData("key: a#b c:d -e\n", """{"key":"a#b c:d -e"}""")]
    [InlineData("- a\n  - b\n", """["a - b"]""")] // a continuation line may start with '-'
    [InlineData("key:\n \tvalue\n", """{"key":"value"}""")] // tabs after the indentation separate
    [InlineData("a: 1\n\t\nb: 2\n", """{"a":1,"b":2}""")] // a line of tabs is blank between entries
    public void PlainScalars(string yaml, string json) => AssertReads(yaml, json);

    [Theory]
    [InlineData("a: \"\\x41\\u00e9\\U0001F600\\ud83d\\ude00\\t\\/\"", """{"a":"Aé😀😀\t/"}""")]
    [InlineData("a: \"one\n  two\n\n  three \"", """{"a":"one two\nthree "}""")]
    [InlineData("a: \"x \\\n  y\"", """{"a":"x y"}""")] // an escaped line break keeps the space before it
    [InlineData("a: 'it''s\n  here'", """{"a":"it's here"}""")]
    [InlineData("\"a\": 1\n'b': 2\n", """{"a":1,"b":2}""")]
    public void QuotedScalars(string yaml, string json) => AssertReads(yaml, json);

    /// <summary>A document that starts with '{' or '[' but is YAML, not JSON, goes to the YAML reader.</summary>
    [Theory]
    [InlineData("{a: 1, b: [x, y], c: 'q'}", """{"a":1,"b":["x","y"],"c":"q"}""")]
    [InlineData("{ first: Sammy }:\n  hr: 65\n", """{"{\"first\":\"Sammy\"}":{"hr":65}}""")]
    [InlineData("[a: 1, \"b\":c, ? d : e]", """[{"a":1},{"b":"c"},{"d":"e"}]""")]
    [InlineData("{\n\"a\": 1, # a comment\n}\n", """{"a":1}""")]
    public void FlowYamlThatStartsLikeJson(string yaml, string json) => AssertReads(yaml, json, allowInfo: true);

    [Fact]
    public void FlowStyleSpecGenerates()
    {
        var run = GeneratorHarness.Run(new SpecFile("/specs/flow.yaml", "{openapi: 3.0.3, info: {title: T, version: '1'},\n paths: {/a: {get: {operationId: getA, responses: {'204': {description: none}}}}}}\n", ClientName: "FlowClient"));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains("GetAAsync(", run.Source("FlowClient.g.cs"), StringComparison.Ordinal);
    }

    /// <summary>Beyond YAML 1.2: a closing bracket at its key's own column, as the Docker Engine API writes it.</summary>
    [Fact]
    public void ClosingBracketAtItsKeysColumnIsAccepted() =>
        AssertReads("schema:\n  example: {\n    \"80/tcp\": {},\n    \"443/tcp\": [\n      1\n  ]\n  }\n", """{"schema":{"example":{"80/tcp":{},"443/tcp":[1]}}}""");

    [Fact]
    public void CollectionKeyReadsAsItsJsonTextWithAnInfo()
    {
        var (tree, diagnostics) = Read("? [a, b]\n: pair\n");

        Assert.Equal("pair", (string?)tree!["[\"a\",\"b\"]"]);
        var info = Assert.Single(diagnostics);
        Assert.Equal("KUA0009", info.Id);
        Assert.Equal(1, info.Line);
        Assert.Contains("sequence", info.Arguments[0], StringComparison.Ordinal);
    }

    [Fact]
    public void RepeatedKeyKeepsTheLastValueWithAnInfo()
    {
        var (tree, diagnostics) = Read("a: 1\nb: 2\na: 3\n");

        Assert.Equal("""{"b":2,"a":3}""", tree!.ToString(Formatting.None));
        var info = Assert.Single(diagnostics);
        Assert.Equal("KUA0009", info.Id);
        Assert.Equal(3, info.Line);
    }

    [Fact]
    public void AnAliasUsedAsAKeyKeepsTheScalarsText()
    {
        var (tree, diagnostics) = Read("a: &v 0x10\n*v : b\n? &k ~\n: c\n*k : d\n", allowInfo: true);

        Assert.Equal("""{"a":16,"0x10":"b","~":"d"}""", tree!.ToString(Formatting.None));
        Assert.Equal("KUA0009", Assert.Single(diagnostics).Id); // '~' twice
    }

    /// <summary>The YAML 1.2 core schema for plain scalars; a tag or quotes make a string; keys stay text.</summary>
    [Theory]
    [InlineData("12", JTokenType.Integer, "12")]
    [InlineData("-0012", JTokenType.Integer, "-12")]
    [InlineData("0x1F", JTokenType.Integer, "31")]
    [InlineData("0o17", JTokenType.Integer, "15")]
    [InlineData("123456789012345678901234567890", JTokenType.Integer, "123456789012345678901234567890")]
    [InlineData("1.50", JTokenType.Float, "1.50")]
    [InlineData("-.5", JTokenType.Float, "-0.5")]
    [InlineData("1e3", JTokenType.Float, "1000")]
    [InlineData("~", JTokenType.Null, "")]
    [InlineData("NULL", JTokenType.Null, "")]
    [InlineData("True", JTokenType.Boolean, "True")]
    [InlineData("yes", JTokenType.String, "yes")]
    [InlineData("1_000", JTokenType.String, "1_000")]
    [InlineData("0x", JTokenType.String, "0x")]
    [InlineData("'12'", JTokenType.String, "12")]
    [InlineData("! 12", JTokenType.String, "12")]
    [InlineData("!!str true", JTokenType.String, "true")]
    [InlineData("!!int 1 - 3", JTokenType.String, "1 - 3")]
    [InlineData("!!float 2", JTokenType.Integer, "2")]
    [InlineData("!<tag:yaml.org,2002:str> 7", JTokenType.String, "7")]
    public void ScalarsFollowTheCoreSchema(string scalar, JTokenType type, string text)
    {
        var (tree, diagnostics) = Read("0x10: " + scalar + "\n");

        Assert.Empty(diagnostics);
        var value = (JValue)tree!["0x10"]!;
        Assert.Equal(type, value.Type);
        Assert.Equal(text, Convert.ToString(value.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
        if (scalar.Length > 18 && scalar.All(char.IsDigit))
        {
            Assert.IsType<BigInteger>(value.Value);
        }
    }

    [Fact]
    public void TagDirectivesNameTagsForTheirDocumentOnly()
    {
        AssertReads("%TAG !c! tag:yaml.org,2002:\n---\na: !c!str 1\n", """{"a":"1"}""");
        AssertError("%TAG !c! tag:yaml.org,2002:\n--- a\n...\n--- !c!str b\n", 4);
    }

    [Theory]
    [InlineData("-\t-\n", 1)] // a compact sequence is indented by spaces only
    [InlineData("a:\n\tb: 1\n", 2)] // tabs do not indent
    [InlineData("a:\n  b: 1\n  \tc: 2\n", 3)]
    [InlineData("a: 1\n%YAML 1.2\n---\nb: 2\n", 2)] // a directive needs '...' before it
    [InlineData("%YAML 1.2\n...\n", 2)] // directives without a document
    [InlineData("%YAML 1.1#x\n---\n", 1)]
    [InlineData("\"a\nb\": 1\n", 1)] // an implicit key is on one line
    [InlineData("a: b: c\n", 1)]
    [InlineData("key: [a,\nb]\n", 2)] // flow content indented less than its node
    [InlineData("key: \"a\nb\"\n", 2)]
    [InlineData("[ key\n  : value ]\n", 2)]
    [InlineData("a: \"\\.\"\n", 1)]
    [InlineData("---\n\"a\n---\nb\"\n", 3)]
    [InlineData("k1: v1\n k2: v2\n", 2)]
    [InlineData("a: !e!x y\n", 1)]
    [InlineData("a: &x *y\n", 1)]
    [InlineData("a: b\n- c\n", 2)]
    [InlineData("[a, b]]\n", 1)]
    [InlineData("a: 1 # c\nb: \"x\"# c\n", 2)]
    [InlineData("a: b\u0001\n", 1)]
    public void InvalidYamlIsKua0001AtItsLine(string yaml, int line) => AssertError(yaml, line);

    [Fact]
    public void ImplicitKeysAreAtMost1024CharactersLong()
    {
        AssertReads(new string('k', 1024) + ": v\n", "{\"" + new string('k', 1024) + "\":\"v\"}");
        AssertError(new string('k', 1025) + ": v\n", 1);
    }

    [Fact]
    public void SeveralDocumentsAreOneStreamButNotOneSpec()
    {
        const string yaml = "a: 1\n---\nb: 2\n...\n%YAML 1.2\n---\nc: 3\n";

        var stream = SpecTextReader.ReadYamlStream(yaml, CancellationToken.None);
        var (tree, diagnostics) = Read(yaml, allowErrors: true);

        Assert.Equal(new[] { """{"a":1}""", """{"b":2}""", """{"c":3}""" }, stream.Documents.Select(d => d.Root.ToString(Formatting.None)));
        Assert.Null(tree);
        var error = Assert.Single(diagnostics);
        Assert.Equal(("KUA0001", 2), (error.Id, error.Line));
        Assert.Contains("3", error.Arguments[0], StringComparison.Ordinal);
    }

    /// <summary>Where each kind of node is said to be (SpecLines.Of), as diagnostics report it: 1-based line and column.</summary>
    [Fact]
    public void NodesCarryTheirLineAndColumn()
    {
        const string yaml = "a:\n  b: plain\n  c: \"quoted\"\n  d: |\n    block\n  e: [x, &y {z: 1}]\n  f:\n  g: &h !!str tagged\n  ? i\n  : j\n  &k l: m\n  o:\n    - &q\n      r: s\n  t: !!str\n";
        var (tree, _) = Read(yaml);

        Assert.Equal((1, 1), Position(tree!["a"]!.Parent));
        Assert.Equal((2, 3), Position(tree["a"]!["b"]!.Parent));
        Assert.Equal((2, 6), Position(tree["a"]!["b"]));
        Assert.Equal((3, 6), Position(tree["a"]!["c"]));
        Assert.Equal((4, 6), Position(tree["a"]!["d"]));
        Assert.Equal((6, 7), Position(tree["a"]!["e"]![0]));
        Assert.Equal((6, 10), Position(tree["a"]!["e"]![1])); // a collection starts at its anchor
        Assert.Equal((6, 17), Position(tree["a"]!["e"]![1]!["z"]));
        Assert.Equal((7, 5), Position(tree["a"]!["f"]));
        Assert.Equal((8, 6), Position(tree["a"]!["g"]));
        Assert.Equal((9, 5), Position(tree["a"]!["i"]!.Parent));
        Assert.Equal((10, 5), Position(tree["a"]!["i"]));
        Assert.Equal((11, 3), Position(tree["a"]!["l"]!.Parent));
        Assert.Equal((13, 7), Position(tree["a"]!["o"]![0]));
        Assert.Equal((15, 6), Position(tree["a"]!["t"]));
    }

    [Fact]
    public void CancellationStopsTheReader()
    {
        var yaml = string.Concat(Enumerable.Range(0, 5000).Select(i => "k" + i + ": v\n"));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => SpecTextReader.Read(yaml, new DiagnosticBag("/specs/x.yaml"), cancelled.Token));
    }

    private static (int Line, int Column) Position(JToken? token)
    {
        var position = SpecLines.Of(token);
        return (position.Line, position.Column);
    }

    private static (JToken? Tree, EquatableArray<DiagnosticInfo> Diagnostics) Read(string yaml, bool allowInfo = false, bool allowErrors = false)
    {
        var diagnostics = new DiagnosticBag("/specs/test.yaml");
        var tree = SpecTextReader.Read(yaml, diagnostics, CancellationToken.None);
        var reported = diagnostics.ToEquatableArray();
        if (!allowErrors)
        {
            Assert.DoesNotContain(reported, d => KuaDiagnostics.Get(d.Id).DefaultSeverity == DiagnosticSeverity.Error);
        }

        if (!allowErrors && !allowInfo)
        {
            Assert.True(tree != null);
        }

        return (tree, reported);
    }

    private static void AssertReads(string yaml, string json, bool allowInfo = false)
    {
        var (tree, diagnostics) = Read(yaml, allowInfo);
        if (!allowInfo)
        {
            Assert.Empty(diagnostics);
        }

        Assert.Equal(json, tree!.ToString(Formatting.None));
    }

    private static void AssertError(string yaml, int line)
    {
        var (tree, diagnostics) = Read(yaml, allowErrors: true);

        Assert.Null(tree);
        var error = Assert.Single(diagnostics);
        Assert.Equal("KUA0001", error.Id);
        Assert.True(line == error.Line, "Expected line " + line + ", got " + error.Line + ": " + error.Arguments[0]);
        Assert.True(error.Column > 0);
    }
}
