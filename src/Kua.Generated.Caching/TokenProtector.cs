using System;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace Kua.Generated.Caching
{
    /// <summary>Encrypts a shared token before it goes to the distributed cache, bound to its cache key.</summary>
    internal abstract class TokenProtector
    {
        /// <summary>The protector the options ask for: AES-GCM with their key, or Data Protection.</summary>
        /// <exception cref="ArgumentException">The key is not 32 bytes of base64, or neither a key nor Data Protection is there.</exception>
        public static TokenProtector Create(KuaDistributedTokenCacheOptions options, IDataProtectionProvider? dataProtection)
        {
            if (options.EncryptionKey != null)
            {
                byte[] key;
                try
                {
                    key = Convert.FromBase64String(options.EncryptionKey);
                }
                catch (FormatException)
                {
                    throw new ArgumentException("KuaDistributedTokenCacheOptions.EncryptionKey must be base64.", nameof(options));
                }

                return key.Length == 32
                    ? new AesGcmProtector(key)
                    : throw new ArgumentException("KuaDistributedTokenCacheOptions.EncryptionKey must be 32 bytes (AES-256), base64-encoded.", nameof(options));
            }

            return dataProtection != null
                ? new DataProtectionProtector(dataProtection.CreateProtector("Kua.Generated.Caching.SharedTokens"))
                : throw new ArgumentException("Tokens must be encrypted before they leave the process: set KuaDistributedTokenCacheOptions.EncryptionKey, or register ASP.NET Core Data Protection (services.AddDataProtection()) with keys the whole fleet shares.", nameof(options));
        }

        public abstract byte[] Protect(byte[] plaintext, string key);

        /// <summary>The plaintext, or null when the entry was not written for this key with this key material.</summary>
        public abstract byte[]? Unprotect(byte[] ciphertext, string key);

        private sealed class AesGcmProtector : TokenProtector
        {
            private const int NonceSize = 12;
            private const int TagSize = 16;
            private readonly byte[] _key;

            public AesGcmProtector(byte[] key) => _key = key;

            public override byte[] Protect(byte[] plaintext, string key)
            {
                var output = new byte[NonceSize + TagSize + plaintext.Length];
                var nonce = output.AsSpan(0, NonceSize);
                RandomNumberGenerator.Fill(nonce);
                using var aes = new AesGcm(_key, TagSize);
                aes.Encrypt(nonce, plaintext, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(key));
                return output;
            }

            public override byte[]? Unprotect(byte[] ciphertext, string key)
            {
                if (ciphertext.Length < NonceSize + TagSize)
                {
                    return null;
                }

                var plaintext = new byte[ciphertext.Length - NonceSize - TagSize];
                try
                {
                    using var aes = new AesGcm(_key, TagSize);
                    aes.Decrypt(ciphertext.AsSpan(0, NonceSize), ciphertext.AsSpan(NonceSize + TagSize), ciphertext.AsSpan(NonceSize, TagSize), plaintext, Encoding.UTF8.GetBytes(key));
                    return plaintext;
                }
                catch (CryptographicException)
                {
                    return null;
                }
            }
        }

        private sealed class DataProtectionProtector : TokenProtector
        {
            private readonly IDataProtector _protector;

            public DataProtectionProtector(IDataProtector protector) => _protector = protector;

            public override byte[] Protect(byte[] plaintext, string key) => _protector.CreateProtector(key).Protect(plaintext);

            public override byte[]? Unprotect(byte[] ciphertext, string key)
            {
                try
                {
                    return _protector.CreateProtector(key).Unprotect(ciphertext);
                }
                catch (CryptographicException)
                {
                    return null;
                }
            }
        }
    }
}
