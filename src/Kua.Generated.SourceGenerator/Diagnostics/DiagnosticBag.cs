using System.Collections.Generic;
using Kua.Generated.SourceGenerator.Model;
using Microsoft.CodeAnalysis;

namespace Kua.Generated.SourceGenerator.Diagnostics
{
    /// <summary>Collects diagnostics while one spec is parsed; mutable, used only inside the parse step.</summary>
    internal sealed class DiagnosticBag
    {
        private readonly Sink _sink;

        public DiagnosticBag(string filePath)
            : this(filePath, new Sink())
        {
        }

        private DiagnosticBag(string filePath, Sink sink)
        {
            FilePath = filePath;
            _sink = sink;
        }

        /// <summary>The file a diagnostic is reported in when its position names none.</summary>
        public string FilePath { get; }

        public bool HasErrors => _sink.HasErrors;

        /// <summary>A bag that reports into the same list, located in another file of the spec (a fragment).</summary>
        public DiagnosticBag ForFile(string filePath) => new DiagnosticBag(filePath, _sink);

        public void Add(DiagnosticDescriptor descriptor, SourcePosition position, params string[] arguments)
        {
            var info = new DiagnosticInfo(descriptor.Id, arguments.ToEquatableArray(), position.FilePath ?? FilePath, position.Line, position.Column);
            if (_sink.Seen.Add(info))
            {
                _sink.Items.Add(info);
                _sink.HasErrors |= descriptor.DefaultSeverity == DiagnosticSeverity.Error;
            }
        }

        public EquatableArray<DiagnosticInfo> ToEquatableArray() => _sink.Items.ToEquatableArray();

        /// <summary>What every bag of one spec shares.</summary>
        private sealed class Sink
        {
            public List<DiagnosticInfo> Items { get; } = new List<DiagnosticInfo>();

            public HashSet<DiagnosticInfo> Seen { get; } = new HashSet<DiagnosticInfo>();

            public bool HasErrors { get; set; }
        }
    }

    /// <summary>
    /// A 1-based line and column; (0, 0) when unknown. <see cref="FilePath"/> names the file when it is not the
    /// one the diagnostic bag reports in (a node that came from a fragment); null otherwise.
    /// </summary>
    internal readonly struct SourcePosition
    {
        public static readonly SourcePosition Unknown = new SourcePosition(0, 0);

        public SourcePosition(int line, int column)
            : this(line, column, null)
        {
        }

        public SourcePosition(int line, int column, string? filePath)
        {
            Line = line;
            Column = column;
            FilePath = filePath;
        }

        public int Line { get; }

        public int Column { get; }

        public string? FilePath { get; }

        public SourcePosition InFile(string? filePath) => new SourcePosition(Line, Column, filePath);
    }
}
