using System;

namespace Kua.Generated.Runtime.Tests.Infrastructure
{
    /// <summary>
    /// Only a safety net so a broken build fails instead of hanging CI: no assertion depends on wall-clock time,
    /// and on a healthy run nothing comes close to it.
    /// </summary>
    internal static class TestTimeouts
    {
        public static readonly TimeSpan Hang = TimeSpan.FromSeconds(60);
    }
}
