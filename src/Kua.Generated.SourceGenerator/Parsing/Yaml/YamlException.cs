using System;
using Kua.Generated.SourceGenerator.Diagnostics;

namespace Kua.Generated.SourceGenerator.Parsing.Yaml
{
    /// <summary>Why a YAML stream could not be read.</summary>
    internal enum YamlErrorKind
    {
        /// <summary>The text is not YAML 1.2.</summary>
        Syntax,

        /// <summary>Collections are nested deeper than the reader's limit.</summary>
        TooDeep,

        /// <summary>Aliases would copy more nodes than the reader's limit (an alias bomb).</summary>
        TooManyAliasNodes,
    }

    /// <summary>
    /// A YAML stream that cannot be read: what is wrong and where. Raised inside the YAML reader only;
    /// the spec reader turns it into a diagnostic.
    /// </summary>
    internal sealed class YamlException : Exception
    {
        public YamlException(YamlErrorKind kind, SourcePosition position, string message)
            : base(message)
        {
            Kind = kind;
            Position = position;
        }

        public YamlErrorKind Kind { get; }

        /// <summary>The 1-based line and column the problem was found at.</summary>
        public SourcePosition Position { get; }
    }
}
