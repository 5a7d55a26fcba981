using System;
using System.Collections.Generic;

namespace Kua.Testing
{
    /// <summary>How a <see cref="KuaFakeServer"/> starts.</summary>
    public sealed class KuaFakeServerOptions
    {
        /// <summary>
        /// The accounts that can log in. Default: one account, <see cref="KuaFakeServer.DefaultEmail"/> with
        /// <see cref="KuaFakeServer.DefaultPassword"/>. More can be added later with <see cref="KuaFakeServer.AddUser"/>.
        /// </summary>
        public IList<KuaFakeUser> Users { get; } = new List<KuaFakeUser>
        {
            new KuaFakeUser(KuaFakeServer.DefaultEmail, KuaFakeServer.DefaultPassword, "Demo User", "acc_demo"),
        };

        /// <summary>How long issued tokens are accepted (and the <c>expiresIn</c> the server announces). Default: 24 hours, like the real API.</summary>
        public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(24);

        /// <summary>
        /// The clock the server checks token expiry with. Share a fake clock with the client under test to move
        /// both through time together. Default: <see cref="TimeProvider.System"/>.
        /// </summary>
        public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

        /// <summary>The path the API is served under. Default: <c>/core/api/v2</c>, as on the real server.</summary>
        public string BasePath { get; set; } = "/core/api/v2";
    }
}
