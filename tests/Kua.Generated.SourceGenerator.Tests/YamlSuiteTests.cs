using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Kua.Generated.SourceGenerator.Diagnostics;
using Kua.Generated.SourceGenerator.Model;
using Kua.Generated.SourceGenerator.Parsing;
using Kua.Generated.SourceGenerator.Parsing.Yaml;
using Kua.Generated.SourceGenerator.Tests.Infrastructure;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Xunit.Abstractions;

namespace Kua.Generated.SourceGenerator.Tests;

/// <summary>
/// Every case of the official YAML test suite (../shared/yaml-test-suite, its "data" form) through the spec reader
/// the generator uses (<see cref="SpecTextReader.Read"/>):
/// <list type="bullet">
/// <item>an invalid case (a file <c>error</c>) gives KUA0001 at a line, never an exception;</item>
/// <item>a valid case loads to exactly its <c>in.json</c>, value for value; a stream of several documents gets a
/// clear KUA0001 (an OpenAPI file is one document) and each of its documents, read by the same YAML reader, matches;</item>
/// <item>every valid case, with or without <c>in.json</c> (non-string keys have no JSON), matches the suite's own
/// parse events (<c>test.event</c>): structure, keys, scalar texts and the core schema's types.</item>
/// </list>
/// The output gives the counts that README's coverage table records.
/// </summary>
public sealed class YamlSuiteTests(ITestOutputHelper output)
{
    /// <summary>Cases the reader is allowed to get wrong, each with the reason it is out of scope for OpenAPI. Empty.</summary>
    private static readonly IReadOnlyDictionary<string, string> OutOfScope = new Dictionary<string, string>(StringComparer.Ordinal);

    private static readonly Regex CoreNull = new("^(~|null|Null|NULL|)$", RegexOptions.CultureInvariant);
    private static readonly Regex CoreBool = new("^(true|True|TRUE|false|False|FALSE)$", RegexOptions.CultureInvariant);
    private static readonly Regex CoreInt = new("^([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", RegexOptions.CultureInvariant);
    private static readonly Regex CoreFloat = new(@"^([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$", RegexOptions.CultureInvariant);

    /// <summary>The suite is outside the repository: its absence must fail, not pass vacuously.</summary>
    [Fact]
    public void TheSuiteIsThere()
    {
        Assert.True(Directory.Exists(TestPaths.YamlTestSuite), "The YAML test suite is missing: expected at " + TestPaths.YamlTestSuite + " (../shared/yaml-test-suite beside the repository).");
        Assert.True(File.Exists(Path.Combine(TestPaths.YamlTestSuite, "README.md")));
        Assert.Equal(402, Cases().Count);
    }

    [Fact]
    public void EveryCaseReadsAsTheSuiteSays()
    {
        var cases = Cases();
        Assert.NotEmpty(cases);
        var failures = new List<string>();
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var directory in cases)
        {
            var id = Path.GetRelativePath(TestPaths.YamlTestSuite, directory).Replace('\\', '/');
            var (kind, failure) = Check(directory);
            counts[kind] = counts.GetValueOrDefault(kind) + 1;
            if (failure != null && !OutOfScope.ContainsKey(id))
            {
                failures.Add(id + " (" + kind + "): " + failure);
            }
        }

        foreach (var (kind, count) in counts)
        {
            output.WriteLine(kind + ": " + count);
        }

        output.WriteLine($"{cases.Count} cases: {cases.Count - failures.Count} pass, {failures.Count} fail, {OutOfScope.Count} out of scope.");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static List<string> Cases() =>
        Directory.Exists(TestPaths.YamlTestSuite)
            ? Directory.GetFiles(TestPaths.YamlTestSuite, "in.yaml", SearchOption.AllDirectories).Select(f => Path.GetDirectoryName(f)!).Order(StringComparer.Ordinal).ToList()
            : new List<string>();

    /// <summary>Checks one case; returns its kind (for the counts) and what is wrong, or null.</summary>
    private static (string Kind, string? Failure) Check(string directory)
    {
        var text = File.ReadAllText(Path.Combine(directory, "in.yaml"));
        var diagnostics = new DiagnosticBag("/suite/in.yaml");
        JToken? read;
        try
        {
            read = SpecTextReader.Read(text, diagnostics, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return ("crashed", "the reader threw " + ex.GetType().Name + ": " + ex.Message);
        }

        var reported = diagnostics.ToEquatableArray();
        if (File.Exists(Path.Combine(directory, "error")))
        {
            var error = reported.FirstOrDefault(d => d.Id == "KUA0001");
            return ("invalid, rejected with KUA0001 at a line", read is null && error is { Line: > 0 } ? null : "accepted: " + Describe(reported));
        }

        IReadOnlyList<JToken> documents;
        try
        {
            documents = SpecTextReader.ReadYamlStream(text, CancellationToken.None).Documents.Select(d => d.Root).ToList();
        }
        catch (YamlException ex)
        {
            return ("valid", "rejected at " + ex.Position.Line + ":" + ex.Position.Column + ": " + ex.Message);
        }

        var events = EventDocuments(File.ReadAllLines(Path.Combine(directory, "test.event")));
        if (documents.Count != events.Count)
        {
            return ("valid", documents.Count + " document(s) read, the events have " + events.Count);
        }

        for (var i = 0; i < documents.Count; i++)
        {
            var difference = CompareWithEvents(documents[i], events[i], "$");
            if (difference != null)
            {
                return ("valid", "document " + (i + 1) + " differs from test.event at " + difference);
            }
        }

        var jsonPath = Path.Combine(directory, "in.json");
        var json = File.Exists(jsonPath) ? JsonValues(File.ReadAllText(jsonPath)) : null;
        var kind = documents.Count > 1
            ? "valid, several documents (KUA0001 for the stream), each as " + (json is null ? "test.event says" : "in.json and test.event say")
            : json is null ? "valid, no JSON form (non-string keys), as test.event says" : "valid, equals in.json and test.event";
        if (json != null)
        {
            if (json.Count != documents.Count)
            {
                return (kind, documents.Count + " document(s) read, in.json has " + json.Count);
            }

            for (var i = 0; i < json.Count; i++)
            {
                if (!SameJson(json[i], documents[i]))
                {
                    return (kind, "document " + (i + 1) + " is " + documents[i].ToString(Formatting.None) + ", in.json says " + json[i].ToString(Formatting.None));
                }
            }
        }

        // The generator's path: one document is the spec; none or several are a clear diagnostic.
        switch (documents.Count)
        {
            case 0:
                return (kind, read is null && reported.Any(d => d.Id == "KUA0002") ? null : "an empty stream is not reported as such: " + Describe(reported));
            case 1:
                if (reported.Any(d => KuaDiagnostics.Get(d.Id).DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error))
                {
                    return (kind, "the spec reader reports " + Describe(reported));
                }

                return (kind, read != null && JToken.DeepEquals(read, documents[0]) ? null : "the spec reader's tree differs from the stream's");
            default:
                var several = reported.FirstOrDefault(d => d.Id == "KUA0001");
                return (kind, read is null && several is { Line: > 0 } && several.Arguments[0].Contains("more than one YAML document", StringComparison.Ordinal) ? null : "a stream of documents is not reported clearly: " + Describe(reported));
        }
    }

    private static string Describe(EquatableArray<DiagnosticInfo> diagnostics) =>
        diagnostics.Count == 0 ? "no diagnostic" : string.Join("; ", diagnostics.Select(d => d.Id + " at " + d.Line + ": " + string.Join(", ", d.Arguments)));

    private static List<JToken> JsonValues(string text)
    {
        var values = new List<JToken>();
        using var reader = new JsonTextReader(new StringReader(text)) { SupportMultipleContent = true, DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
        while (reader.Read())
        {
            values.Add(JToken.ReadFrom(reader));
        }

        return values;
    }

    /// <summary>JSON equality, numbers by value and objects by member name.</summary>
    private static bool SameJson(JToken expected, JToken actual)
    {
        switch (expected)
        {
            case JObject obj:
                return actual is JObject other && obj.Count == other.Count && obj.Properties().All(p => other.Property(p.Name, StringComparison.Ordinal) is { } q && SameJson(p.Value, q.Value));
            case JArray array:
                return actual is JArray list && array.Count == list.Count && array.Zip(list).All(p => SameJson(p.First, p.Second));
            default:
                var value = (JValue)expected;
                if (actual is not JValue actualValue)
                {
                    return false;
                }

                if (IsNumber(value) && IsNumber(actualValue))
                {
                    return Convert.ToDouble(value.Value, CultureInfo.InvariantCulture).Equals(Convert.ToDouble(actualValue.Value, CultureInfo.InvariantCulture));
                }

                return value.Type == actualValue.Type && Equals(value.Value, actualValue.Value);
        }
    }

    private static bool IsNumber(JValue value) => value.Type is JTokenType.Integer or JTokenType.Float;

    // ---- test.event ----

    /// <summary>The documents of a test.event file (<c>+MAP</c>, <c>=VAL :text</c>, <c>=ALI *a</c> …) as trees.</summary>
    private static List<EventNode?> EventDocuments(IEnumerable<string> lines)
    {
        var documents = new List<EventNode?>();
        var anchors = new Dictionary<string, EventNode>(StringComparer.Ordinal);
        var open = new Stack<(EventNode Node, string? Anchor)>();
        EventNode? root = null;
        foreach (var line in lines)
        {
            var (kind, rest) = line.Length > 4 ? (line.Substring(0, 4), line.Substring(4).TrimStart(' ')) : (line, string.Empty);
            switch (kind)
            {
                case "+DOC":
                    root = null;
                    break;
                case "-DOC":
                    documents.Add(root);
                    break;
                case "+MAP":
                case "+SEQ":
                    var (anchor, _, _) = EventProperties(rest);
                    open.Push((kind == "+MAP" ? new EventMapping() : new EventSequence(), anchor));
                    break;
                case "-MAP":
                case "-SEQ":
                    var done = open.Pop();
                    if (done.Anchor != null)
                    {
                        anchors[done.Anchor] = done.Node;
                    }

                    Attach(done.Node);
                    break;
                case "=VAL":
                    var (valueAnchor, tag, scalarText) = EventProperties(rest);
                    var scalar = new EventScalar(Unescape(scalarText.Substring(1)), scalarText[0], tag);
                    if (valueAnchor != null)
                    {
                        anchors[valueAnchor] = scalar;
                    }

                    Attach(scalar);
                    break;
                case "=ALI":
                    Attach(anchors[rest.Substring(1)]);
                    break;
            }
        }

        return documents;

        void Attach(EventNode node)
        {
            if (open.Count == 0)
            {
                root = node;
            }
            else if (open.Peek().Node is EventSequence sequence)
            {
                sequence.Items.Add(node);
            }
            else
            {
                ((EventMapping)open.Peek().Node).Add(node);
            }
        }
    }

    /// <summary>Splits <c>[&amp;anchor] [&lt;tag&gt;] [{}|[]] rest</c>.</summary>
    private static (string? Anchor, string? Tag, string Remainder) EventProperties(string text)
    {
        string? anchor = null;
        string? tag = null;
        while (text.Length > 0)
        {
            if (text[0] == '&')
            {
                var end = text.IndexOf(' ');
                anchor = end < 0 ? text.Substring(1) : text.Substring(1, end - 1);
                text = end < 0 ? string.Empty : text.Substring(end + 1);
            }
            else if (text[0] == '<')
            {
                var end = text.IndexOf('>');
                tag = text.Substring(1, end - 1);
                text = text.Substring(end + 1).TrimStart(' ');
            }
            else if (text.StartsWith("{}", StringComparison.Ordinal) || text.StartsWith("[]", StringComparison.Ordinal))
            {
                text = text.Substring(2).TrimStart(' ');
            }
            else
            {
                break;
            }
        }

        return (anchor, tag, text);
    }

    private static string Unescape(string text)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\' || i + 1 == text.Length)
            {
                result.Append(text[i]);
                continue;
            }

            i++;
            result.Append(text[i] switch { 'n' => '\n', 't' => '\t', 'r' => '\r', 'b' => '\b', '0' => '\0', _ => text[i] });
        }

        return result.ToString();
    }

    /// <summary>Where a read node differs from the events' node, or null. Keys are compared as the reader writes them.</summary>
    private static string? CompareWithEvents(JToken actual, EventNode? expected, string path)
    {
        switch (expected)
        {
            case null:
                return actual.Type == JTokenType.Null ? null : path + ": an empty document was expected";
            case EventSequence sequence:
                if (actual is not JArray array || array.Count != sequence.Items.Count)
                {
                    return path + ": a sequence of " + sequence.Items.Count + " was expected, not " + actual.ToString(Formatting.None);
                }

                for (var i = 0; i < array.Count; i++)
                {
                    var difference = CompareWithEvents(array[i], sequence.Items[i], path + "[" + i + "]");
                    if (difference != null)
                    {
                        return difference;
                    }
                }

                return null;
            case EventMapping mapping:
                // A repeated key (two empty keys, an alias of a key): the last value is kept, as in JSON.
                var entries = mapping.Entries.GroupBy(e => EventKey(e.Key), StringComparer.Ordinal).Select(g => g.Last()).ToList();
                if (actual is not JObject obj || obj.Count != entries.Count)
                {
                    return path + ": a mapping of " + entries.Count + " was expected, not " + actual.ToString(Formatting.None);
                }

                foreach (var (key, value) in entries)
                {
                    // A scalar key is its text; a collection key (no JSON form) reads as its JSON text.
                    var property = key is EventScalar scalarKey
                        ? obj.Property(scalarKey.Text, StringComparison.Ordinal)
                        : obj.Properties().FirstOrDefault(p => p.Name.Length > 0 && (p.Name[0] == '[' || p.Name[0] == '{') && CompareWithEvents(JToken.Parse(p.Name), key, path) is null);
                    if (property is null)
                    {
                        return path + ": no member for the key " + Show(key);
                    }

                    var difference = CompareWithEvents(property.Value, value, path + "." + property.Name);
                    if (difference != null)
                    {
                        return difference;
                    }
                }

                return null;
            default:
                var scalar = (EventScalar)expected;
                return actual is JValue actualValue && SameScalar(actualValue, scalar) ? null : path + ": " + Show(scalar) + " was expected, not " + actual.ToString(Formatting.None);
        }
    }

    /// <summary>
    /// A scalar's value by the YAML 1.2 core schema, written here from the spec's regular expressions: a plain
    /// untagged scalar (or one tagged int, float, bool, null) that matches one is that type, else a string.
    /// </summary>
    private static bool SameScalar(JValue actual, EventScalar expected)
    {
        var tag = expected.Tag is { } t && t.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal) ? t.Substring(18) : expected.Tag;
        var resolves = tag is null ? expected.Style == ':' : tag is "int" or "float" or "bool" or "null";
        var text = expected.Text;
        if (resolves && (tag is null or "null") && CoreNull.IsMatch(text))
        {
            return actual.Type == JTokenType.Null;
        }

        if (resolves && (tag is null or "bool") && CoreBool.IsMatch(text))
        {
            return actual.Type == JTokenType.Boolean && (bool)actual.Value! == text.StartsWith("t", StringComparison.OrdinalIgnoreCase);
        }

        if (resolves && (tag is null or "int" or "float") && CoreInt.IsMatch(text))
        {
            var value = text.StartsWith("0x", StringComparison.Ordinal) ? Convert.ToInt64(text.Substring(2), 16)
                : text.StartsWith("0o", StringComparison.Ordinal) ? Convert.ToInt64(text.Substring(2), 8)
                : long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            return actual.Type == JTokenType.Integer && Convert.ToInt64(actual.Value, CultureInfo.InvariantCulture) == value;
        }

        if (resolves && (tag is null or "float") && CoreFloat.IsMatch(text))
        {
            var value = text.Contains("inf", StringComparison.OrdinalIgnoreCase) ? (text[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity)
                : text.Contains("nan", StringComparison.OrdinalIgnoreCase) ? double.NaN
                : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            return actual.Type == JTokenType.Float && Convert.ToDouble(actual.Value, CultureInfo.InvariantCulture).Equals(value);
        }

        return actual.Type == JTokenType.String && (string)actual.Value! == text;
    }

    /// <summary>A key's identity: a scalar's text; a collection's structure.</summary>
    private static string EventKey(EventNode node) => node switch
    {
        EventScalar scalar => "'" + scalar.Text,
        EventSequence sequence => "[" + string.Join(",", sequence.Items.Select(EventKey)) + "]",
        EventMapping mapping => "{" + string.Join(",", mapping.Entries.Select(e => EventKey(e.Key) + ":" + EventKey(e.Value))) + "}",
        _ => string.Empty,
    };

    private static string Show(EventNode node) => node switch
    {
        EventScalar scalar => "'" + scalar.Text + "'" + (scalar.Tag is null ? string.Empty : " <" + scalar.Tag + ">"),
        EventSequence sequence => "a sequence of " + sequence.Items.Count,
        _ => "a mapping",
    };

    private abstract class EventNode;

    private sealed class EventScalar(string text, char style, string? tag) : EventNode
    {
        public string Text { get; } = text;

        /// <summary>':' plain, '\'' single-quoted, '"' double-quoted, '|' literal, '>' folded.</summary>
        public char Style { get; } = style;

        public string? Tag { get; } = tag;
    }

    private sealed class EventSequence : EventNode
    {
        public List<EventNode> Items { get; } = new();
    }

    private sealed class EventMapping : EventNode
    {
        private EventNode? _pendingKey;

        public List<(EventNode Key, EventNode Value)> Entries { get; } = new();

        public void Add(EventNode node)
        {
            if (_pendingKey is null)
            {
                _pendingKey = node;
                return;
            }

            Entries.Add((_pendingKey, node));
            _pendingKey = null;
        }
    }
}
