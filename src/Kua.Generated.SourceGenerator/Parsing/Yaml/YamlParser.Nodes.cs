using System.Collections.Generic;
using System.Globalization;
using Kua.Generated.SourceGenerator.Diagnostics;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Kua.Generated.SourceGenerator.Parsing.Yaml
{
    /// <summary>Node properties (tags, anchors), aliases, and turning parsed content into JSON nodes.</summary>
    internal sealed partial class YamlParser
    {
        private const string CoreHandle = "!!";

        // ---- properties ----

        /// <summary>
        /// c-ns-properties on one line: a tag and/or an anchor, in either order, separated by white space.
        /// Leaves the position after the last property.
        /// </summary>
        private Properties ReadInlineProperties()
        {
            var properties = new Properties { Start = Here };
            while (true)
            {
                var c = Peek();
                if (c == '!' && properties.Tag == YamlTag.None)
                {
                    properties.Tag = ReadTag();
                }
                else if (c == '&' && properties.Anchor is null)
                {
                    properties.Anchor = ReadAnchorName();
                }
                else
                {
                    return properties;
                }

                var afterProperty = Save();
                SkipInlineWhite();
                var next = Peek();
                if (!((next == '!' && properties.Tag == YamlTag.None) || (next == '&' && properties.Anchor is null)))
                {
                    Restore(afterProperty);
                    return properties;
                }
            }
        }

        /// <summary>
        /// ns-anchor-name after the '&amp;' of an anchor or the '*' of an alias at the position: non-space
        /// characters other than flow indicators.
        /// </summary>
        private string ReadAnchorName()
        {
            var at = Here;
            var indicator = Peek();
            _pos++;
            var start = _pos;
            while (YamlChars.IsAnchorChar(Peek()))
            {
                _pos++;
            }

            if (_pos == start)
            {
                throw Error(at, (indicator == '&' ? "an anchor" : "an alias") + " ('" + indicator + "') needs a name");
            }

            return _text.Substring(start, _pos - start);
        }

        /// <summary>
        /// c-ns-tag-property: a verbatim tag <c>!&lt;…&gt;</c>, a shorthand <c>!suffix</c>, <c>!!suffix</c> or
        /// <c>!handle!suffix</c> (expanded through the document's %TAG directives), or the non-specific <c>!</c>.
        /// </summary>
        private YamlTag ReadTag()
        {
            var at = Here;
            _pos++;
            if (Peek() == '<')
            {
                _pos++;
                var start = _pos;
                while (Peek() != '>')
                {
                    if (!YamlChars.IsUriChar(Peek()))
                    {
                        throw Error(at, "a verbatim tag ('!<…>') is not closed by '>'");
                    }

                    ReadUriChar();
                }

                if (_pos == start)
                {
                    throw Error(at, "a verbatim tag ('!<…>') is empty");
                }

                var tag = _text.Substring(start, _pos - start);
                _pos++;
                return YamlTags.Classify(tag);
            }

            // The handle: '!', '!!' or '!word!'.
            var handle = "!";
            if (Peek() == '!')
            {
                _pos++;
                handle = CoreHandle;
            }
            else
            {
                var word = _pos;
                while (YamlChars.IsWordChar(At(word)))
                {
                    word++;
                }

                if (word > _pos && At(word) == '!')
                {
                    handle = _text.Substring(_pos - 1, word - _pos + 2);
                    _pos = word + 1;
                }
            }

            var suffixStart = _pos;
            while (YamlChars.IsTagChar(Peek()))
            {
                ReadUriChar();
            }

            var suffix = _text.Substring(suffixStart, _pos - suffixStart);
            if (suffix.Length == 0)
            {
                if (handle == "!")
                {
                    return YamlTag.NonSpecific;
                }

                throw Error(at, "the tag '" + handle + "' has no suffix");
            }

            string? prefix;
            if (!_tagHandles.TryGetValue(handle, out prefix))
            {
                if (handle == "!")
                {
                    prefix = "!";
                }
                else if (handle == CoreHandle)
                {
                    prefix = YamlTags.CorePrefix;
                }
                else
                {
                    throw Error(at, "the tag handle '" + handle + "' is not declared by a %TAG directive of this document");
                }
            }

            return YamlTags.Classify(prefix + suffix);
        }

        /// <summary>One ns-uri-char; a <c>%</c> must start a two-digit hex escape.</summary>
        private void ReadUriChar()
        {
            if (Peek() == '%' && !(YamlChars.IsHexDigit(Peek(1)) && YamlChars.IsHexDigit(Peek(2))))
            {
                throw Error("a '%' in a tag must be followed by two hex digits");
            }

            _pos += Peek() == '%' ? 3 : 1;
        }

        /// <summary>ns-tag-directive: <c>%TAG handle prefix</c>.</summary>
        private void ReadTagDirective(SourcePosition start)
        {
            if (Peek() != '!')
            {
                throw Error("a %TAG handle starts with '!'");
            }

            var handleStart = _pos;
            _pos++;
            if (Peek() == '!')
            {
                _pos++;
            }
            else if (YamlChars.IsWordChar(Peek()))
            {
                while (YamlChars.IsWordChar(Peek()))
                {
                    _pos++;
                }

                if (Peek() != '!')
                {
                    throw Error("a named %TAG handle ends with '!'");
                }

                _pos++;
            }

            var handle = _text.Substring(handleStart, _pos - handleStart);
            RequireInlineSpace("%TAG needs a prefix after its handle");
            var prefixStart = _pos;
            if (Peek() == '!')
            {
                _pos++;
            }
            else if (!YamlChars.IsTagChar(Peek()))
            {
                throw Error("a %TAG prefix starts with '!' or a tag character");
            }

            while (YamlChars.IsUriChar(Peek()))
            {
                ReadUriChar();
            }

            if (_tagHandles.ContainsKey(handle))
            {
                throw Error(start, "the tag handle '" + handle + "' is declared twice");
            }

            _tagHandles[handle] = _text.Substring(prefixStart, _pos - prefixStart);
        }

        private static Properties Merge(Properties outer, Properties own)
        {
            if (!outer.Any)
            {
                return own;
            }

            if (!own.Any)
            {
                return outer;
            }

            if (outer.Anchor != null && own.Anchor != null)
            {
                throw Error(own.Start, "a node has two anchors");
            }

            if (outer.Tag != YamlTag.None && own.Tag != YamlTag.None)
            {
                throw Error(own.Start, "a node has two tags");
            }

            return new Properties
            {
                Anchor = outer.Anchor ?? own.Anchor,
                Tag = outer.Tag != YamlTag.None ? outer.Tag : own.Tag,
                Start = outer.Start,
            };
        }

        // ---- aliases ----

        /// <summary>c-ns-alias-node: a copy of the node the anchor names, counted against the alias budget.</summary>
        private Content ReadAlias()
        {
            var at = Here;
            var startIndex = _pos;
            var name = ReadAnchorName();
            if (!_anchors.TryGetValue(name, out var anchored))
            {
                throw Error(at, "the alias '*" + name + "' has no anchor");
            }

            _aliasNodes += CountNodes(anchored.Node, _maxAliasNodes);
            if (_aliasNodes > _maxAliasNodes)
            {
                throw new YamlException(YamlErrorKind.TooManyAliasNodes, at, "YAML aliases expand to more than " + _maxAliasNodes.ToString(CultureInfo.InvariantCulture) + " nodes");
            }

            return new Content(ContentKind.Alias, anchored.ScalarText, anchored.Node.DeepClone(), at, startIndex, _line);
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

        // ---- nodes ----

        /// <summary>The JSON node for parsed content and its properties; registers the anchor.</summary>
        private JToken Materialize(Content content, Properties properties)
        {
            Tick();
            JToken node;
            string? scalarText = null;
            switch (content.Kind)
            {
                case ContentKind.Alias:
                    if (properties.Any)
                    {
                        throw Error(properties.Start, "an alias cannot have a tag or an anchor");
                    }

                    _lastScalarText = content.Text;
                    return content.Collection!;
                case ContentKind.Collection:
                    node = content.Collection!;
                    if (properties.Any)
                    {
                        // A collection starts at its properties, even on an earlier line ('--- !!set', '&a' above '- x').
                        node.RemoveAnnotations<SpecLines.Annotation>();
                        Annotate(node, properties.Start);
                    }

                    break;
                case ContentKind.None:
                    scalarText = string.Empty;
                    node = Annotate(properties.Tag == YamlTag.String || properties.Tag == YamlTag.NonSpecific ? new JValue(string.Empty) : JValue.CreateNull(), ScalarStart(content, properties));
                    break;
                default:
                    scalarText = content.Text!;
                    node = Annotate(YamlScalarResolver.Resolve(scalarText, content.Kind == ContentKind.Plain, properties.Tag), ScalarStart(content, properties));
                    break;
            }

            if (properties.Anchor != null)
            {
                _anchors[properties.Anchor] = new Anchored(node, scalarText);
            }

            _lastScalarText = scalarText;
            return node;
        }

        /// <summary>A scalar starts at its properties when they are on its line.</summary>
        private static SourcePosition ScalarStart(Content content, Properties properties) =>
            properties.Any && properties.Start.Line == content.Start.Line ? properties.Start : content.Start;

        /// <summary>
        /// A mapping key's text: a scalar's own text (so <c>0x10</c> stays "0x10", as JSON property names are
        /// text); a collection, which JSON keys cannot be, reads as its JSON text, with a note.
        /// </summary>
        private string KeyText(string? scalarText, JToken key, SourcePosition at)
        {
            if (!(key is JContainer))
            {
                return scalarText ?? string.Empty;
            }

            var text = key.ToString(Formatting.None);
            var shown = text.Length > 80 ? text.Substring(0, 77) + "..." : text;
            _notes.Add(new YamlNote(at, "A YAML mapping key is a " + (key is JArray ? "sequence" : "mapping") + ", which JSON (and so OpenAPI) does not allow; it is read as the string " + shown));
            return text;
        }

        private void AddEntry(JObject mapping, string name, SourcePosition keyPosition, JToken value)
        {
            var property = new JProperty(name, value);
            property.AddAnnotation(new SpecLines.Annotation(keyPosition));

            // A repeated key (YAML wants keys unique): the last one wins, as in JSON, and the reader says so.
            if (mapping.Remove(name))
            {
                var shown = name.Length > 80 ? name.Substring(0, 77) + "..." : name;
                _notes.Add(new YamlNote(keyPosition, "The key '" + shown + "' appears more than once in this mapping; the last value is kept"));
            }

            mapping.Add(property);
        }

        private static T Annotate<T>(T token, SourcePosition position)
            where T : JToken
        {
            token.AddAnnotation(new SpecLines.Annotation(position));
            return token;
        }

        private void EnterCollection(SourcePosition at)
        {
            if (_depth >= _maxDepth)
            {
                throw new YamlException(YamlErrorKind.TooDeep, at, "collections are nested more than " + _maxDepth.ToString(CultureInfo.InvariantCulture) + " levels deep");
            }

            _depth++;
            Tick();
        }

        private void LeaveCollection() => _depth--;

        /// <summary>What an anchor names: the node, and a scalar's own text (for an alias used as a key).</summary>
        private readonly struct Anchored
        {
            public Anchored(JToken node, string? scalarText)
            {
                Node = node;
                ScalarText = scalarText;
            }

            public JToken Node { get; }

            public string? ScalarText { get; }
        }

        /// <summary>A node's tag and anchor, and where the first of them was written.</summary>
        private struct Properties
        {
            public string? Anchor;
            public YamlTag Tag;
            public SourcePosition Start;

            public bool Any => Anchor != null || Tag != YamlTag.None;
        }

        private enum ContentKind
        {
            /// <summary>No content: an empty node.</summary>
            None,

            Plain,

            /// <summary>A single- or double-quoted scalar.</summary>
            Quoted,

            /// <summary>A block scalar (literal or folded).</summary>
            Block,

            /// <summary>A flow or block collection.</summary>
            Collection,

            Alias,
        }

        /// <summary>
        /// A node's content before its properties are applied: whether it ends up a mapping key or a value is
        /// known only once the parser has seen what follows it.
        /// </summary>
        private readonly struct Content
        {
            public Content(ContentKind kind, string? text, JToken? collection, SourcePosition start, int startIndex, int startLine)
            {
                Kind = kind;
                Text = text;
                Collection = collection;
                Start = start;
                StartIndex = startIndex;
                StartLine = startLine;
            }

            public ContentKind Kind { get; }

            /// <summary>A scalar's text (an alias's: its anchored scalar's).</summary>
            public string? Text { get; }

            /// <summary>A collection, or the copy an alias stands for.</summary>
            public JToken? Collection { get; }

            public SourcePosition Start { get; }

            public int StartIndex { get; }

            public int StartLine { get; }

            /// <summary>c-flow-json-content: quoted scalars and flow collections, after which a ':' may follow at once.</summary>
            public bool IsJsonLike => Kind == ContentKind.Quoted || Kind == ContentKind.Collection;
        }
    }
}
