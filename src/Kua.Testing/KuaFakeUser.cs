using System;
using System.Diagnostics;
using System.Text.Json.Serialization;

namespace Kua.Testing
{
    /// <summary>An account the fake server knows: the credentials it accepts and the account it returns.</summary>
    [DebuggerDisplay("{ToString(),nq}")]
    public sealed class KuaFakeUser
    {
        /// <summary>Creates the account.</summary>
        /// <param name="email">The email to log in with (5 to 64 characters, as the spec says).</param>
        /// <param name="password">The password to log in with (6 to 128 characters).</param>
        /// <param name="displayName">The name <c>GET /accounts</c> returns.</param>
        /// <param name="id">The identifier <c>GET /accounts</c> returns; a new one when null.</param>
        public KuaFakeUser(string email, string password, string? displayName = null, string? id = null)
        {
            Email = email ?? throw new ArgumentNullException(nameof(email));
            Password = password ?? throw new ArgumentNullException(nameof(password));
            DisplayName = displayName;
            Id = id ?? "acc_" + Guid.NewGuid().ToString("N").Substring(0, 12);
        }

        /// <summary>The email to log in with.</summary>
        public string Email { get; }

        /// <summary>The password to log in with (left out of JSON and <see cref="ToString"/>).</summary>
        [JsonIgnore]
        public string Password { get; }

        /// <summary>The display name returned by <c>GET /accounts</c>.</summary>
        public string? DisplayName { get; }

        /// <summary>The account identifier returned by <c>GET /accounts</c>.</summary>
        public string Id { get; }

        /// <summary>The account status returned by <c>GET /accounts</c>. Default: <c>active</c>.</summary>
        public string Status { get; init; } = "active";

        /// <summary>When the account was created, as returned by <c>GET /accounts</c>.</summary>
        public DateTimeOffset CreatedAt { get; init; } = new DateTimeOffset(2024, 1, 15, 9, 30, 0, TimeSpan.Zero);

        /// <inheritdoc />
        public override string ToString() => "KuaFakeUser { Email = " + Email + ", Password = *** }";
    }
}
