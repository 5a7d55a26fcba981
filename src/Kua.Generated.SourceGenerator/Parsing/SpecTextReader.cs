using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using Kua.Generated.SourceGenerator.Diagnostics;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Kua.Generated.SourceGenerator.Parsing
{
    /// <summary>
    /// Reads spec text (YAML or JSON) into a JSON tree that remembers where each node came from, so
    /// later diagnostics can point at a line. Iterative and bounded: deep nesting or alias expansion
    /// gives a diagnostic, never a stack overflow.
    /// </summary>
    internal static class SpecTextReader
    {
        /// <summary>The deepest nesting read (NSwag's loader itself stops at 128).</summary>
        public const int MaxDepth = 120;

        /// <summary>
        /// Upper bound on the nodes YAML aliases add by copying their anchors' nodes, so an alias bomb cannot
        /// cost the compiler minutes and gigabytes (the largest corpus document has under 100,000 nodes in all).
        /// </summary>
        public const int MaxAliasNodes = 1_000_000;

        public static JToken? Read(string text, DiagnosticBag diagnostics, CancellationToken cancellationToken)
        {
            var first = FirstSignificantChar(text);
            if (first == '\0')
            {
                diagnostics.Add(KuaDiagnostics.NotOpenApi, SourcePosition.Unknown, "the file is empty");
                return null;
            }

            return first == '{' || first == '['
                ? ReadJson(text, diagnostics, cancellationToken)
                : ReadYaml(text, diagnostics, cancellationToken);
        }

        private static char FirstSignificantChar(string text)
        {
            foreach (var c in text)
            {
                if (!char.IsWhiteSpace(c) && c != '\uFEFF')
                {
                    return c;
                }
            }

            return '\0';
        }

        private static JToken? ReadJson(string text, DiagnosticBag diagnostics, CancellationToken cancellationToken)
        {
            using var reader = new JsonTextReader(new StringReader(text))
            {
                DateParseHandling = DateParseHandling.None,
                FloatParseHandling = FloatParseHandling.Decimal,
                MaxDepth = MaxDepth,
            };

            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                var token = JToken.ReadFrom(reader, new JsonLoadSettings
                {
                    LineInfoHandling = LineInfoHandling.Load,
                    DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Replace,
                    CommentHandling = CommentHandling.Ignore,
                });

                while (reader.Read())
                {
                    if (reader.TokenType != JsonToken.Comment)
                    {
                        diagnostics.Add(KuaDiagnostics.UnreadableSpec, new SourcePosition(reader.LineNumber, reader.LinePosition), "unexpected content after the end of the JSON document");
                        return null;
                    }
                }

                return token;
            }
            catch (JsonReaderException ex) when (ex.Message.IndexOf("MaxDepth", StringComparison.Ordinal) >= 0)
            {
                diagnostics.Add(KuaDiagnostics.TooDeep, new SourcePosition(ex.LineNumber, ex.LinePosition), MaxDepth.ToString(CultureInfo.InvariantCulture));
                return null;
            }
            catch (JsonReaderException ex)
            {
                diagnostics.Add(KuaDiagnostics.UnreadableSpec, new SourcePosition(ex.LineNumber, ex.LinePosition), FirstSentence(ex.Message));
                return null;
            }
        }

        private static JToken? ReadYaml(string text, DiagnosticBag diagnostics, CancellationToken cancellationToken)
        {
            var parser = new Parser(new StringReader(text));
            var anchors = new Dictionary<string, JToken>(StringComparer.Ordinal);
            var stack = new Stack<Frame>();
            JToken? root = null;
            var documents = 0;
            var nodes = 0;
            ParsingEvent? lastEvent = null;
            var aliasNodes = 0;

            try
            {
                while (parser.MoveNext())
                {
                    if ((++nodes & 0xFFF) == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    var current = parser.Current;
                    lastEvent = current;
                    switch (current)
                    {
                        case DocumentStart _:
                            if (++documents > 1)
                            {
                                diagnostics.Add(KuaDiagnostics.UnreadableSpec, Position(current.Start), "the file holds more than one YAML document");
                                return null;
                            }

                            break;

                        case MappingStart mapping:
                            if (stack.Count >= MaxDepth)
                            {
                                diagnostics.Add(KuaDiagnostics.TooDeep, Position(current.Start), MaxDepth.ToString(CultureInfo.InvariantCulture));
                                return null;
                            }

                            stack.Push(new Frame(Annotate(new JObject(), mapping.Start), Anchor(mapping.Anchor)));
                            break;

                        case SequenceStart sequence:
                            if (stack.Count >= MaxDepth)
                            {
                                diagnostics.Add(KuaDiagnostics.TooDeep, Position(current.Start), MaxDepth.ToString(CultureInfo.InvariantCulture));
                                return null;
                            }

                            stack.Push(new Frame(Annotate(new JArray(), sequence.Start), Anchor(sequence.Anchor)));
                            break;

                        case MappingEnd _:
                        case SequenceEnd _:
                            var done = stack.Pop();
                            if (done.Anchor != null)
                            {
                                anchors[done.Anchor] = done.Container;
                            }

                            if (!Attach(stack, done.Container, ref root, diagnostics))
                            {
                                return null;
                            }

                            break;

                        case Scalar scalar:
                            var value = ScalarValue(scalar, stack.Count > 0 && stack.Peek().ExpectsKey);
                            Annotate(value, scalar.Start);
                            if (!scalar.Anchor.IsEmpty)
                            {
                                anchors[scalar.Anchor.Value] = value;
                            }

                            if (!Attach(stack, value, ref root, diagnostics))
                            {
                                return null;
                            }

                            break;

                        case AnchorAlias alias:
                            if (!anchors.TryGetValue(alias.Value.Value, out var anchored))
                            {
                                diagnostics.Add(KuaDiagnostics.UnreadableSpec, Position(current.Start), "the alias '*" + alias.Value.Value + "' has no anchor");
                                return null;
                            }

                            aliasNodes += CountNodes(anchored, MaxAliasNodes);
                            if (aliasNodes > MaxAliasNodes)
                            {
                                diagnostics.Add(KuaDiagnostics.UnreadableSpec, Position(current.Start), "YAML aliases expand to more than " + MaxAliasNodes.ToString(CultureInfo.InvariantCulture) + " nodes");
                                return null;
                            }

                            if (!Attach(stack, anchored.DeepClone(), ref root, diagnostics))
                            {
                                return null;
                            }

                            break;
                    }
                }
            }
            catch (YamlException ex)
            {
                diagnostics.Add(KuaDiagnostics.UnreadableSpec, Position(ex.Start), FirstSentence(ex.Message));
                return null;
            }
            catch (Exception ex) when (ex is InvalidOperationException || ex is ArgumentException || ex is IndexOutOfRangeException)
            {
                // YamlDotNet's scanner throws these for some malformed input (an unclosed flow sequence ending in a
                // plain scalar); the last event it produced is the closest position there is.
                var position = lastEvent is null ? SourcePosition.Unknown : Position(lastEvent.End);
                diagnostics.Add(KuaDiagnostics.UnreadableSpec, position, "the YAML is malformed after this point (an unclosed [ or { perhaps)");
                return null;
            }

            if (root is null)
            {
                diagnostics.Add(KuaDiagnostics.NotOpenApi, SourcePosition.Unknown, "the file holds no YAML content");
            }

            return root;
        }

        private static bool Attach(Stack<Frame> stack, JToken value, ref JToken? root, DiagnosticBag diagnostics)
        {
            if (stack.Count == 0)
            {
                root = value;
                return true;
            }

            var parent = stack.Peek();
            if (parent.Container is JArray array)
            {
                array.Add(value);
                return true;
            }

            var obj = (JObject)parent.Container;
            if (parent.PendingKey is null)
            {
                if (value is JValue key)
                {
                    parent.PendingKey = key;
                    return true;
                }

                // A complex mapping key has no JSON form; OpenAPI never needs one.
                diagnostics.Add(KuaDiagnostics.UnreadableSpec, SpecLines.Of(value), "a mapping key is not a scalar");
                return false;
            }

            var name = KeyText(parent.PendingKey);
            var property = new JProperty(name, value);
            property.AddAnnotation(new SpecLines.Annotation(SpecLines.Of(parent.PendingKey)));
            obj.Remove(name);
            obj.Add(property);
            parent.PendingKey = null;
            return true;
        }

        private static string KeyText(JValue key) => key.Type switch
        {
            JTokenType.Null => "null",
            JTokenType.Boolean => (bool)key.Value! ? "true" : "false",
            _ => Convert.ToString(key.Value, CultureInfo.InvariantCulture) ?? string.Empty,
        };

        private static JValue ScalarValue(Scalar scalar, bool isKey)
        {
            var text = scalar.Value;
            if (!scalar.Tag.IsEmpty)
            {
                var tag = scalar.Tag.Value;
                if (tag == "tag:yaml.org,2002:str" || tag == "!!str")
                {
                    return new JValue(text);
                }
            }

            if (scalar.Style != ScalarStyle.Plain || isKey)
            {
                // Keys stay text (even "200"), which is what JSON property names are.
                return isKey && scalar.Style == ScalarStyle.Plain ? PlainKey(text) : new JValue(text);
            }

            return PlainValue(text);
        }

        private static JValue PlainKey(string text) => new JValue(text);

        // The YAML 1.2 core schema (with the YAML 1.1 booleans that OpenAPI files in the wild use).
        private static JValue PlainValue(string text)
        {
            switch (text)
            {
                case "":
                case "~":
                case "null":
                case "Null":
                case "NULL":
                    return JValue.CreateNull();
                case "true":
                case "True":
                case "TRUE":
                    return new JValue(true);
                case "false":
                case "False":
                case "FALSE":
                    return new JValue(false);
                case ".inf":
                case ".Inf":
                case ".INF":
                case "+.inf":
                    return new JValue(double.PositiveInfinity);
                case "-.inf":
                case "-.Inf":
                case "-.INF":
                    return new JValue(double.NegativeInfinity);
                case ".nan":
                case ".NaN":
                case ".NAN":
                    return new JValue(double.NaN);
            }

            var c = text[0];
            if (!(char.IsDigit(c) || c == '-' || c == '+' || c == '.'))
            {
                return new JValue(text);
            }

            if (IsInteger(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            {
                return new JValue(integer);
            }

            if (text.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(text.Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
            {
                return new JValue(hex);
            }

            if (IsFloat(text) && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return new JValue(number);
            }

            if (IsFloat(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
            {
                return new JValue(real);
            }

            return new JValue(text);
        }

        private static bool IsInteger(string text)
        {
            var start = text[0] == '-' || text[0] == '+' ? 1 : 0;
            if (start == text.Length)
            {
                return false;
            }

            for (var i = start; i < text.Length; i++)
            {
                if (text[i] < '0' || text[i] > '9')
                {
                    return false;
                }
            }

            // "007" is a string in the core schema only when it is not a valid integer; leading zeros are fine.
            return true;
        }

        private static bool IsFloat(string text)
        {
            var digits = false;
            var dotOrExponent = false;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c >= '0' && c <= '9')
                {
                    digits = true;
                }
                else if (c == '.' || c == 'e' || c == 'E')
                {
                    dotOrExponent = true;
                }
                else if ((c == '-' || c == '+') && (i == 0 || text[i - 1] == 'e' || text[i - 1] == 'E'))
                {
                    // a sign at the start or after the exponent marker
                }
                else
                {
                    return false;
                }
            }

            return digits && dotOrExponent;
        }

        private static int CountNodes(JToken token, int limit)
        {
            var count = 0;
            var pending = new Stack<JToken>();
            pending.Push(token);
            while (pending.Count > 0 && count <= limit)
            {
                var next = pending.Pop();
                count++;
                if (next is JContainer container)
                {
                    foreach (var child in container.Children())
                    {
                        pending.Push(child);
                    }
                }
            }

            return count;
        }

        private static string? Anchor(AnchorName anchor) => anchor.IsEmpty ? null : anchor.Value;

        private static T Annotate<T>(T token, Mark start)
            where T : JToken
        {
            token.AddAnnotation(new SpecLines.Annotation(Position(start)));
            return token;
        }

        private static SourcePosition Position(Mark mark) => new SourcePosition((int)Math.Min(mark.Line, int.MaxValue), (int)Math.Min(mark.Column, int.MaxValue));

        private static string FirstSentence(string message)
        {
            var end = message.IndexOf('\n');
            return (end < 0 ? message : message.Substring(0, end)).Trim();
        }

        private sealed class Frame
        {
            public Frame(JContainer container, string? anchor)
            {
                Container = container;
                Anchor = anchor;
            }

            public JContainer Container { get; }

            public string? Anchor { get; }

            public JValue? PendingKey { get; set; }

            public bool ExpectsKey => Container is JObject && PendingKey is null;
        }
    }
}
