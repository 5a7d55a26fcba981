namespace Kua.Generated.SourceGenerator
{
    /// <summary>Names of the pipeline's steps, so tests can check each one's caching.</summary>
    internal static class TrackingNames
    {
        public const string Inputs = "Kua.Inputs";
        public const string Fragments = "Kua.Fragments";
        public const string FragmentReferences = "Kua.FragmentReferences";
        public const string SpecFiles = "Kua.SpecFiles";
        public const string Models = "Kua.Models";
        public const string EmitOptions = "Kua.EmitOptions";
        public const string Units = "Kua.Units";
        public const string Files = "Kua.Files";
        public const string Diagnostics = "Kua.Diagnostics";
        public const string PartialExtensions = "Kua.PartialExtensions";

        public static readonly string[] All = { Inputs, Fragments, FragmentReferences, SpecFiles, Models, EmitOptions, Units, Files, Diagnostics };
    }
}
