using Kua.Generated.SourceGenerator.Model;

namespace Kua.Generated.SourceGenerator.Diagnostics
{
    /// <summary>
    /// A diagnostic as plain data (id, message arguments, spec file and position), so it can travel in
    /// the cached model; the Roslyn <c>Diagnostic</c> is built only when it is reported.
    /// </summary>
    internal sealed record DiagnosticInfo(
        string Id,
        EquatableArray<string> Arguments,
        string FilePath,
        int Line,
        int Column)
    {
        /// <summary>Line and column are 1-based; 0 means the position is not known.</summary>
        public bool HasPosition => Line > 0;
    }
}
