using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Kua.Generated.SourceGenerator.Diagnostics
{
    /// <summary>Builds Roslyn diagnostics from <see cref="DiagnosticInfo"/>, located in the spec file.</summary>
    internal static class DiagnosticFactory
    {
        public static Diagnostic Create(DiagnosticInfo info)
        {
            var descriptor = KuaDiagnostics.Get(info.Id);
            var line = info.HasPosition ? info.Line - 1 : 0;
            var column = info.HasPosition ? System.Math.Max(0, info.Column - 1) : 0;
            var position = new LinePosition(line, column);
            var location = Location.Create(info.FilePath, new TextSpan(0, 0), new LinePositionSpan(position, position));
            var arguments = new object[info.Arguments.Count];
            for (var i = 0; i < arguments.Length; i++)
            {
                arguments[i] = info.Arguments[i];
            }

            return Diagnostic.Create(descriptor, location, arguments);
        }
    }
}
