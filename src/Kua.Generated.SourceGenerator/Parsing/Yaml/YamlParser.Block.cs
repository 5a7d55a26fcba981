using Kua.Generated.SourceGenerator.Diagnostics;
using Newtonsoft.Json.Linq;

namespace Kua.Generated.SourceGenerator.Parsing.Yaml
{
    /// <summary>
    /// Block structure (spec chapter 8.2): sequences, mappings, and the node that follows an indicator.
    /// Every block parser returns with the position at the start of the next line that has content (or at the
    /// end of the text), so the caller decides by that line's indentation whether its collection goes on.
    /// </summary>
    internal sealed partial class YamlParser
    {
        /// <summary>
        /// s-l+block-node(n,c), or s-l+block-indented(n,c) when <paramref name="compact"/>: the node after an
        /// indicator (<c>-</c>, <c>?</c>, <c>:</c>, <c>---</c>), which the caller checked is followed by white space,
        /// a line break or the end.
        /// </summary>
        /// <param name="n">The indentation of the collection the indicator belongs to.</param>
        /// <param name="blockIn">The context is block-in (a sequence entry, a document) rather than block-out (a mapping's key or value).</param>
        /// <param name="compact">A compact sequence or mapping may start on this line (after <c>-</c>, <c>?</c> or an explicit <c>:</c>).</param>
        /// <param name="emptyAt">Where an empty node is said to be.</param>
        private JToken ParseNodeAfterIndicator(int n, bool blockIn, bool compact, SourcePosition emptyAt)
        {
            var tab = false;
            while (YamlChars.IsWhite(Peek()))
            {
                tab |= Peek() == '\t';
                _pos++;
            }

            if (AtLineEnd())
            {
                FinishLine();
                SkipBlankAndCommentLines();
                return ParseNodeOnNextLines(n, blockIn, default, emptyAt);
            }

            // A compact collection is indented by spaces after the indicator (s-indent(m)): a tab rules it out.
            return ParseNodeHere(n, blockIn, default, collections: compact && !tab, emptyAt);
        }

        /// <summary>
        /// The node of an indicator whose line ended: it starts on a later line, indented more than
        /// <paramref name="n"/> (a sequence in block-out context may start at <paramref name="n"/> itself), or
        /// it is empty. The position is at the start of a content line, or at the end of the text.
        /// </summary>
        private JToken ParseNodeOnNextLines(int n, bool blockIn, Properties properties, SourcePosition emptyAt)
        {
            if (AtEnd || AtDocumentMarker())
            {
                return Materialize(new Content(ContentKind.None, null, null, emptyAt, _pos, _line), properties);
            }

            var indent = CountSpaces(_lineStart);
            var first = _lineStart + indent;
            var tab = YamlChars.IsWhite(At(first));

            // seq-spaces(n,c): a block-out sequence may sit at its key's own indentation.
            var sequenceAbove = blockIn ? n : n - 1;
            if (!tab && indent > sequenceAbove && At(first) == '-' && YamlChars.IsBlankOrEnd(At(first + 1)))
            {
                _pos = first;
                return Materialize(CollectionContent(ParseBlockSequence(indent)), properties);
            }

            if (indent <= n)
            {
                return Materialize(new Content(ContentKind.None, null, null, emptyAt, _pos, _line), properties);
            }

            _pos = SkipWhiteFrom(first);
            return ParseNodeHere(n, blockIn, properties, collections: !tab, emptyAt);
        }

        /// <summary>
        /// The node whose content starts at the current position (no white space): a compact or block
        /// collection (when <paramref name="collections"/>), a block scalar, or a flow node. A flow node on
        /// one line followed by <c>: </c> is the first key of a block mapping at its column.
        /// </summary>
        /// <param name="n">The indentation of the parent collection.</param>
        /// <param name="blockIn">The context is block-in.</param>
        /// <param name="outer">Properties read on earlier lines: they belong to this node (to the mapping, when a key follows).</param>
        /// <param name="collections">A block collection may start at this column.</param>
        /// <param name="emptyAt">Where an empty node is said to be.</param>
        private JToken ParseNodeHere(int n, bool blockIn, Properties outer, bool collections, SourcePosition emptyAt)
        {
            var column = Column;
            var c = Peek();
            if (collections && YamlChars.IsBlankOrEnd(Peek(1)))
            {
                if (c == '-')
                {
                    return Materialize(CollectionContent(ParseBlockSequence(column)), outer);
                }

                if (c == '?' || c == ':')
                {
                    return Materialize(CollectionContent(ParseBlockMapping(column, null)), outer);
                }
            }

            if (c == '|' || c == '>')
            {
                return ParseBlockScalarNode(n, outer);
            }

            var own = default(Properties);
            var start = Here;
            var startIndex = _pos;
            if (c == '!' || c == '&')
            {
                own = ReadInlineProperties();
                var separated = SkipInlineWhite() > 0;
                if (AtLineEnd())
                {
                    // Properties alone on their line belong to the node on the next lines.
                    FinishLine();
                    SkipBlankAndCommentLines();
                    return ParseNodeOnNextLines(n, blockIn, Merge(outer, own), emptyAt);
                }

                if (!separated)
                {
                    throw Error("a tag or an anchor must be followed by a space");
                }

                c = Peek();
                if (c == '|' || c == '>')
                {
                    return ParseBlockScalarNode(n, Merge(outer, own));
                }

                if (c == ':' && YamlChars.IsBlankOrEnd(Peek(1)))
                {
                    // An empty key with properties ('!!null : value').
                    if (!collections)
                    {
                        throw Error("a mapping cannot start here (a mapping value on the same line as its key must be a scalar or a flow collection)");
                    }

                    var key = new Content(ContentKind.None, null, null, start, startIndex, _line);
                    return Materialize(CollectionContent(ParseBlockMapping(column, new FirstKey(key, own))), outer);
                }
            }

            var content = ReadFlowContent(n + 1, inFlow: false);
            if (content.Kind == ContentKind.None)
            {
                throw Error(UnexpectedMessage(Peek()));
            }

            var afterContent = Save();
            SkipInlineWhite();
            if (Peek() == ':' && YamlChars.IsBlankOrEnd(Peek(1)))
            {
                if (!collections)
                {
                    throw Error("a mapping cannot start here (a mapping value on the same line as its key must be a scalar or a flow collection)");
                }

                CheckImplicitKey(content, startIndex);
                return Materialize(CollectionContent(ParseBlockMapping(column, new FirstKey(content, own))), outer);
            }

            Restore(afterContent);
            var node = Materialize(content, Merge(outer, own));
            FinishLine();
            SkipBlankAndCommentLines();
            return node;
        }

        /// <summary>l+block-sequence(n): entries <c>- node</c> at exactly <paramref name="column"/>.</summary>
        private JArray ParseBlockSequence(int column)
        {
            var start = Here;
            EnterCollection(start);
            var sequence = Annotate(new JArray(), start);
            while (true)
            {
                _pos++;
                sequence.Add(ParseNodeAfterIndicator(column, blockIn: true, compact: true, Here));
                if (AtEnd || AtDocumentMarker())
                {
                    break;
                }

                var indent = CountSpaces(_lineStart);
                if (indent < column)
                {
                    break;
                }

                var first = _lineStart + indent;
                if (indent > column)
                {
                    _pos = first;
                    throw Error("this line is indented more than the sequence entries above it");
                }

                if (At(first) == '-' && YamlChars.IsBlankOrEnd(At(first + 1)))
                {
                    _pos = first;
                    continue;
                }

                if (YamlChars.IsWhite(At(first)))
                {
                    _pos = first;
                    throw Error("a tab cannot indent a block collection entry");
                }

                // The next key of a mapping that holds this sequence at the key's own indentation.
                break;
            }

            LeaveCollection();
            return sequence;
        }

        /// <summary>
        /// l+block-mapping(n): entries at exactly <paramref name="column"/>, explicit (<c>? key</c> / <c>: value</c>)
        /// or implicit (<c>key: value</c>, the key on one line).
        /// </summary>
        /// <param name="column">The entries' indentation.</param>
        /// <param name="first">The first key when the caller already read it; the position is then at its ':'.</param>
        private JObject ParseBlockMapping(int column, FirstKey? first)
        {
            var start = first?.Start ?? Here;
            EnterCollection(start);
            var mapping = Annotate(new JObject(), start);
            var pending = first;
            while (true)
            {
                string keyText;
                SourcePosition keyPosition;
                JToken value;
                if (pending is FirstKey known)
                {
                    pending = null;
                    var key = Materialize(known.Key, known.Properties);
                    keyPosition = known.Start;
                    keyText = KeyText(known.Key.Text, key, keyPosition);
                    value = ParseImplicitValue(column);
                }
                else if (Peek() == '?' && YamlChars.IsBlankOrEnd(Peek(1)))
                {
                    _pos++;
                    var key = ParseNodeAfterIndicator(column, blockIn: false, compact: true, Here);
                    keyPosition = SpecLines.Of(key);
                    keyText = KeyText(_lastScalarText, key, keyPosition);
                    if (!AtEnd && !AtDocumentMarker() && CountSpaces(_lineStart) == column && At(_lineStart + column) == ':' && YamlChars.IsBlankOrEnd(At(_lineStart + column + 1)))
                    {
                        _pos = _lineStart + column + 1;
                        value = ParseNodeAfterIndicator(column, blockIn: false, compact: true, Here);
                    }
                    else
                    {
                        value = Materialize(new Content(ContentKind.None, null, null, keyPosition, _pos, _line), default);
                    }
                }
                else
                {
                    var implicitKey = ReadImplicitKey(column);
                    var key = Materialize(implicitKey.Key, implicitKey.Properties);
                    keyPosition = implicitKey.Start;
                    keyText = KeyText(implicitKey.Key.Text, key, keyPosition);
                    value = ParseImplicitValue(column);
                }

                AddEntry(mapping, keyText, keyPosition, value);
                if (AtEnd || AtDocumentMarker())
                {
                    break;
                }

                var indent = CountSpaces(_lineStart);
                if (indent < column)
                {
                    break;
                }

                _pos = _lineStart + indent;
                if (indent > column)
                {
                    throw Error("this line is indented more than the mapping entries above it");
                }

                if (YamlChars.IsWhite(Peek()))
                {
                    throw Error("a tab cannot indent a block collection entry");
                }
            }

            LeaveCollection();
            return mapping;
        }

        /// <summary>c-l-block-map-implicit-value: the ':' at the current position and the value after it.</summary>
        private JToken ParseImplicitValue(int column)
        {
            var colon = Here;
            _pos++;
            return ParseNodeAfterIndicator(column, blockIn: false, compact: false, new SourcePosition(colon.Line, colon.Column + 1));
        }

        /// <summary>
        /// ns-s-block-map-implicit-key: properties and a flow node on one line (or nothing: an empty key), then
        /// optional white space and ':' followed by white space or the end of the line.
        /// </summary>
        private FirstKey ReadImplicitKey(int column)
        {
            var start = Here;
            var startIndex = _pos;
            var properties = default(Properties);
            if (Peek() == '!' || Peek() == '&')
            {
                properties = ReadInlineProperties();
                if (SkipInlineWhite() == 0 && !AtLineEnd())
                {
                    throw Error("a tag or an anchor must be followed by a space");
                }
            }

            Content key;
            if (Peek() == ':' && YamlChars.IsBlankOrEnd(Peek(1)))
            {
                key = new Content(ContentKind.None, null, null, start, startIndex, _line);
            }
            else
            {
                if (AtLineEnd() || (Peek() == '-' && YamlChars.IsBlankOrEnd(Peek(1))))
                {
                    throw Error(MappingEntryExpected());
                }

                key = ReadFlowContent(column + 1, inFlow: false);
                if (key.Kind == ContentKind.None)
                {
                    throw Error(UnexpectedMessage(Peek()));
                }

                SkipInlineWhite();
                if (!(Peek() == ':' && YamlChars.IsBlankOrEnd(Peek(1))))
                {
                    throw Error(key.StartLine == _line ? MappingEntryExpected() : "an implicit mapping key must be on a single line");
                }

                CheckImplicitKey(key, startIndex);
            }

            return new FirstKey(key, properties);
        }

        private string MappingEntryExpected() =>
            "a mapping entry ('key: value') was expected" + (AtLineEnd() ? string.Empty : " at '" + Excerpt() + "'");

        /// <summary>An implicit key must be on one line and at most 1024 characters long.</summary>
        private void CheckImplicitKey(Content key, int startIndex)
        {
            if (key.StartLine != _line)
            {
                throw Error(key.Start, "an implicit mapping key must be on a single line");
            }

            if (_pos - startIndex > MaxImplicitKeyLength)
            {
                throw Error(key.Start, "an implicit mapping key is longer than 1024 characters");
            }
        }

        private static Content CollectionContent(JToken collection) =>
            new Content(ContentKind.Collection, null, collection, SpecLines.Of(collection), 0, 0);

        private static string UnexpectedMessage(char c) => c switch
        {
            YamlChars.End => "unexpected end of the text",
            '\t' => "a tab cannot start a node here",
            '@' or '`' => "'" + c + "' is reserved and cannot start a plain scalar (quote it)",
            '%' => "'%' cannot start a plain scalar (quote it); a directive must start a line before '---'",
            _ => "unexpected '" + c + "'",
        };

        /// <summary>A mapping's first key, read before the parser knew it was one.</summary>
        private readonly struct FirstKey
        {
            public FirstKey(Content key, Properties properties)
            {
                Key = key;
                Properties = properties;
            }

            public Content Key { get; }

            public Properties Properties { get; }

            /// <summary>Where the key is said to be: its first property, or its content.</summary>
            public SourcePosition Start => Properties.Any ? Properties.Start : Key.Start;
        }
    }
}
