using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kua.Generated.Runtime.Json
{
    /// <summary>
    /// A generated string enum, which its converter asks to wrap a text. An interface rather than a delegate: a spec
    /// with many enums would otherwise compile one lambda and its cached delegate per enum in every build.
    /// </summary>
    /// <typeparam name="T">The enum struct itself.</typeparam>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public interface IKuaStringEnum<T>
        where T : struct, IKuaStringEnum<T>
    {
        /// <summary>The value with this text, listed or not (called on <c>default(T)</c>).</summary>
        /// <param name="text">The text, as the API writes it.</param>
        /// <returns>The value.</returns>
        T FromText(string text);
    }

    /// <summary>
    /// JSON string ⇄ a generated string enum (a struct over its text). Known values are matched on their UTF-8 bytes
    /// and share one string each; a value the client does not know yet is kept as it is.
    /// </summary>
    /// <typeparam name="T">The enum struct; its <c>ToString()</c> is its text.</typeparam>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class KuaStringEnumConverter<T> : JsonConverter<T>
        where T : struct, IKuaStringEnum<T>
    {
        private readonly T[] _known;
        private readonly KuaUtf8Lookup _lookup;

        /// <summary>Creates the converter.</summary>
        /// <param name="known">The values the spec lists.</param>
        public KuaStringEnumConverter(params string[] known)
        {
            if (known is null)
            {
                throw new ArgumentNullException(nameof(known));
            }

            _known = new T[known.Length];
            for (var i = 0; i < known.Length; i++)
            {
                _known[i] = default(T).FromText(known[i]);
            }

            _lookup = new KuaUtf8Lookup(known);
        }

        /// <summary>Reads a member's value.</summary>
        /// <param name="reader">The reader, on the value.</param>
        /// <returns>The value.</returns>
        public T ReadValue(ref Utf8JsonReader reader)
        {
            KuaJson.Expect(ref reader, JsonTokenType.String, "a string");
            var index = _lookup.Find(ref reader, -1);
            return index >= 0 ? _known[index] : default(T).FromText(reader.GetString()!);
        }

        /// <summary>Reads a member's value, or null.</summary>
        /// <param name="reader">The reader, on the value.</param>
        /// <returns>The value, or null for JSON null.</returns>
        public T? ReadNullable(ref Utf8JsonReader reader) =>
            reader.TokenType == JsonTokenType.Null ? null : ReadValue(ref reader);

        /// <inheritdoc/>
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadValue(ref reader);

        /// <inheritdoc/>
        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }

    /// <summary>JSON integer ⇄ a generated C# enum over integers; a value the client does not know is kept as it is.</summary>
    /// <typeparam name="T">The enum (its underlying type is <see cref="int"/> or <see cref="long"/>).</typeparam>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class KuaIntegerEnumConverter<T> : JsonConverter<T>
        where T : struct, Enum
    {
        /// <summary>Reads a member's value.</summary>
        /// <param name="reader">The reader, on the value.</param>
        /// <returns>The value.</returns>
        public T ReadValue(ref Utf8JsonReader reader)
        {
            if (Unsafe.SizeOf<T>() == sizeof(long))
            {
                var wide = KuaJsonContext.ReadInt64(ref reader);
                return Unsafe.As<long, T>(ref wide);
            }

            var value = KuaJsonContext.ReadInt32(ref reader);
            return Unsafe.As<int, T>(ref value);
        }

        /// <summary>Reads a member's value, or null.</summary>
        /// <param name="reader">The reader, on the value.</param>
        /// <returns>The value, or null for JSON null.</returns>
        public T? ReadNullable(ref Utf8JsonReader reader) =>
            reader.TokenType == JsonTokenType.Null ? null : ReadValue(ref reader);

        /// <inheritdoc/>
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadValue(ref reader);

        /// <inheritdoc/>
        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            if (Unsafe.SizeOf<T>() == sizeof(long))
            {
                writer.WriteNumberValue(Unsafe.As<T, long>(ref value));
            }
            else
            {
                writer.WriteNumberValue(Unsafe.As<T, int>(ref value));
            }
        }
    }

    /// <summary>Any JSON value ⇄ a generated oneOf/anyOf wrapper, which keeps the value as it came.</summary>
    /// <typeparam name="T">The wrapper class.</typeparam>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class KuaUnionConverter<T> : JsonConverter<T>
        where T : class
    {
        private readonly Func<JsonElement, T> _create;
        private readonly Func<T, JsonElement> _json;

        /// <summary>Creates the converter.</summary>
        /// <param name="create">Wraps a JSON value.</param>
        /// <param name="json">The JSON value a wrapper holds.</param>
        public KuaUnionConverter(Func<JsonElement, T> create, Func<T, JsonElement> json)
        {
            _create = create ?? throw new ArgumentNullException(nameof(create));
            _json = json ?? throw new ArgumentNullException(nameof(json));
        }

        /// <summary>Reads a member's value, or null for JSON null.</summary>
        /// <param name="reader">The reader, on the value.</param>
        /// <returns>The wrapper, or null.</returns>
        public T ReadValue(ref Utf8JsonReader reader) =>
            reader.TokenType == JsonTokenType.Null ? null! : _create(JsonElement.ParseValue(ref reader));

        /// <inheritdoc/>
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            _create(JsonElement.ParseValue(ref reader));

        /// <inheritdoc/>
        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => _json(value).WriteTo(writer);
    }
}
