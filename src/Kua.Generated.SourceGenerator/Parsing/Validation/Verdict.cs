using Microsoft.CodeAnalysis;
using Newtonsoft.Json.Linq;

namespace Kua.Generated.SourceGenerator.Parsing.Validation
{
    /// <summary>What becomes of a value the validator checked.</summary>
    internal enum VerdictKind
    {
        /// <summary>The value stays as it is.</summary>
        Keep,

        /// <summary>The value is replaced by a repaired one (its text, its canonical spelling, an empty schema).</summary>
        Replace,

        /// <summary>The value becomes the single entry of a list (a tag for a list of tags).</summary>
        Wrap,

        /// <summary>The value is removed.</summary>
        Drop,
    }

    /// <summary>The outcome of checking one value: what becomes of it and, unless it stays silently, what to say.</summary>
    internal sealed class Verdict
    {
        public static readonly Verdict Keep = new Verdict(VerdictKind.Keep, null, null, null, null, false);

        /// <summary>Removed, and the reason was reported where it was found (a part's own required field).</summary>
        public static readonly Verdict DropReported = new Verdict(VerdictKind.Drop, null, null, null, null, true);

        private Verdict(VerdictKind kind, JToken? replacement, DiagnosticDescriptor? severity, string? actual, string? consequence, bool reported)
        {
            Kind = kind;
            Replacement = replacement;
            Severity = severity;
            Actual = actual;
            Consequence = consequence;
            Reported = reported;
        }

        public VerdictKind Kind { get; }

        public JToken? Replacement { get; }

        /// <summary>The diagnostic for a repair or a removal; null: no report for a repair, the usual warning for a removal.</summary>
        public DiagnosticDescriptor? Severity { get; }

        /// <summary>What the value was, as the message says it ("the number 42"); null: described from the value.</summary>
        public string? Actual { get; }

        /// <summary>What the generator does instead; null: the field rule's consequence.</summary>
        public string? Consequence { get; }

        /// <summary>Whether the removal was already reported (nothing more to say).</summary>
        public bool Reported { get; }

        public static Verdict Drop(DiagnosticDescriptor? severity = null, string? actual = null, string? consequence = null) =>
            new Verdict(VerdictKind.Drop, null, severity, actual, consequence, false);

        /// <param name="severity">Null for a valid value rewritten into the form the loader reads (nothing to say).</param>
        public static Verdict Repair(JToken replacement, DiagnosticDescriptor? severity = null, string? actual = null, string? consequence = null) =>
            new Verdict(VerdictKind.Replace, replacement, severity, actual, consequence, false);

        public static Verdict Wrap(DiagnosticDescriptor severity, string actual) =>
            new Verdict(VerdictKind.Wrap, null, severity, actual, "it is read as a list of one", false);
    }
}
