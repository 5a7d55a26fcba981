using System;

namespace Kua.Generated.Runtime.Http
{
    /// <summary>One cached delegate per item type for <see cref="KuaFormatting.FormatItem{T}"/>, so array parameters allocate none per call.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    internal static class KuaItemFormat<T>
    {
        public static readonly Func<T, string> Format = KuaFormatting.FormatItem;
    }
}
