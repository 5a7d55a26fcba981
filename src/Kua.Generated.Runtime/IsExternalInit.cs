#if !NET5_0_OR_GREATER
namespace System.Runtime.CompilerServices
{
    /// <summary>Lets netstandard2.0 compile records and <c>init</c> accessors (the type ships with .NET 5 and later).</summary>
    internal static class IsExternalInit
    {
    }
}
#endif
