using Kua.Generated.SourceGenerator.Diagnostics;
using Newtonsoft.Json.Linq;

namespace Kua.Generated.SourceGenerator.Parsing.Yaml
{
    /// <summary>
    /// Flow content (spec chapter 7): aliases, scalars and <c>[ ]</c> / <c>{ }</c> collections, which may span
    /// lines indented at least <c>n</c>.
    /// </summary>
    internal sealed partial class YamlParser
    {
        /// <summary>
        /// The content of a flow node (no properties) at the current position, or <see cref="ContentKind.None"/>
        /// when no content starts here.
        /// </summary>
        /// <param name="n">The least indentation of the node's continuation lines.</param>
        /// <param name="inFlow">Inside a flow collection, where flow indicators end plain scalars.</param>
        private Content ReadFlowContent(int n, bool inFlow)
        {
            var start = Here;
            var startIndex = _pos;
            var line = _line;
            switch (Peek())
            {
                case '*':
                    return ReadAlias();
                case '[':
                    return new Content(ContentKind.Collection, null, ParseFlowSequence(n), start, startIndex, line);
                case '{':
                    return new Content(ContentKind.Collection, null, ParseFlowMapping(n), start, startIndex, line);
                case '"':
                case '\'':
                    return new Content(ContentKind.Quoted, ReadQuoted(n), null, start, startIndex, line);
                default:
                    if (IsPlainStart(_pos, inFlow))
                    {
                        return new Content(ContentKind.Plain, ReadPlain(n, inFlow), null, start, startIndex, line);
                    }

                    return new Content(ContentKind.None, null, null, start, startIndex, line);
            }
        }

        /// <summary>
        /// ns-flow-node inside a flow collection: properties (separated from the content by white space or
        /// line breaks) and content; properties alone make an empty node.
        /// </summary>
        private FlowNode ReadFlowNode(int n)
        {
            var properties = default(Properties);
            if (Peek() == '!' || Peek() == '&')
            {
                properties = ReadFlowProperties(n);
                if (!SkipFlowSeparation(n))
                {
                    return new FlowNode(new Content(ContentKind.None, null, null, properties.Start, _pos, _line), properties);
                }
            }

            return new FlowNode(ReadFlowContent(n, inFlow: true), properties);
        }

        /// <summary>c-ns-properties in flow, where the tag and the anchor may be on different lines.</summary>
        private Properties ReadFlowProperties(int n)
        {
            var properties = ReadInlineProperties();
            var mark = Save();
            if (SkipFlowSeparation(n) && ((Peek() == '!' && properties.Tag == YamlTag.None) || (Peek() == '&' && properties.Anchor is null)))
            {
                var more = ReadInlineProperties();
                return Merge(properties, more);
            }

            Restore(mark);
            return properties;
        }

        /// <summary>c-flow-sequence: <c>[ entry, … ]</c>; an entry may be a single-pair mapping (<c>[ a: b ]</c>).</summary>
        private JArray ParseFlowSequence(int n)
        {
            var start = Here;
            EnterCollection(start);
            var sequence = Annotate(new JArray(), start);
            _pos++;
            SkipFlowSeparation(n);
            while (Peek() != ']')
            {
                sequence.Add(ReadFlowSequenceEntry(n));
                SkipEntrySeparator(n, ']', "sequence", start);
            }

            _pos++;
            LeaveCollection();
            return sequence;
        }

        /// <summary>
        /// ns-flow-seq-entry: a node, or a single-pair mapping (<c>? key : value</c>, <c>: value</c>, or an implicit
        /// key on one line followed by ':').
        /// </summary>
        private JToken ReadFlowSequenceEntry(int n)
        {
            var c = Peek();
            if (c == '?' && IsFlowSeparatorAt(_pos + 1))
            {
                // An explicit single pair: its key may span lines.
                var pairStart = Here;
                _pos++;
                SkipFlowSeparation(n);
                return ReadFlowPair(n, pairStart, explicitKey: true);
            }

            if (c == ':' && !IsPlainSafe(_pos + 1, inFlow: true))
            {
                return ReadFlowPair(n, Here, explicitKey: false);
            }

            var entryIndex = _pos;
            var node = ReadFlowNode(n);
            if (node.Content.Kind == ContentKind.None && !node.Properties.Any)
            {
                throw Error(c == YamlChars.End ? "the flow sequence ('[') is not closed" : UnexpectedMessage(c) + " in a flow sequence");
            }

            var afterNode = Save();
            SkipInlineWhite();
            if (!(Peek() == ':' && (node.Content.IsJsonLike || !IsPlainSafe(_pos + 1, inFlow: true))))
            {
                Restore(afterNode);
                return Materialize(node.Content, node.Properties);
            }

            // ns-flow-pair-entry: an implicit key on one line, then ':' and the value.
            var keyStart = node.Properties.Any ? node.Properties.Start : node.Content.Start;
            if (node.Content.StartLine != _line || (node.Properties.Any && node.Properties.Start.Line != _line))
            {
                throw Error(keyStart, "an implicit key in a flow sequence must be on a single line");
            }

            if (_pos - entryIndex > MaxImplicitKeyLength)
            {
                throw Error(keyStart, "an implicit mapping key is longer than 1024 characters");
            }

            var pair = Annotate(new JObject(), keyStart);
            var key = Materialize(node.Content, node.Properties);
            var keyText = KeyText(node.Content.Text, key, keyStart);
            _pos++;
            AddEntry(pair, keyText, keyStart, ReadFlowValue(n, node.Content.IsJsonLike));
            return pair;
        }

        /// <summary>After a flow collection's entry: a ',' (and the separation after it) or the closing bracket, left for the caller.</summary>
        private void SkipEntrySeparator(int n, char close, string collection, SourcePosition start)
        {
            SkipFlowSeparation(n);
            var c = Peek();
            if (c == ',')
            {
                _pos++;
                SkipFlowSeparation(n);
            }
            else if (c != close)
            {
                throw Error(c == YamlChars.End
                    ? "the flow " + collection + " started at line " + start.Line + " is not closed by '" + close + "'"
                    : "',' or '" + close + "' was expected in the flow " + collection + ", not " + Describe(c));
            }
        }

        /// <summary>A flow sequence entry that is a single-pair mapping: <c>? key : value</c> or <c>: value</c>.</summary>
        private JObject ReadFlowPair(int n, SourcePosition start, bool explicitKey)
        {
            var pair = Annotate(new JObject(), start);
            ReadFlowMappingEntry(n, pair, explicitKey);
            return pair;
        }

        /// <summary>c-flow-mapping: <c>{ key: value, … }</c>.</summary>
        private JObject ParseFlowMapping(int n)
        {
            var start = Here;
            EnterCollection(start);
            var mapping = Annotate(new JObject(), start);
            _pos++;
            SkipFlowSeparation(n);
            while (true)
            {
                var c = Peek();
                if (c == '}')
                {
                    _pos++;
                    break;
                }

                if (c == '?' && IsFlowSeparatorAt(_pos + 1))
                {
                    _pos++;
                    SkipFlowSeparation(n);
                    ReadFlowMappingEntry(n, mapping, explicitKey: true);
                }
                else
                {
                    ReadFlowMappingEntry(n, mapping, explicitKey: false);
                }

                SkipEntrySeparator(n, '}', "mapping", start);
            }

            LeaveCollection();
            return mapping;
        }

        /// <summary>
        /// ns-flow-map-implicit-entry (or an explicit entry's rest, which may be empty): a key, which may span
        /// lines, then optionally ':' and a value.
        /// </summary>
        private void ReadFlowMappingEntry(int n, JObject mapping, bool explicitKey)
        {
            var start = Here;
            if (Peek() == ':' && !IsPlainSafe(_pos + 1, inFlow: true))
            {
                // c-ns-flow-map-empty-key-entry
                _pos++;
                AddEntry(mapping, string.Empty, start, ReadFlowValue(n, jsonKey: false));
                return;
            }

            var node = ReadFlowNode(n);
            if (node.Content.Kind == ContentKind.None && !node.Properties.Any)
            {
                var c = Peek();
                if (explicitKey && (c == ',' || c == '}' || c == ']'))
                {
                    // '?' alone: an empty key and an empty value.
                    AddEntry(mapping, string.Empty, start, Materialize(node.Content, default));
                    return;
                }

                throw Error(c == YamlChars.End ? "the flow mapping is not closed" : UnexpectedMessage(c) + " in a flow mapping");
            }

            var keyPosition = node.Properties.Any ? node.Properties.Start : node.Content.Start;
            var key = Materialize(node.Content, node.Properties);
            var keyText = KeyText(node.Content.Text, key, keyPosition);
            var afterKey = Save();
            SkipFlowSeparation(n);
            JToken value;
            if (Peek() == ':' && (node.Content.IsJsonLike || !IsPlainSafe(_pos + 1, inFlow: true)))
            {
                _pos++;
                value = ReadFlowValue(n, node.Content.IsJsonLike);
            }
            else
            {
                Restore(afterKey);
                value = Materialize(new Content(ContentKind.None, null, null, Here, _pos, _line), default);
            }

            AddEntry(mapping, keyText, keyPosition, value);
        }

        /// <summary>
        /// The value after a flow mapping's ':' (c-ns-flow-map-separate-value / -adjacent-value): it is empty
        /// when the entry ends; after a plain key it must be separated from the ':'.
        /// </summary>
        private JToken ReadFlowValue(int n, bool jsonKey)
        {
            var emptyAt = Here;
            var separated = SkipFlowSeparation(n);
            var c = Peek();
            if (c == ',' || c == '}' || c == ']')
            {
                return Materialize(new Content(ContentKind.None, null, null, emptyAt, _pos, _line), default);
            }

            if (!separated && !jsonKey)
            {
                throw Error("a value after ':' must be separated from it by a space");
            }

            var node = ReadFlowNode(n);
            if (node.Content.Kind == ContentKind.None && !node.Properties.Any)
            {
                throw Error(c == YamlChars.End ? "the flow collection is not closed" : UnexpectedMessage(c) + " in a flow collection");
            }

            return Materialize(node.Content, node.Properties);
        }

        /// <summary>
        /// s-separate(n,c) inside flow: white space, comments (after white space) and line breaks; a continued
        /// line must be indented at least <paramref name="n"/>. Returns whether anything was skipped.
        /// </summary>
        private bool SkipFlowSeparation(int n)
        {
            var separated = false;
            while (true)
            {
                if (SkipInlineWhite() > 0)
                {
                    separated = true;
                }

                var c = Peek();
                if (c == '#' && (separated || _pos == _lineStart || YamlChars.IsWhite(_text[_pos - 1])))
                {
                    while (_pos < _length && !YamlChars.IsBreak(_text[_pos]))
                    {
                        _pos++;
                    }

                    c = Peek();
                }

                if (!YamlChars.IsBreak(c))
                {
                    return separated;
                }

                ConsumeBreak();
                separated = true;
                if (AtDocumentMarker())
                {
                    throw Error("a document marker ('---' or '...') cannot appear inside a flow collection");
                }

                var spaces = CountSpaces(_lineStart);
                var first = SkipWhiteFrom(_lineStart + spaces);
                var next = At(first);

                // Beyond YAML 1.2, which wants n spaces here too: a closing bracket may sit at its key's own
                // column (n - 1), as real specs write JSON-style collections (the Docker Engine API does).
                var closing = (next == ']' || next == '}') && spaces >= n - 1;
                if (spaces < n && !closing && !(next == '#' || YamlChars.IsBreak(next) || next == YamlChars.End))
                {
                    _pos = first;
                    throw Error("this line of a flow collection is indented less than the collection's node (" + n + " spaces at least)");
                }

                _pos = first;
            }
        }

        /// <summary>White space or a line break after '?' in flow (s-separate); the end too, which then fails at the entry.</summary>
        private bool IsFlowSeparatorAt(int index) => YamlChars.IsBlankOrEnd(At(index));

        private static string Describe(char c) => c == YamlChars.End ? "the end of the text" : YamlChars.IsBreak(c) ? "a line break" : "'" + c + "'";

        /// <summary>A node read inside a flow collection: its content and its own properties.</summary>
        private readonly struct FlowNode
        {
            public FlowNode(Content content, Properties properties)
            {
                Content = content;
                Properties = properties;
            }

            public Content Content { get; }

            public Properties Properties { get; }
        }
    }
}
