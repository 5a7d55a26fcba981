using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading;
using Kua.Generated.SourceGenerator.Diagnostics;
using Newtonsoft.Json.Linq;

namespace Kua.Generated.SourceGenerator.Parsing.Yaml
{
    /// <summary>
    /// A YAML 1.2 reader that builds the JSON tree directly: a recursive descent over the productions of the
    /// YAML 1.2.2 specification, with the indentation <c>n</c> and the block/flow context <c>c</c> as
    /// parameters, measured on the official YAML test suite. Nesting is bounded (so recursion is), alias
    /// expansion is bounded, and every syntax error is a <see cref="YamlException"/> with its line and column.
    /// This file holds the reader's state, the line handling and the stream of documents; the other parts
    /// are in YamlParser.*.cs.
    /// </summary>
    internal sealed partial class YamlParser
    {
        /// <summary>An implicit key (<c>key: value</c>) spans at most this many characters (spec 7.4.2, 8.2.2).</summary>
        public const int MaxImplicitKeyLength = 1024;

        private readonly string _text;
        private readonly int _length;
        private readonly int _maxDepth;
        private readonly int _maxAliasNodes;
        private readonly CancellationToken _cancellationToken;
        private readonly Dictionary<string, Anchored> _anchors = new Dictionary<string, Anchored>(System.StringComparer.Ordinal);
        private readonly Dictionary<string, string> _tagHandles = new Dictionary<string, string>(System.StringComparer.Ordinal);
        private readonly List<YamlNote> _notes = new List<YamlNote>();
        private readonly StringBuilder _buffer = new StringBuilder();

        private int _pos;
        private int _line = 1;
        private int _lineStart;
        private int _depth;
        private int _aliasNodes;
        private int _ticks;

        /// <summary>The text of the scalar last turned into a node (null for a collection): an explicit key's text.</summary>
        private string? _lastScalarText;

        private YamlParser(string text, int maxDepth, int maxAliasNodes, CancellationToken cancellationToken)
        {
            _text = text;
            _length = text.Length;
            _maxDepth = maxDepth;
            _maxAliasNodes = maxAliasNodes;
            _cancellationToken = cancellationToken;
        }

        /// <summary>Reads every document of a YAML stream.</summary>
        /// <param name="text">The stream.</param>
        /// <param name="maxDepth">The deepest nesting of collections allowed.</param>
        /// <param name="maxAliasNodes">How many nodes aliases may copy in all.</param>
        /// <param name="cancellationToken">Checked as the reader goes.</param>
        /// <exception cref="YamlException">The text is not YAML 1.2, or exceeds a limit.</exception>
        public static YamlStream Read(string text, int maxDepth, int maxAliasNodes, CancellationToken cancellationToken)
        {
            var parser = new YamlParser(text, maxDepth, maxAliasNodes, cancellationToken);
            var documents = parser.ReadDocuments();
            return new YamlStream(documents, parser._notes);
        }

        private bool AtEnd => _pos >= _length;

        private int Column => _pos - _lineStart;

        private SourcePosition Here => new SourcePosition(_line, _pos - _lineStart + 1);

        private char Peek() => _pos < _length ? _text[_pos] : YamlChars.End;

        private char Peek(int offset) => _pos + offset < _length ? _text[_pos + offset] : YamlChars.End;

        private char At(int index) => index < _length ? _text[index] : YamlChars.End;

        private YamlException Error(string message) => Error(Here, message);

        private static YamlException Error(SourcePosition position, string message) => new YamlException(YamlErrorKind.Syntax, position, message);

        /// <summary>l-yaml-stream: documents, each optionally led by directives and ended by <c>...</c>.</summary>
        private List<YamlDocument> ReadDocuments()
        {
            RejectControlCharacters();
            var documents = new List<YamlDocument>();

            // Directives may open the stream and may follow a '...'; never a document that was not ended.
            var directivesAllowed = true;
            while (true)
            {
                SkipDocumentPrefix();
                if (AtEnd)
                {
                    break;
                }

                if (AtDocumentEndMarker())
                {
                    ReadDocumentEnd();
                    directivesAllowed = true;
                    continue;
                }

                var start = Here;
                var directives = ReadDirectives(directivesAllowed);
                JToken root;
                if (AtDirectivesEndMarker())
                {
                    start = Here;
                    _pos += 3;
                    var empty = Here;
                    root = ParseNodeAfterIndicator(-1, blockIn: true, compact: false, empty);
                }
                else if (directives)
                {
                    throw Error("the directives above are not followed by a document ('---')");
                }
                else
                {
                    root = ParseNodeOnNextLines(-1, blockIn: true, default, Here);
                }

                documents.Add(new YamlDocument(root, start));
                if (AtEnd)
                {
                    break;
                }

                if (AtDocumentEndMarker())
                {
                    ReadDocumentEnd();
                    directivesAllowed = true;
                }
                else if (AtDirectivesEndMarker())
                {
                    directivesAllowed = false;
                }
                else
                {
                    throw Error(Peek() == '%'
                        ? "a directive must follow the end marker ('...') of the document before it"
                        : "unexpected content after the end of the document (check its indentation)");
                }
            }

            return documents;
        }

        /// <summary>
        /// The characters YAML never allows (C0 controls other than tab and line breaks), checked once up front
        /// so that the scanners may take <c>'\0'</c> for the end of the text.
        /// </summary>
        private void RejectControlCharacters()
        {
            var line = 1;
            var lineStart = 0;
            for (var i = 0; i < _length; i++)
            {
                var c = _text[i];
                if (c >= ' ')
                {
                    continue;
                }

                if (c == '\n' || (c == '\r' && At(i + 1) != '\n'))
                {
                    line++;
                    lineStart = i + 1;
                }
                else if (c != '\t' && c != '\r')
                {
                    throw Error(new SourcePosition(line, i - lineStart + 1), "the control character U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) + " is not allowed in YAML");
                }
            }
        }

        /// <summary>l-document-prefix: a byte order mark, blank lines and comment lines.</summary>
        private void SkipDocumentPrefix()
        {
            while (true)
            {
                if (Peek() == '\uFEFF' && _pos == _lineStart)
                {
                    _pos++;
                }

                if (!SkipBlankOrCommentLine())
                {
                    return;
                }
            }
        }

        /// <summary>
        /// Directives (<c>%YAML</c>, <c>%TAG</c>, reserved ones) before a document. Tag handles are per
        /// document, so they are reset here.
        /// </summary>
        private bool ReadDirectives(bool allowed)
        {
            _tagHandles.Clear();
            var any = false;
            var yamlSeen = false;
            while (Peek() == '%' && _pos == _lineStart)
            {
                if (!allowed)
                {
                    throw Error("a directive must follow the end marker ('...') of the document before it");
                }

                var start = Here;
                _pos++;
                var name = ReadDirectiveWord();
                if (name == "YAML")
                {
                    if (yamlSeen)
                    {
                        throw Error(start, "a document may have only one %YAML directive");
                    }

                    yamlSeen = true;
                    RequireInlineSpace("%YAML needs a version");
                    var version = ReadDirectiveWord();
                    if (!IsYamlVersion(version))
                    {
                        throw Error(start, "the %YAML directive's version '" + version + "' is not of the form 1.2");
                    }
                }
                else if (name == "TAG")
                {
                    RequireInlineSpace("%TAG needs a handle and a prefix");
                    ReadTagDirective(start);
                }
                else
                {
                    // A reserved directive: its parameters are ignored.
                    while (SkipInlineWhite() > 0 && Peek() != '#' && !YamlChars.IsBlankOrEnd(Peek()))
                    {
                        ReadDirectiveWord();
                    }
                }

                FinishLine();
                SkipDocumentPrefix();
                any = true;
            }

            return any;
        }

        private static bool IsYamlVersion(string version)
        {
            var dot = version.IndexOf('.');
            if (dot <= 0 || dot == version.Length - 1 || version.Substring(0, dot) != "1")
            {
                return false;
            }

            for (var i = 0; i < version.Length; i++)
            {
                if (i != dot && !YamlChars.IsDecimalDigit(version[i]))
                {
                    return false;
                }
            }

            return true;
        }

        private string ReadDirectiveWord()
        {
            var start = _pos;
            while (YamlChars.IsNonSpace(Peek()))
            {
                _pos++;
            }

            if (_pos == start)
            {
                throw Error("a directive name or parameter was expected");
            }

            return _text.Substring(start, _pos - start);
        }

        private void RequireInlineSpace(string message)
        {
            if (SkipInlineWhite() == 0 || YamlChars.IsBlankOrEnd(Peek()))
            {
                throw Error(message);
            }
        }

        /// <summary>l-document-suffix: <c>...</c> and the rest of its line.</summary>
        private void ReadDocumentEnd()
        {
            _pos += 3;
            FinishLine();
        }

        /// <summary>c-directives-end: <c>---</c> at the start of a line, then white space or the end of the line.</summary>
        private bool AtDirectivesEndMarker() => AtMarker('-');

        /// <summary>c-document-end: <c>...</c> at the start of a line, then white space or the end of the line.</summary>
        private bool AtDocumentEndMarker() => AtMarker('.');

        /// <summary>A document marker at the start of the current line, which no content may look like (c-forbidden).</summary>
        private bool AtDocumentMarker() => _pos == _lineStart && (AtMarker('-') || AtMarker('.'));

        private bool AtMarker(char c) =>
            _pos == _lineStart && Peek() == c && Peek(1) == c && Peek(2) == c && YamlChars.IsBlankOrEnd(Peek(3));

        /// <summary>Whether a document marker starts the line that starts at <paramref name="lineStart"/>.</summary>
        private bool IsMarkerLine(int lineStart)
        {
            var c = At(lineStart);
            return (c == '-' || c == '.') && At(lineStart + 1) == c && At(lineStart + 2) == c && YamlChars.IsBlankOrEnd(At(lineStart + 3));
        }

        // ---- lines ----

        /// <summary>Consumes one line break (CRLF, CR or LF) at the current position.</summary>
        private void ConsumeBreak()
        {
            if (Peek() == '\r')
            {
                _pos++;
            }

            if (Peek() == '\n')
            {
                _pos++;
            }

            _line++;
            _lineStart = _pos;
        }

        private int SkipInlineWhite()
        {
            var start = _pos;
            while (_pos < _length && YamlChars.IsWhite(_text[_pos]))
            {
                _pos++;
            }

            return _pos - start;
        }

        /// <summary>The number of spaces (tabs are not indentation) at the start of the line starting at <paramref name="lineStart"/>.</summary>
        private int CountSpaces(int lineStart)
        {
            var i = lineStart;
            while (i < _length && _text[i] == ' ')
            {
                i++;
            }

            return i - lineStart;
        }

        private int SkipWhiteFrom(int index)
        {
            while (index < _length && YamlChars.IsWhite(_text[index]))
            {
                index++;
            }

            return index;
        }

        /// <summary>Whether only a comment (after white space) or nothing is left on the line.</summary>
        private bool AtLineEnd()
        {
            var c = Peek();
            return c == YamlChars.End || YamlChars.IsBreak(c) || (c == '#' && (_pos == _lineStart || YamlChars.IsWhite(_text[_pos - 1])));
        }

        /// <summary>
        /// s-b-comment: white space, a comment (after white space) and the line break, or the end of the text.
        /// Anything else left on the line is an error.
        /// </summary>
        private void FinishLine()
        {
            SkipInlineWhite();
            if (!AtLineEnd())
            {
                throw Error(Peek() == '#'
                    ? "a comment must be separated from the content before it by a space"
                    : "unexpected content '" + Excerpt() + "' at the end of the line");
            }

            while (_pos < _length && !YamlChars.IsBreak(_text[_pos]))
            {
                _pos++;
            }

            if (_pos < _length)
            {
                ConsumeBreak();
            }
        }

        /// <summary>
        /// When the current line (from the current position) is blank or a comment, consumes it and says so;
        /// otherwise leaves the position at the line's start.
        /// </summary>
        private bool SkipBlankOrCommentLine()
        {
            if (AtEnd)
            {
                return false;
            }

            var start = _pos;
            SkipInlineWhite();
            var c = Peek();
            if (c == '#' || YamlChars.IsBreak(c) || c == YamlChars.End)
            {
                while (_pos < _length && !YamlChars.IsBreak(_text[_pos]))
                {
                    _pos++;
                }

                if (_pos < _length)
                {
                    ConsumeBreak();
                }

                return true;
            }

            _pos = start;
            return false;
        }

        /// <summary>s-l-comments after a line was finished: skips blank and comment lines up to the next content line.</summary>
        private void SkipBlankAndCommentLines()
        {
            while (SkipBlankOrCommentLine())
            {
            }
        }

        private string Excerpt()
        {
            var end = _pos;
            while (end < _length && end - _pos < 20 && !YamlChars.IsBreak(_text[end]))
            {
                end++;
            }

            return _text.Substring(_pos, end - _pos);
        }

        private Mark Save() => new Mark(_pos, _line, _lineStart);

        private void Restore(Mark mark)
        {
            _pos = mark.Position;
            _line = mark.Line;
            _lineStart = mark.LineStart;
        }

        private void Tick()
        {
            if ((++_ticks & 0x3FF) == 0)
            {
                _cancellationToken.ThrowIfCancellationRequested();
            }
        }

        /// <summary>A position to come back to, with its line.</summary>
        private readonly struct Mark
        {
            public Mark(int position, int line, int lineStart)
            {
                Position = position;
                Line = line;
                LineStart = lineStart;
            }

            public int Position { get; }

            public int Line { get; }

            public int LineStart { get; }
        }
    }
}
