using System.Globalization;

namespace Kua.Generated.SourceGenerator.Parsing.Yaml
{
    /// <summary>
    /// Flow scalars (spec 7.3): plain, single-quoted and double-quoted, with line folding (6.5): a single line
    /// break reads as a space, each further empty line as a line feed, white space around breaks is dropped.
    /// </summary>
    internal sealed partial class YamlParser
    {
        /// <summary>ns-plain-first: a non-space that is not an indicator, or '-', '?', ':' followed by a safe character.</summary>
        private bool IsPlainStart(int index, bool inFlow)
        {
            var c = At(index);
            if (!YamlChars.IsNonSpace(c))
            {
                return false;
            }

            if (YamlChars.IsIndicator(c))
            {
                return (c == '-' || c == '?' || c == ':') && IsPlainSafe(index + 1, inFlow);
            }

            return true;
        }

        /// <summary>ns-plain-safe(c): a non-space; inside a flow collection, not a flow indicator either.</summary>
        private bool IsPlainSafe(int index, bool inFlow)
        {
            var c = At(index);
            return YamlChars.IsNonSpace(c) && !(inFlow && YamlChars.IsFlowIndicator(c));
        }

        /// <summary>
        /// The end of the plain scalar text on the current line from <paramref name="index"/> (trailing white
        /// space excluded): it stops at ': ', ' #', a line break, and inside flow at a flow indicator.
        /// </summary>
        private int PlainLineEnd(int index, bool inFlow)
        {
            var end = index;
            while (index < _length)
            {
                var c = _text[index];
                if (YamlChars.IsWhite(c))
                {
                    index++;
                    continue;
                }

                if (YamlChars.IsBreak(c)
                    || (c == ':' && !IsPlainSafe(index + 1, inFlow))
                    || (c == '#' && YamlChars.IsWhite(_text[index - 1]))
                    || (inFlow && YamlChars.IsFlowIndicator(c))
                    || c == '\uFEFF')
                {
                    break;
                }

                index++;
                end = index;
            }

            return end;
        }

        /// <summary>
        /// ns-plain(n,c): a plain scalar, continued on following lines indented at least <paramref name="n"/>
        /// that do not start a comment or a document marker.
        /// </summary>
        private string ReadPlain(int n, bool inFlow)
        {
            var start = _pos;
            var end = PlainLineEnd(_pos, inFlow);
            _pos = end;
            var folded = false;
            while (true)
            {
                var afterText = Save();
                var breaks = ContinuePlain(n, inFlow);
                if (breaks < 0)
                {
                    Restore(afterText);
                    break;
                }

                if (!folded)
                {
                    _buffer.Clear().Append(_text, start, end - start);
                    folded = true;
                }

                if (breaks == 0)
                {
                    _buffer.Append(' ');
                }
                else
                {
                    _buffer.Append('\n', breaks);
                }

                var lineStart = _pos;
                end = PlainLineEnd(_pos, inFlow);
                _buffer.Append(_text, lineStart, end - lineStart);
                _pos = end;
            }

            Tick();
            return folded ? _buffer.ToString() : _text.Substring(start, end - start);
        }

        /// <summary>
        /// s-ns-plain-next-line: after a plain scalar's text, moves to the first character of its next line and
        /// returns the number of empty lines passed, or -1 when the scalar does not go on.
        /// </summary>
        private int ContinuePlain(int n, bool inFlow)
        {
            SkipInlineWhite();
            if (!YamlChars.IsBreak(Peek()))
            {
                return -1;
            }

            var empty = 0;
            while (true)
            {
                ConsumeBreak();
                if (AtEnd || AtDocumentMarker())
                {
                    return -1;
                }

                var spaces = CountSpaces(_lineStart);
                var first = SkipWhiteFrom(_lineStart + spaces);
                var c = At(first);
                if (YamlChars.IsBreak(c) || c == YamlChars.End)
                {
                    // l-empty(n, flow-in): fewer than n spaces and nothing else, or n spaces and any white space.
                    if (spaces < n && first > _lineStart + spaces)
                    {
                        return -1;
                    }

                    _pos = first;
                    if (c == YamlChars.End)
                    {
                        return -1;
                    }

                    empty++;
                    continue;
                }

                if (spaces < n)
                {
                    return -1;
                }

                var continues = c == ':' ? IsPlainSafe(first + 1, inFlow) : c != '#' && IsPlainSafe(first, inFlow);
                if (!continues)
                {
                    return -1;
                }

                _pos = first;
                return empty;
            }
        }

        /// <summary>
        /// c-single-quoted(n,c) (<c>'…'</c>, <c>''</c> for a quote) or c-double-quoted(n,c) (<c>"…"</c> with
        /// escapes, 5.7, and <c>\</c> at a line end joining lines), folded across lines.
        /// </summary>
        private string ReadQuoted(int n)
        {
            var open = Here;
            var quote = Peek();
            var style = quote == '"' ? "double-quoted" : "single-quoted";
            _pos++;
            var text = _buffer.Clear();
            var segment = _pos;
            while (true)
            {
                if (AtEnd)
                {
                    throw Error(open, "the " + style + " scalar is not closed");
                }

                var c = _text[_pos];
                if (c == quote)
                {
                    text.Append(_text, segment, _pos - segment);
                    if (quote == '\'' && Peek(1) == '\'')
                    {
                        text.Append('\'');
                        _pos += 2;
                        segment = _pos;
                        continue;
                    }

                    _pos++;
                    break;
                }

                if (c == '\\' && quote == '"')
                {
                    text.Append(_text, segment, _pos - segment);
                    if (YamlChars.IsBreak(Peek(1)))
                    {
                        // An escaped line break: the white space before it stays, the break and the next line's indentation go.
                        _pos++;
                        ConsumeBreak();
                        SkipQuotedContinuation(text, n, open, style);
                    }
                    else
                    {
                        AppendEscape(text);
                    }

                    segment = _pos;
                    continue;
                }

                if (YamlChars.IsBreak(c))
                {
                    AppendTrimmed(text, segment, _pos);
                    FoldQuotedBreak(text, n, open, style);
                    segment = _pos;
                    continue;
                }

                _pos++;
            }

            Tick();
            return text.ToString();
        }

        /// <summary>Appends text[start..end) without its trailing white space (the white space before a folded break).</summary>
        private void AppendTrimmed(System.Text.StringBuilder text, int start, int end)
        {
            while (end > start && YamlChars.IsWhite(_text[end - 1]))
            {
                end--;
            }

            text.Append(_text, start, end - start);
        }

        /// <summary>s-flow-folded(n) in a quoted scalar: the break at the position reads as a space, or as one line feed per empty line after it.</summary>
        private void FoldQuotedBreak(System.Text.StringBuilder text, int n, Diagnostics.SourcePosition open, string style)
        {
            ConsumeBreak();
            var length = text.Length;
            SkipQuotedContinuation(text, n, open, style);
            if (text.Length == length)
            {
                text.Append(' ');
            }
        }

        /// <summary>
        /// After a break inside a quoted scalar: empty lines (one line feed each) and the next line's prefix,
        /// which must be indented at least <paramref name="n"/> and not be a document marker.
        /// </summary>
        private void SkipQuotedContinuation(System.Text.StringBuilder text, int n, Diagnostics.SourcePosition open, string style)
        {
            while (true)
            {
                if (AtDocumentMarker())
                {
                    throw Error("a document marker ('---' or '...') cannot appear inside a " + style + " scalar (opened at line " + open.Line + ")");
                }

                var spaces = CountSpaces(_lineStart);
                var first = SkipWhiteFrom(_lineStart + spaces);
                var c = At(first);
                if (YamlChars.IsBreak(c) && !(spaces < n && first > _lineStart + spaces))
                {
                    _pos = first;
                    text.Append('\n');
                    ConsumeBreak();
                    continue;
                }

                if (spaces < n && c != YamlChars.End)
                {
                    _pos = _lineStart + spaces;
                    throw Error("this line of a " + style + " scalar (opened at line " + open.Line + ") is indented less than its node (" + n + " spaces at least)");
                }

                _pos = first;
                return;
            }
        }

        /// <summary>c-ns-esc-char: one escape sequence at the position (a backslash).</summary>
        private void AppendEscape(System.Text.StringBuilder text)
        {
            var at = Here;
            var c = Peek(1);
            _pos += 2;
            switch (c)
            {
                case '0': text.Append('\0'); return;
                case 'a': text.Append('\a'); return;
                case 'b': text.Append('\b'); return;
                case 't':
                case '\t': text.Append('\t'); return;
                case 'n': text.Append('\n'); return;
                case 'v': text.Append('\v'); return;
                case 'f': text.Append('\f'); return;
                case 'r': text.Append('\r'); return;
                case 'e': text.Append('\u001B'); return;
                case ' ': text.Append(' '); return;
                case '"': text.Append('"'); return;
                case '/': text.Append('/'); return;
                case '\\': text.Append('\\'); return;
                case 'N': text.Append('\u0085'); return;
                case '_': text.Append('\u00A0'); return;
                case 'L': text.Append('\u2028'); return;
                case 'P': text.Append('\u2029'); return;
                case 'x': AppendCodePoint(text, 2, at); return;
                case 'u': AppendCodePoint(text, 4, at); return;
                case 'U': AppendCodePoint(text, 8, at); return;
                default:
                    throw Error(at, "'\\" + (c == YamlChars.End ? string.Empty : c.ToString()) + "' is not a YAML escape sequence");
            }
        }

        private void AppendCodePoint(System.Text.StringBuilder text, int digits, Diagnostics.SourcePosition at)
        {
            if (_pos + digits > _length)
            {
                throw Error(at, "an escape sequence needs " + digits + " hex digits");
            }

            for (var i = 0; i < digits; i++)
            {
                if (!YamlChars.IsHexDigit(_text[_pos + i]))
                {
                    throw Error(at, "an escape sequence needs " + digits + " hex digits");
                }
            }

            var value = long.Parse(_text.Substring(_pos, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            _pos += digits;
            if (digits < 8 || value <= 0xFFFF)
            {
                // \uD83D\uDE00 writes a surrogate pair half by half, as JSON does.
                text.Append((char)value);
            }
            else if (value <= 0x10FFFF)
            {
                text.Append(char.ConvertFromUtf32((int)value));
            }
            else
            {
                throw Error(at, "the escape sequence names no Unicode character");
            }
        }
    }
}
