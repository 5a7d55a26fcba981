using System.Collections.Generic;
using Kua.Generated.SourceGenerator.Model;
using Microsoft.CodeAnalysis;

namespace Kua.Generated.SourceGenerator.Diagnostics
{
    /// <summary>Collects diagnostics while one spec is parsed; mutable, used only inside the parse step.</summary>
    internal sealed class DiagnosticBag
    {
        private readonly List<DiagnosticInfo> _items = new List<DiagnosticInfo>();
        private readonly HashSet<DiagnosticInfo> _seen = new HashSet<DiagnosticInfo>();

        public DiagnosticBag(string filePath) => FilePath = filePath;

        public string FilePath { get; }

        public bool HasErrors { get; private set; }

        public void Add(DiagnosticDescriptor descriptor, SourcePosition position, params string[] arguments)
        {
            var info = new DiagnosticInfo(descriptor.Id, arguments.ToEquatableArray(), FilePath, position.Line, position.Column);
            if (_seen.Add(info))
            {
                _items.Add(info);
                HasErrors |= descriptor.DefaultSeverity == DiagnosticSeverity.Error;
            }
        }

        public EquatableArray<DiagnosticInfo> ToEquatableArray() => _items.ToEquatableArray();
    }

    /// <summary>A 1-based line and column in the spec file; (0, 0) when unknown.</summary>
    internal readonly struct SourcePosition
    {
        public static readonly SourcePosition Unknown = new SourcePosition(0, 0);

        public SourcePosition(int line, int column)
        {
            Line = line;
            Column = column;
        }

        public int Line { get; }

        public int Column { get; }
    }
}
