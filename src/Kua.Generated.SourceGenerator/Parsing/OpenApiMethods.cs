namespace Kua.Generated.SourceGenerator.Parsing
{
    /// <summary>The HTTP methods a path item may hold operations for, in the order methods are generated.</summary>
    internal static class OpenApiMethods
    {
        public static readonly string[] All = { "get", "put", "post", "delete", "options", "head", "patch", "trace" };
    }
}
