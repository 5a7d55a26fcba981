using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Kua.Generated.Runtime.Reading;

namespace Kua.Generated.Runtime.Json
{
    /// <summary>
    /// What the generated code supplies for one class: create it, read one member by index, write every member. One small
    /// class per type rather than three delegates, because the compiler builds a delegate and a cache for each method
    /// group it converts, for every type and in every build.
    /// </summary>
    /// <typeparam name="T">The class.</typeparam>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public abstract class KuaObjectCodec<T>
        where T : class
    {
        /// <summary>Creates an empty object (defaults applied).</summary>
        /// <returns>The object.</returns>
        public abstract T Create();

        /// <summary>Reads the member at <paramref name="index"/> into <paramref name="target"/>; the reader is on the member's value.</summary>
        /// <param name="reader">The reader.</param>
        /// <param name="target">The object being read.</param>
        /// <param name="index">The member's index in the schema's member list.</param>
        public abstract void Read(ref Utf8JsonReader reader, T target, int index);

        /// <summary>Writes every member of <paramref name="value"/> through <paramref name="writer"/>.</summary>
        /// <param name="writer">Writes members by index, applying the schema's rules for null.</param>
        /// <param name="value">The object.</param>
        public abstract void Write(KuaObjectWriter writer, T value);
    }

    /// <summary>An object converter seen without its type argument, so a base type can hand a reply to a subtype's converter.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public interface IKuaObjectConverter
    {
        /// <summary>The type the converter reads and writes.</summary>
        Type ObjectType { get; }

        /// <summary>Reads the members of exactly this type (no discriminator dispatch); the reader is on the object's start.</summary>
        /// <param name="reader">The reader.</param>
        /// <returns>The object.</returns>
        object ReadObject(ref Utf8JsonReader reader);

        /// <summary>Writes an object of this type (or a subtype it knows).</summary>
        /// <param name="writer">The writer.</param>
        /// <param name="value">The object.</param>
        void WriteObject(Utf8JsonWriter writer, object value);
    }

    /// <summary>A discriminator value and the converter of the subtype it selects.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct KuaSubtype
    {
        /// <summary>Creates the mapping.</summary>
        /// <param name="value">The discriminator value.</param>
        /// <param name="converter">The subtype's converter.</param>
        public KuaSubtype(string value, IKuaObjectConverter converter)
        {
            Value = value ?? throw new ArgumentNullException(nameof(value));
            Converter = converter ?? throw new ArgumentNullException(nameof(converter));
        }

        /// <summary>The discriminator value.</summary>
        public string Value { get; }

        /// <summary>The subtype's converter.</summary>
        public IKuaObjectConverter Converter { get; }
    }

    /// <summary>
    /// Reads and writes a generated class without reflection. The generated code supplies a table (member names and
    /// flags) and a codec (create, read one member by index, write all members); this class does the
    /// rest: matching property names, null rules, required members, error paths, discriminators and extra members.
    /// </summary>
    /// <typeparam name="T">The class.</typeparam>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class KuaObjectConverter<T> : JsonConverter<T>, IKuaObjectConverter
        where T : class
    {
        private readonly string _schema;
        private readonly KuaJsonMembers _members;
        private readonly KuaObjectCodec<T> _codec;
        private KuaExtraMembers<T>? _extras;
        private byte[]? _discriminator;
        private KuaSubtype[]? _subtypes;
        private Dictionary<string, IKuaObjectConverter>? _subtypesByValue;

        /// <summary>Creates the converter.</summary>
        /// <param name="schema">The schema's name, for errors.</param>
        /// <param name="codec">Creates, reads and writes the type's members.</param>
        /// <param name="flags">One hexadecimal digit of <c>KuaMemberFlags</c> per member.</param>
        /// <param name="names">The members' JSON names, in the order the index counts them.</param>
        public KuaObjectConverter(string schema, KuaObjectCodec<T> codec, string flags, params string[] names)
        {
            _schema = schema ?? throw new ArgumentNullException(nameof(schema));
            _codec = codec ?? throw new ArgumentNullException(nameof(codec));
            _members = new KuaJsonMembers(flags, names);
        }

        /// <inheritdoc/>
        public Type ObjectType => typeof(T);

        internal string Schema => _schema;

        internal KuaJsonMembers Members => _members;

        /// <summary>Keeps properties the schema does not name in a dictionary member (<c>additionalProperties</c>).</summary>
        /// <typeparam name="TValue">The values' type.</typeparam>
        /// <param name="get">Reads the dictionary member.</param>
        /// <param name="set">Sets the dictionary member.</param>
        /// <param name="value">The values' converter.</param>
        /// <param name="nullableValues">Whether JSON null is a value.</param>
        /// <returns>This converter.</returns>
        public KuaObjectConverter<T> WithExtraMembers<TValue>(Func<T, Dictionary<string, TValue>?> get, Action<T, Dictionary<string, TValue>> set, JsonConverter<TValue> value, bool nullableValues)
        {
            _extras = new KuaExtraMembers<T, TValue>(get, set, value, nullableValues);
            return this;
        }

        /// <summary>Reads subtypes by a discriminator property, and writes each subtype with its own converter.</summary>
        /// <param name="property">The discriminator's JSON name.</param>
        /// <param name="subtypes">The subtypes, most derived first.</param>
        /// <returns>This converter.</returns>
        public KuaObjectConverter<T> WithSubtypes(string property, params KuaSubtype[] subtypes)
        {
            _discriminator = Encoding.UTF8.GetBytes(property ?? throw new ArgumentNullException(nameof(property)));
            _subtypes = subtypes ?? throw new ArgumentNullException(nameof(subtypes));
            var byValue = new Dictionary<string, IKuaObjectConverter>(StringComparer.Ordinal);
            foreach (var subtype in subtypes)
            {
                if (!byValue.ContainsKey(subtype.Value))
                {
                    byValue.Add(subtype.Value, subtype.Converter);
                }
            }

            _subtypesByValue = byValue;
            return this;
        }

        /// <summary>Reads a member's value: an object (a subtype when the discriminator says so), or null for JSON null.</summary>
        /// <param name="reader">The reader, on the value.</param>
        /// <returns>The object, or null.</returns>
        public T ReadValue(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return null!;
            }

            KuaJson.Expect(ref reader, JsonTokenType.StartObject, "an object");
            return ReadDispatching(ref reader);
        }

        /// <inheritdoc/>
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            KuaJson.Expect(ref reader, JsonTokenType.StartObject, "an object");
            return ReadDispatching(ref reader);
        }

        /// <inheritdoc/>
        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => WriteValue(writer, value);

        /// <summary>Writes an object (with its subtype's converter when it is a known subtype).</summary>
        /// <param name="writer">The writer.</param>
        /// <param name="value">The object.</param>
        public void WriteValue(Utf8JsonWriter writer, T value)
        {
            var subtypes = _subtypes;
            if (subtypes != null && value.GetType() != typeof(T))
            {
                foreach (var subtype in subtypes)
                {
                    if (subtype.Converter.ObjectType.IsInstanceOfType(value))
                    {
                        subtype.Converter.WriteObject(writer, value);
                        return;
                    }
                }
            }

            WriteMembers(writer, value);
        }

        object IKuaObjectConverter.ReadObject(ref Utf8JsonReader reader) => ReadMembers(ref reader);

        void IKuaObjectConverter.WriteObject(Utf8JsonWriter writer, object value) => WriteValue(writer, (T)value);

        private T ReadDispatching(ref Utf8JsonReader reader)
        {
            if (_subtypesByValue != null)
            {
                var value = KuaJson.PeekDiscriminator(reader, _discriminator);
                if (value != null && _subtypesByValue.TryGetValue(value, out var subtype))
                {
                    return (T)subtype.ReadObject(ref reader);
                }
            }

            return ReadMembers(ref reader);
        }

        private T ReadMembers(ref Utf8JsonReader reader)
        {
            var members = _members;
            var result = _codec.Create();
            var seen = 0UL;
            var seenBeyond64 = members.Count > 64 ? new bool[members.Count] : null;
            var found = 0;
            var expected = 0;
            var current = -1;
            string? extraKey = null;
            var session = KuaReadSession.Current;
            try
            {
                while (true)
                {
                    KuaJson.ReadNext(ref reader);
                    if (reader.TokenType == JsonTokenType.EndObject)
                    {
                        break;
                    }

                    var index = members.Find(ref reader, expected);
                    if (index < 0)
                    {
                        if (_extras is null)
                        {
                            // A property the schema does not name: skipped, so new server fields never break the client.
                            KuaJson.SkipValue(ref reader);
                        }
                        else
                        {
                            extraKey = reader.GetString()!;
                            KuaJson.ReadNext(ref reader);
                            _extras.Read(ref reader, result, extraKey);
                            extraKey = null;
                        }

                        continue;
                    }

                    current = index;
                    expected = index + 1;
                    KuaJson.ReadNext(ref reader);
                    if (reader.TokenType == JsonTokenType.Null && (members.Flags[index] & KuaMemberFlags.Nullable) == 0)
                    {
                        if (!members.IsRequiredOnRead(index))
                        {
                            // An optional member sent as null reads as absent: its type cannot hold null.
                            current = -1;
                            continue;
                        }

                        if (session is null)
                        {
                            throw KuaJson.NullNotAllowed(_schema, members.Names[index]);
                        }

                        // Tolerant: the member keeps its default, and counts as present (it was sent).
                        session.Report(KuaSpecDeviationKind.NullForNonNullable, _schema, members.Names[index]);
                    }
                    else if (session is null)
                    {
                        _codec.Read(ref reader, result, index);
                    }
                    else
                    {
                        var before = session.Count;
                        _codec.Read(ref reader, result, index);
                        if (session.Count > before)
                        {
                            session.Within(before, KuaReadSession.MemberSegment(members.Names[index]), _schema);
                        }
                    }

                    if (members.IsRequiredOnRead(index))
                    {
                        if (index < 64)
                        {
                            var bit = 1UL << index;
                            if ((seen & bit) == 0)
                            {
                                seen |= bit;
                                found++;
                            }
                        }
                        else if (!seenBeyond64![index])
                        {
                            seenBeyond64[index] = true;
                            found++;
                        }
                    }

                    current = -1;
                }
            }
            catch (Exception ex) when (current >= 0 && KuaJson.IsReadError(ex))
            {
                throw KuaJson.InProperty(_schema, members.Names[current], ex);
            }
            catch (Exception ex) when (extraKey != null && KuaJson.IsReadError(ex))
            {
                throw KuaJson.InProperty(_schema, extraKey, ex);
            }

            if (found != members.RequiredOnRead)
            {
                if (session is null)
                {
                    throw KuaJson.MissingRequired(_schema, Missing(seen, seenBeyond64)[0]);
                }

                // Tolerant: each missing member keeps its default.
                foreach (var name in Missing(seen, seenBeyond64))
                {
                    session.Report(KuaSpecDeviationKind.MissingRequired, _schema, name);
                }
            }

            return result;
        }

        private List<string> Missing(ulong seen, bool[]? seenBeyond64)
        {
            var missing = new List<string>();
            for (var i = 0; i < _members.Count; i++)
            {
                var wasSeen = i < 64 ? (seen & (1UL << i)) != 0 : seenBeyond64![i];
                if (_members.IsRequiredOnRead(i) && !wasSeen)
                {
                    missing.Add(_members.Names[i]);
                }
            }

            return missing;
        }

        private void WriteMembers(Utf8JsonWriter writer, T value)
        {
            writer.WriteStartObject();
            _codec.Write(new KuaObjectWriter(writer, _members, _schema), value);
            _extras?.Write(writer, value);
            writer.WriteEndObject();
        }
    }

    /// <summary>Properties a schema does not name, kept in a dictionary member of the object.</summary>
    /// <typeparam name="T">The object type.</typeparam>
    internal abstract class KuaExtraMembers<T>
    {
        public abstract void Read(ref Utf8JsonReader reader, T target, string key);

        public abstract void Write(Utf8JsonWriter writer, T value);
    }

    /// <summary>Extra members whose values are <typeparamref name="TValue"/>.</summary>
    /// <typeparam name="T">The object type.</typeparam>
    /// <typeparam name="TValue">The values' type.</typeparam>
    internal sealed class KuaExtraMembers<T, TValue> : KuaExtraMembers<T>
    {
        private readonly Func<T, Dictionary<string, TValue>?> _get;
        private readonly Action<T, Dictionary<string, TValue>> _set;
        private readonly JsonConverter<TValue> _value;
        private readonly bool _nullableValues;

        public KuaExtraMembers(Func<T, Dictionary<string, TValue>?> get, Action<T, Dictionary<string, TValue>> set, JsonConverter<TValue> value, bool nullableValues)
        {
            _get = get ?? throw new ArgumentNullException(nameof(get));
            _set = set ?? throw new ArgumentNullException(nameof(set));
            _value = value ?? throw new ArgumentNullException(nameof(value));
            _nullableValues = nullableValues;
        }

        public override void Read(ref Utf8JsonReader reader, T target, string key)
        {
            var map = _get(target);
            if (map is null)
            {
                map = new Dictionary<string, TValue>(StringComparer.Ordinal);
                _set(target, map);
            }

            map[key] = reader.TokenType == JsonTokenType.Null && _nullableValues ? default! : _value.Read(ref reader, typeof(TValue), KuaJson.Options)!;
        }

        public override void Write(Utf8JsonWriter writer, T value)
        {
            var map = _get(value);
            if (map is null)
            {
                return;
            }

            foreach (var pair in map)
            {
                writer.WritePropertyName(pair.Key);
                if (pair.Value is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    _value.Write(writer, pair.Value, KuaJson.Options);
                }
            }
        }
    }
}
