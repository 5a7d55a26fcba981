using System;
using Kua.Generated.Runtime.Authentication;
using Xunit;

namespace Kua.Generated.Runtime.Tests
{
    /// <summary>
    /// The origin check that decides where the token may go compares plain origins as text (no allocation per
    /// request) and leaves everything else to Uri.Compare: both paths must give Uri.Compare's answer.
    /// </summary>
    public sealed class OriginComparisonTests
    {
        [Theory]
        [InlineData("https://api.kua.ai/core/api/v2/accounts", "https://api.kua.ai/core/api/v2/", true)]
        [InlineData("https://API.Kua.AI/x", "https://api.kua.ai/", true)]
        [InlineData("HTTPS://api.kua.ai/x", "https://api.kua.ai/", true)]
        [InlineData("https://api.kua.ai:443/x", "https://api.kua.ai/", true)]
        [InlineData("https://api.kua.ai:8443/x", "https://api.kua.ai/", false)]
        [InlineData("https://api.kua.ai:8443/x", "https://api.kua.ai:8443/", true)]
        [InlineData("http://api.kua.ai/x", "https://api.kua.ai/", false)]
        [InlineData("https://api.kua.ai.evil.example/x", "https://api.kua.ai/", false)]
        [InlineData("https://api.kua.ai@evil.example/x", "https://api.kua.ai/", false)]
        [InlineData("https://user@api.kua.ai/x", "https://api.kua.ai/", true)]
        [InlineData("https://api.kua.ai?q=1", "https://api.kua.ai/", true)]
        [InlineData("https://api.kua.ai#f", "https://api.kua.ai/", true)]
        [InlineData("https://xn--bcher-kva.example/x", "https://bücher.example/", false)]
        [InlineData("https://[::1]:5001/x", "https://[::1]:5001/", true)]
        [InlineData("https://127.0.0.1:5001/x", "https://localhost:5001/", false)]
        [InlineData("https://api.kua.ai./x", "https://api.kua.ai/", false)]
        public void SameOriginAgreesWithUriCompare(string request, string baseAddress, bool expected)
        {
            var a = new Uri(request);
            var b = new Uri(baseAddress);
            var reference = Uri.Compare(a, b, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0;

            Assert.Equal(reference, TransportSecurity.IsSameOrigin(a, b));
            Assert.Equal(reference, TransportSecurity.IsSameOrigin(b, a));
            Assert.Equal(expected, reference);
        }

        [Fact]
        public void RelativeOrMissingAddressesAreNeverTheSameOrigin()
        {
            var b = new Uri("https://api.kua.ai/");

            Assert.False(TransportSecurity.IsSameOrigin(new Uri("/accounts", UriKind.Relative), b));
            Assert.False(TransportSecurity.IsSameOrigin(null, b));
            Assert.False(TransportSecurity.IsSameOrigin(b, null));
        }
    }
}
