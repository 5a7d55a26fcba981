using Newtonsoft.Json.Linq;

namespace Kua.Generated.SourceGenerator.Parsing.Yaml
{
    /// <summary>Block scalars (spec 8.1): literal <c>|</c> and folded <c>&gt;</c>, with indentation and chomping indicators.</summary>
    internal sealed partial class YamlParser
    {
        private enum Chomping
        {
            /// <summary>The final line break stays, trailing empty lines go (no indicator).</summary>
            Clip,

            /// <summary><c>-</c>: the final line break and trailing empty lines go.</summary>
            Strip,

            /// <summary><c>+</c>: the final line break and trailing empty lines stay.</summary>
            Keep,
        }

        /// <summary>s-l+block-scalar: the block scalar at the position (its '|' or '>') as a node, then the next content line.</summary>
        private JToken ParseBlockScalarNode(int n, Properties properties)
        {
            var start = Here;
            var startIndex = _pos;
            var line = _line;
            var text = ReadBlockScalar(n);
            var node = Materialize(new Content(ContentKind.Block, text, null, start, startIndex, line), properties);
            SkipBlankAndCommentLines();
            return node;
        }

        /// <summary>
        /// c-l+literal(n) / c-l+folded(n): the header line, then the lines indented more than
        /// <paramref name="n"/> (by the indicator's amount, or as the first text line shows). Returns with the
        /// position at the start of the first line that is not part of the scalar.
        /// </summary>
        private string ReadBlockScalar(int n)
        {
            var literal = Peek() == '|';
            _pos++;
            var indentation = 0;
            var chomping = Chomping.Clip;
            for (var i = 0; i < 2; i++)
            {
                var c = Peek();
                if (c >= '1' && c <= '9' && indentation == 0)
                {
                    indentation = c - '0';
                    _pos++;
                }
                else if ((c == '-' || c == '+') && chomping == Chomping.Clip)
                {
                    chomping = c == '-' ? Chomping.Strip : Chomping.Keep;
                    _pos++;
                }
                else
                {
                    break;
                }
            }

            if (YamlChars.IsDecimalDigit(Peek()))
            {
                throw Error("a block scalar's indentation indicator is one digit from 1 to 9");
            }

            SkipInlineWhite();
            if (!AtLineEnd())
            {
                throw Error(Peek() == '#'
                    ? "a comment must be separated from the content before it by a space"
                    : "a block scalar's text starts on the line after its '" + (literal ? "|" : ">") + "' header");
            }

            FinishLine();
            var contentIndent = indentation > 0 ? n + indentation : DetectIndentation(n);
            var text = _buffer.Clear();
            var empty = 0;
            var any = false;
            var previousSpaced = false;
            while (!AtEnd && !AtDocumentMarker())
            {
                var spaces = CountSpaces(_lineStart);
                var first = _lineStart + spaces;
                var c = At(first);
                if ((YamlChars.IsBreak(c) || c == YamlChars.End) && spaces <= contentIndent)
                {
                    // An empty line (the last line of the text counts even without its line break).
                    empty++;
                    _pos = first;
                    if (c == YamlChars.End)
                    {
                        break;
                    }

                    ConsumeBreak();
                    continue;
                }

                if (spaces < contentIndent)
                {
                    break;
                }

                var lineText = _lineStart + contentIndent;
                var lineEnd = lineText;
                while (lineEnd < _length && !YamlChars.IsBreak(_text[lineEnd]))
                {
                    lineEnd++;
                }

                if (literal)
                {
                    text.Append('\n', any ? empty + 1 : empty);
                }
                else
                {
                    // Folding: a break between two text lines is a space (or the empty lines' line feeds);
                    // around a more-indented ("spaced") line every break stays.
                    var spaced = YamlChars.IsWhite(_text[lineText]);
                    if (!any)
                    {
                        text.Append('\n', empty);
                    }
                    else if (!previousSpaced && !spaced)
                    {
                        if (empty == 0)
                        {
                            text.Append(' ');
                        }
                        else
                        {
                            text.Append('\n', empty);
                        }
                    }
                    else
                    {
                        text.Append('\n', empty + 1);
                    }

                    previousSpaced = spaced;
                }

                text.Append(_text, lineText, lineEnd - lineText);
                any = true;
                empty = 0;
                _pos = lineEnd;
                if (!AtEnd)
                {
                    ConsumeBreak();
                }
            }

            if (any && chomping != Chomping.Strip)
            {
                text.Append('\n');
            }

            if (chomping == Chomping.Keep)
            {
                text.Append('\n', empty);
            }

            RejectTabLineAfterBlockScalar();
            Tick();
            return text.ToString();
        }

        /// <summary>
        /// The content indentation of a block scalar without an indicator: that of its first non-empty line;
        /// when it has none, that of its longest (all-space) line, so a scalar of only space lines reads as
        /// empty lines whatever their length.
        /// </summary>
        private int DetectIndentation(int n)
        {
            var longest = 0;
            var longestLine = _line;
            var i = _pos;
            var line = _line;
            while (i < _length && !IsMarkerLine(i))
            {
                var spaces = CountSpaces(i);
                var c = At(i + spaces);
                if (YamlChars.IsBreak(c) || c == YamlChars.End)
                {
                    if (spaces > longest)
                    {
                        longest = spaces;
                        longestLine = line;
                    }

                    if (c == YamlChars.End)
                    {
                        break;
                    }

                    i += spaces + (c == '\r' && At(i + spaces + 1) == '\n' ? 2 : 1);
                    line++;
                    continue;
                }

                if (spaces > n)
                {
                    if (longest > spaces)
                    {
                        throw Error(
                            new Diagnostics.SourcePosition(longestLine, longest),
                            "a leading empty line of this block scalar has more spaces (" + longest + ") than its first line of text (" + spaces + ")");
                    }

                    return spaces;
                }

                break;
            }

            return longest > n ? longest : n + 1;
        }

        /// <summary>
        /// A block scalar ends before a line that holds a tab and nothing else, which (unlike after other
        /// nodes) no production of the enclosing collection can consume: an error unless the document ends there.
        /// </summary>
        private void RejectTabLineAfterBlockScalar()
        {
            if (AtEnd || AtDocumentMarker())
            {
                return;
            }

            var spaces = CountSpaces(_lineStart);
            var first = SkipWhiteFrom(_lineStart + spaces);
            var c = At(first);
            if (first == _lineStart + spaces || !(YamlChars.IsBreak(c) || c == YamlChars.End))
            {
                return;
            }

            var mark = Save();
            SkipBlankAndCommentLines();
            var more = !AtEnd && !AtDocumentMarker();
            Restore(mark);
            if (more)
            {
                throw Error("a line of tabs after a block scalar is neither its text nor indentation (tabs cannot indent)");
            }
        }
    }
}
