using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace Kua.Generated.Runtime.Json
{
    /// <summary>
    /// Finds which of a fixed list of strings the reader's current token (a property name or a string value) holds,
    /// without creating a string: an open-addressing table keyed by a hash of the UTF-8 bytes. Built once, then read
    /// by any number of threads.
    /// </summary>
    internal sealed class KuaUtf8Lookup
    {
        private readonly string[] _texts;
        private readonly byte[][] _utf8;
        private readonly int[] _table;
        private readonly int _mask;
        private Dictionary<string, int>? _byText;

        public KuaUtf8Lookup(string[] texts)
        {
            _texts = texts;
            _utf8 = new byte[texts.Length][];
            var size = 4;
            while (size < texts.Length * 2)
            {
                size *= 2;
            }

            _table = new int[size];
            _mask = size - 1;
            for (var i = 0; i < texts.Length; i++)
            {
                _utf8[i] = Encoding.UTF8.GetBytes(texts[i]);
                var slot = Hash(_utf8[i]) & _mask;
                while (_table[slot] != 0)
                {
                    // A repeated text keeps its first index.
                    if (_utf8[_table[slot] - 1].AsSpan().SequenceEqual(_utf8[i]))
                    {
                        break;
                    }

                    slot = (slot + 1) & _mask;
                }

                if (_table[slot] == 0)
                {
                    _table[slot] = i + 1;
                }
            }
        }

        /// <summary>The index of the text the token holds, or -1.</summary>
        /// <param name="reader">A reader on a property name or string.</param>
        /// <param name="expected">An index to try first (the next member in schema order), or -1.</param>
        /// <returns>The index, or -1.</returns>
        public int Find(ref Utf8JsonReader reader, int expected)
        {
            if (reader.ValueIsEscaped || reader.HasValueSequence)
            {
                return FindText(reader.GetString()!);
            }

            var value = reader.ValueSpan;
            if ((uint)expected < (uint)_utf8.Length && value.SequenceEqual(_utf8[expected]))
            {
                return expected;
            }

            var slot = Hash(value) & _mask;
            while (true)
            {
                var entry = _table[slot];
                if (entry == 0)
                {
                    return -1;
                }

                if (value.SequenceEqual(_utf8[entry - 1]))
                {
                    return entry - 1;
                }

                slot = (slot + 1) & _mask;
            }
        }

        private int FindText(string text)
        {
            var byText = _byText;
            if (byText is null)
            {
                byText = new Dictionary<string, int>(_texts.Length, StringComparer.Ordinal);
                for (var i = _texts.Length - 1; i >= 0; i--)
                {
                    byText[_texts[i]] = i;
                }

                _byText = byText;
            }

            return byText.TryGetValue(text, out var index) ? index : -1;
        }

        /// <summary>FNV-1a over the bytes.</summary>
        private static int Hash(ReadOnlySpan<byte> bytes)
        {
            var hash = 2166136261u;
            foreach (var b in bytes)
            {
                hash = (hash ^ b) * 16777619u;
            }

            return (int)(hash ^ (hash >> 15));
        }
    }
}
