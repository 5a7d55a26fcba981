using System;
using System.Text;
using Kua.Generated.SourceGenerator.Model;

namespace Kua.Generated.SourceGenerator.Emitting
{
    /// <summary>Writes indented C# text. Lines end in '\n' on every machine so output is byte-identical everywhere.</summary>
    internal sealed class SourceWriter
    {
        /// <summary>A tab per level: a fifth of large generated files was indentation, which the compiler reads too.</summary>
        private const char IndentUnit = '\t';

        /// <summary>Builders larger than this are not kept for reuse (a huge client file should not stay in memory).</summary>
        private const int MaxCachedCapacity = 4 * 1024 * 1024;

        /// <summary>One builder per thread, reused across files: growing a fresh builder for every file was half of emit time.</summary>
        [ThreadStatic]
        private static StringBuilder? t_cachedBuilder;

        private readonly StringBuilder _builder;
        private int _indent;

        public SourceWriter()
        {
            _builder = t_cachedBuilder ?? new StringBuilder(64 * 1024);
            t_cachedBuilder = null;
            _builder.Clear();
        }

        public void Line(string text = "")
        {
            if (text.Length > 0)
            {
                _builder.Append(IndentUnit, _indent);

                _builder.Append(text);
            }

            _builder.Append('\n');
        }

        /// <summary>Writes <paramref name="header"/>, an opening brace, and indents until the returned scope is disposed.</summary>
        public Block Open(string header)
        {
            Line(header);
            Line("{");
            _indent++;
            return new Block(this);
        }

        public void Indent() => _indent++;

        public void Outdent() => _indent = Math.Max(0, _indent - 1);

        /// <summary>An XML doc element; text is escaped and split into lines.</summary>
        public void Doc(string element, string? text, string? attributes = null)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return;
            }

            var open = attributes is null ? "<" + element + ">" : "<" + element + " " + attributes + ">";
            var close = "</" + element + ">";
            var lines = text!.Replace("\r\n", "\n").Replace('\r', '\n').Trim().Split('\n');
            if (lines.Length == 1)
            {
                Line("/// " + open + Escape(lines[0].Trim()) + close);
                return;
            }

            Line("/// " + open);
            foreach (var line in lines)
            {
                var trimmed = line.TrimEnd();
                Line(trimmed.Length == 0 ? "/// <para/>" : "/// " + Escape(trimmed));
            }

            Line("/// " + close);
        }

        /// <summary>An XML doc element from text that says whether it is XML already or plain (to escape).</summary>
        public void Doc(string element, DocText text, string? attributes = null)
        {
            if (text.IsXml)
            {
                DocRaw(element, text.Text, attributes);
            }
            else
            {
                Doc(element, text.Text, attributes);
            }
        }

        /// <summary>An XML doc element whose content is already valid XML (used for generated wording with &lt;c&gt; tags).</summary>
        public void DocRaw(string element, string xml, string? attributes = null)
        {
            var open = attributes is null ? "<" + element + ">" : "<" + element + " " + attributes + ">";
            Line("/// " + open + xml + "</" + element + ">");
        }

        public static string Escape(string text) =>
            text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

        /// <summary>The text written; the writer's buffer goes back for reuse, so the writer must not be used afterwards.</summary>
        public string Finish()
        {
            var text = _builder.ToString();
            if (_builder.Capacity <= MaxCachedCapacity)
            {
                _builder.Clear();
                t_cachedBuilder = _builder;
            }

            return text;
        }

        public readonly struct Block : IDisposable
        {
            private readonly SourceWriter _writer;

            public Block(SourceWriter writer) => _writer = writer;

            public void Dispose()
            {
                _writer._indent--;
                _writer.Line("}");
            }
        }
    }
}
