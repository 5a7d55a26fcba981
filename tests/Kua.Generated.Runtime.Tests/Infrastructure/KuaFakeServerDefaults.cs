using Kua.Testing;

namespace Kua.Generated.Runtime.Tests.Infrastructure
{
    internal static class KuaFakeServerDefaults
    {
        public const string Email = KuaFakeServer.DefaultEmail;

        public const string Password = KuaFakeServer.DefaultPassword;
    }
}
