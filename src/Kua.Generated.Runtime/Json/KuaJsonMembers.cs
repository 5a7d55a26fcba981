using System;
using System.Text.Json;

namespace Kua.Generated.Runtime.Json
{
    /// <summary>What the spec says of one member of an object schema (generated code passes them as one hex digit per member).</summary>
    [Flags]
    internal enum KuaMemberFlags
    {
        None = 0,

        /// <summary>Listed in the schema's <c>required</c>.</summary>
        Required = 1,

        /// <summary>JSON null is a value of the member.</summary>
        Nullable = 2,

        /// <summary><c>readOnly</c>: sent by the server only, so never required when writing.</summary>
        ReadOnly = 4,

        /// <summary><c>writeOnly</c>: sent to the server only, so never required when reading.</summary>
        WriteOnly = 8,
    }

    /// <summary>
    /// The members of one object schema: JSON names (as text and as encoded UTF-8), their flags, and a lookup from a
    /// property name on the reader to the member's index. Built once per converter.
    /// </summary>
    internal sealed class KuaJsonMembers
    {
        private readonly KuaUtf8Lookup _lookup;

        public KuaJsonMembers(string flags, string[] names)
        {
            if (flags is null)
            {
                throw new ArgumentNullException(nameof(flags));
            }

            Names = names ?? throw new ArgumentNullException(nameof(names));
            if (flags.Length != names.Length)
            {
                throw new ArgumentException("Every member needs one flag digit.", nameof(flags));
            }

            Flags = new KuaMemberFlags[names.Length];
            Encoded = new JsonEncodedText[names.Length];
            for (var i = 0; i < names.Length; i++)
            {
                Flags[i] = ParseFlag(flags[i]);
                Encoded[i] = JsonEncodedText.Encode(names[i]);
                if (IsRequiredOnRead(i))
                {
                    RequiredOnRead++;
                }
            }

            _lookup = new KuaUtf8Lookup(names);
        }

        /// <summary>The JSON names, as the schema spells them.</summary>
        public string[] Names { get; }

        /// <summary>The names encoded for writing.</summary>
        public JsonEncodedText[] Encoded { get; }

        public KuaMemberFlags[] Flags { get; }

        public int Count => Names.Length;

        /// <summary>How many members a reply must carry.</summary>
        public int RequiredOnRead { get; }

        public bool IsRequiredOnRead(int index) =>
            (Flags[index] & (KuaMemberFlags.Required | KuaMemberFlags.WriteOnly)) == KuaMemberFlags.Required;

        /// <summary>
        /// The index of the member the reader's property name names, or -1. Members usually arrive in the order the
        /// schema lists them, so the member after the previous one is tried first.
        /// </summary>
        /// <param name="reader">A reader on a property name.</param>
        /// <param name="expected">The index to try first.</param>
        /// <returns>The member's index, or -1 for a name the schema does not list.</returns>
        public int Find(ref Utf8JsonReader reader, int expected) => _lookup.Find(ref reader, expected);

        private static KuaMemberFlags ParseFlag(char digit)
        {
            var value = digit >= '0' && digit <= '9' ? digit - '0' : digit >= 'a' && digit <= 'f' ? digit - 'a' + 10 : -1;
            if (value < 0)
            {
                throw new ArgumentException("A member flag is a hexadecimal digit.", nameof(digit));
            }

            return (KuaMemberFlags)value;
        }
    }
}
