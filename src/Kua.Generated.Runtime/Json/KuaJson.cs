using System;
using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kua.Generated.Runtime.Json
{
    /// <summary>
    /// Reading and writing whole JSON documents through generated converters, and the errors those
    /// converters raise. No reflection: every type is handled by an explicit <see cref="JsonConverter{T}"/>.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class KuaJson
    {
        /// <summary>The deepest nesting accepted in a reply.</summary>
        public const int MaxDepth = 256;

        /// <summary>
        /// The options handed to converters. Generated converters never consult them; they exist because
        /// <see cref="JsonConverter{T}"/>'s signature asks for an instance.
        /// </summary>
        public static JsonSerializerOptions Options { get; } = new JsonSerializerOptions { MaxDepth = MaxDepth };

        private static readonly JsonReaderOptions ReaderOptions = new JsonReaderOptions { MaxDepth = MaxDepth };

        /// <summary>Reads one JSON document from UTF-8 bytes.</summary>
        /// <typeparam name="T">The result type.</typeparam>
        /// <param name="utf8Json">The document.</param>
        /// <param name="converter">The converter for <typeparamref name="T"/>.</param>
        /// <returns>The value read.</returns>
        /// <exception cref="JsonException">The document is not valid JSON or does not match <typeparamref name="T"/>.</exception>
        public static T Deserialize<T>(ReadOnlySpan<byte> utf8Json, JsonConverter<T> converter)
        {
            var reader = new Utf8JsonReader(utf8Json, ReaderOptions);
            try
            {
                ReadNext(ref reader);
                var value = converter.Read(ref reader, typeof(T), Options)!;
                if (reader.Read())
                {
                    throw new JsonException("Unexpected data after the end of the JSON document.", null, 0, reader.TokenStartIndex);
                }

                return value;
            }
            catch (Exception ex) when (IsReadError(ex) && !(ex is JsonException))
            {
                throw new JsonException(ex.Message, null, 0, reader.TokenStartIndex, ex);
            }
        }

        /// <summary>Reads one JSON document from a string.</summary>
        /// <typeparam name="T">The result type.</typeparam>
        /// <param name="json">The document.</param>
        /// <param name="converter">The converter for <typeparamref name="T"/>.</param>
        /// <returns>The value read.</returns>
        public static T Deserialize<T>(string json, JsonConverter<T> converter)
        {
            if (json is null)
            {
                throw new ArgumentNullException(nameof(json));
            }

            return Deserialize(System.Text.Encoding.UTF8.GetBytes(json).AsSpan(), converter);
        }

        /// <summary>Writes a value as a UTF-8 JSON document.</summary>
        /// <typeparam name="T">The value type.</typeparam>
        /// <param name="value">The value.</param>
        /// <param name="converter">The converter for <typeparamref name="T"/>.</param>
        /// <returns>The UTF-8 bytes.</returns>
        public static byte[] SerializeToUtf8Bytes<T>(T value, JsonConverter<T> converter)
        {
            using (var buffer = new System.IO.MemoryStream(256))
            {
                using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
                {
                    converter.Write(writer, value, Options);
                }

                return buffer.ToArray();
            }
        }

        /// <summary>Writes a value as a JSON string.</summary>
        /// <typeparam name="T">The value type.</typeparam>
        /// <param name="value">The value.</param>
        /// <param name="converter">The converter for <typeparamref name="T"/>.</param>
        /// <returns>The JSON text.</returns>
        public static string Serialize<T>(T value, JsonConverter<T> converter) =>
            System.Text.Encoding.UTF8.GetString(SerializeToUtf8Bytes(value, converter));

        /// <summary>Reads the value of a property that must not be null (the reader is on the property name).</summary>
        /// <typeparam name="T">The value type.</typeparam>
        /// <param name="reader">The reader, on the property name.</param>
        /// <param name="converter">The value's converter.</param>
        /// <param name="typeName">The schema the object belongs to, for errors.</param>
        /// <param name="propertyName">The property's JSON name, for errors.</param>
        /// <returns>The value.</returns>
        public static T ReadRequired<T>(ref Utf8JsonReader reader, JsonConverter<T> converter, string typeName, string propertyName)
        {
            ReadNext(ref reader);
            if (reader.TokenType == JsonTokenType.Null)
            {
                throw NullNotAllowed(typeName, propertyName);
            }

            return converter.Read(ref reader, typeof(T), Options)!;
        }

        /// <summary>Reads the value of an optional property; JSON null reads as absent (the member's type cannot hold it).</summary>
        /// <typeparam name="T">The value type.</typeparam>
        /// <param name="reader">The reader, on the property name.</param>
        /// <param name="converter">The value's converter.</param>
        /// <param name="value">The value, when there was one.</param>
        /// <returns>Whether a value (not null) was read.</returns>
        public static bool TryReadOptional<T>(ref Utf8JsonReader reader, JsonConverter<T> converter, out T value)
        {
            ReadNext(ref reader);
            if (reader.TokenType == JsonTokenType.Null)
            {
                value = default!;
                return false;
            }

            value = converter.Read(ref reader, typeof(T), Options)!;
            return true;
        }

        /// <summary>Reads the value of a property that may be JSON null.</summary>
        /// <typeparam name="T">The value type.</typeparam>
        /// <param name="reader">The reader, on the property name.</param>
        /// <param name="converter">The converter for non-null values.</param>
        /// <returns>The value, or null.</returns>
        public static T? ReadNullableValue<T>(ref Utf8JsonReader reader, JsonConverter<T> converter)
            where T : struct
        {
            ReadNext(ref reader);
            return reader.TokenType == JsonTokenType.Null ? null : converter.Read(ref reader, typeof(T), Options);
        }

        /// <summary>Reads the value of a property that may be JSON null.</summary>
        /// <typeparam name="T">The value type.</typeparam>
        /// <param name="reader">The reader, on the property name.</param>
        /// <param name="converter">The converter for non-null values.</param>
        /// <returns>The value, or null.</returns>
        public static T? ReadNullableReference<T>(ref Utf8JsonReader reader, JsonConverter<T> converter)
            where T : class
        {
            ReadNext(ref reader);
            return reader.TokenType == JsonTokenType.Null ? null : converter.Read(ref reader, typeof(T), Options);
        }

        /// <summary>Skips the value of a property the schema does not name (the reader is on the property name).</summary>
        /// <param name="reader">The reader.</param>
        public static void SkipValue(ref Utf8JsonReader reader)
        {
            ReadNext(ref reader);
            reader.Skip();
        }

        /// <summary>Writes a property whose value is always present.</summary>
        /// <typeparam name="T">The value type.</typeparam>
        /// <param name="writer">The writer.</param>
        /// <param name="name">The property's encoded name.</param>
        /// <param name="value">The value.</param>
        /// <param name="converter">Its converter.</param>
        public static void WriteRequired<T>(Utf8JsonWriter writer, JsonEncodedText name, T value, JsonConverter<T> converter)
        {
            writer.WritePropertyName(name);
            converter.Write(writer, value, Options);
        }

        /// <summary>Writes a required property of a reference type, failing clearly when it was left null.</summary>
        /// <typeparam name="T">The value type.</typeparam>
        /// <param name="writer">The writer.</param>
        /// <param name="name">The property's encoded name.</param>
        /// <param name="value">The value.</param>
        /// <param name="converter">Its converter.</param>
        /// <param name="typeName">The schema the object belongs to, for errors.</param>
        /// <param name="propertyName">The property's JSON name, for errors.</param>
        public static void WriteRequiredReference<T>(Utf8JsonWriter writer, JsonEncodedText name, T? value, JsonConverter<T> converter, string typeName, string propertyName)
            where T : class
        {
            if (value is null)
            {
                throw RequiredValueMissing(typeName, propertyName);
            }

            WriteRequired(writer, name, value, converter);
        }

        /// <summary>Writes an optional property, leaving it out when it is null.</summary>
        /// <typeparam name="T">The value type.</typeparam>
        /// <param name="writer">The writer.</param>
        /// <param name="name">The property's encoded name.</param>
        /// <param name="value">The value.</param>
        /// <param name="converter">Its converter.</param>
        public static void WriteOptionalValue<T>(Utf8JsonWriter writer, JsonEncodedText name, T? value, JsonConverter<T> converter)
            where T : struct
        {
            if (value.HasValue)
            {
                WriteRequired(writer, name, value.GetValueOrDefault(), converter);
            }
        }

        /// <summary>Writes an optional property, leaving it out when it is null.</summary>
        /// <typeparam name="T">The value type.</typeparam>
        /// <param name="writer">The writer.</param>
        /// <param name="name">The property's encoded name.</param>
        /// <param name="value">The value.</param>
        /// <param name="converter">Its converter.</param>
        public static void WriteOptionalReference<T>(Utf8JsonWriter writer, JsonEncodedText name, T? value, JsonConverter<T> converter)
            where T : class
        {
            if (value != null)
            {
                WriteRequired(writer, name, value, converter);
            }
        }

        /// <summary>Writes a required property that may be null, writing JSON null for null.</summary>
        /// <typeparam name="T">The value type.</typeparam>
        /// <param name="writer">The writer.</param>
        /// <param name="name">The property's encoded name.</param>
        /// <param name="value">The value.</param>
        /// <param name="converter">Its converter.</param>
        public static void WriteNullableValue<T>(Utf8JsonWriter writer, JsonEncodedText name, T? value, JsonConverter<T> converter)
            where T : struct
        {
            if (value.HasValue)
            {
                WriteRequired(writer, name, value.GetValueOrDefault(), converter);
            }
            else
            {
                writer.WriteNull(name);
            }
        }

        /// <summary>Writes a required property that may be null, writing JSON null for null.</summary>
        /// <typeparam name="T">The value type.</typeparam>
        /// <param name="writer">The writer.</param>
        /// <param name="name">The property's encoded name.</param>
        /// <param name="value">The value.</param>
        /// <param name="converter">Its converter.</param>
        public static void WriteNullableReference<T>(Utf8JsonWriter writer, JsonEncodedText name, T? value, JsonConverter<T> converter)
            where T : class
        {
            if (value is null)
            {
                writer.WriteNull(name);
            }
            else
            {
                WriteRequired(writer, name, value, converter);
            }
        }

        /// <summary>An error for a required property left null when writing.</summary>
        /// <param name="typeName">The schema the object belongs to.</param>
        /// <param name="propertyName">The JSON name of the property.</param>
        /// <returns>The exception to throw.</returns>
        public static JsonException RequiredValueMissing(string typeName, string propertyName) =>
            new JsonException("The required property '" + propertyName + "' of '" + typeName + "' is null; set it before sending.");

        /// <summary>
        /// Reads a discriminator property from a copy of the reader (which must be on an object's start),
        /// leaving the caller's reader where it was.
        /// </summary>
        /// <param name="reader">A copy of the reader.</param>
        /// <param name="propertyName">The discriminator's JSON name in UTF-8.</param>
        /// <returns>The discriminator's string value, or null when it is absent or not a string.</returns>
        public static string? PeekDiscriminator(Utf8JsonReader reader, ReadOnlySpan<byte> propertyName)
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    return null;
                }

                var match = reader.ValueTextEquals(propertyName);
                if (!reader.Read())
                {
                    return null;
                }

                if (match)
                {
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                reader.Skip();
            }

            return null;
        }

        /// <summary>The string value of a property of a JSON object, when the element is an object that has it.</summary>
        /// <param name="json">The element.</param>
        /// <param name="propertyName">The property.</param>
        /// <returns>The value, or null.</returns>
        public static string? DiscriminatorOf(JsonElement json, string propertyName) =>
            json.ValueKind == JsonValueKind.Object && json.TryGetProperty(propertyName, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;

        /// <summary>Writes a value to a standalone JSON element.</summary>
        /// <typeparam name="T">The value type.</typeparam>
        /// <param name="value">The value.</param>
        /// <param name="converter">Its converter.</param>
        /// <returns>The element (it owns its memory).</returns>
        public static JsonElement ToElement<T>(T value, JsonConverter<T> converter)
        {
            using (var document = JsonDocument.Parse(SerializeToUtf8Bytes(value, converter)))
            {
                return document.RootElement.Clone();
            }
        }

        /// <summary>Tries to read a JSON element as <typeparamref name="T"/>.</summary>
        /// <typeparam name="T">The type.</typeparam>
        /// <param name="json">The element.</param>
        /// <param name="converter">The converter.</param>
        /// <param name="value">The value read, when it could be.</param>
        /// <returns>Whether the element reads as <typeparamref name="T"/>.</returns>
        public static bool TryFromElement<T>(JsonElement json, JsonConverter<T> converter, out T? value)
        {
            if (json.ValueKind == JsonValueKind.Undefined)
            {
                value = default;
                return false;
            }

            try
            {
                value = Deserialize(System.Text.Encoding.UTF8.GetBytes(json.GetRawText()).AsSpan(), converter);
                return true;
            }
            catch (JsonException)
            {
                value = default;
                return false;
            }
        }

        /// <summary>Whether an exception is a failure to read data (as opposed to, say, cancellation).</summary>
        /// <param name="exception">The exception.</param>
        /// <returns>True for JSON, format, overflow and invalid-operation errors.</returns>
        public static bool IsReadError(Exception exception) =>
            exception is JsonException || exception is InvalidOperationException || exception is FormatException || exception is OverflowException;

        /// <summary>Moves to the next token, failing clearly when the document ends too soon.</summary>
        /// <param name="reader">The reader.</param>
        public static void ReadNext(ref Utf8JsonReader reader)
        {
            if (!reader.Read())
            {
                throw new JsonException("The JSON document ended unexpectedly.", null, 0, reader.BytesConsumed);
            }
        }

        /// <summary>Fails unless the current token is <paramref name="tokenType"/>.</summary>
        /// <param name="reader">The reader.</param>
        /// <param name="tokenType">The token expected.</param>
        /// <param name="what">What was expected, for the message.</param>
        public static void Expect(ref Utf8JsonReader reader, JsonTokenType tokenType, string what)
        {
            if (reader.TokenType != tokenType)
            {
                throw Unexpected(ref reader, what);
            }
        }

        /// <summary>An error for a token of the wrong kind.</summary>
        /// <param name="reader">The reader.</param>
        /// <param name="what">What was expected.</param>
        /// <returns>The exception to throw.</returns>
        public static JsonException Unexpected(ref Utf8JsonReader reader, string what) =>
            new JsonException("Expected " + what + " but found " + Describe(reader.TokenType) + ".", null, 0, reader.TokenStartIndex);

        /// <summary>An error for a token of the right kind whose value is not valid.</summary>
        /// <param name="reader">The reader.</param>
        /// <param name="what">What was expected.</param>
        /// <returns>The exception to throw.</returns>
        public static JsonException Invalid(ref Utf8JsonReader reader, string what) =>
            new JsonException("The value is not " + what + ".", null, 0, reader.TokenStartIndex);

        /// <summary>An error for a required property that is absent.</summary>
        /// <param name="typeName">The schema the object belongs to.</param>
        /// <param name="propertyName">The JSON name of the missing property.</param>
        /// <returns>The exception to throw.</returns>
        public static JsonException MissingRequired(string typeName, string propertyName) =>
            new JsonException("The required property '" + propertyName + "' of '" + typeName + "' is missing.");

        /// <summary>An error for a null in a property that does not allow null.</summary>
        /// <param name="typeName">The schema the object belongs to.</param>
        /// <param name="propertyName">The JSON name of the property.</param>
        /// <returns>The exception to throw.</returns>
        public static JsonException NullNotAllowed(string typeName, string propertyName) =>
            new JsonException("The property '" + propertyName + "' of '" + typeName + "' must not be null.");

        /// <summary>Wraps an error raised while reading a property, so the message names the whole path.</summary>
        /// <param name="typeName">The schema the object belongs to.</param>
        /// <param name="propertyName">The JSON name of the property.</param>
        /// <param name="inner">The error.</param>
        /// <returns>The exception to throw.</returns>
        public static JsonException InProperty(string typeName, string propertyName, Exception inner) =>
            PathException.Wrap(typeName, "." + propertyName, inner);

        /// <summary>Wraps an error raised while reading an array item or map value, naming its position.</summary>
        /// <param name="segment">The position, such as <c>[3]</c> or <c>["key"]</c>.</param>
        /// <param name="inner">The error.</param>
        /// <returns>The exception to throw.</returns>
        internal static JsonException InElement(string segment, Exception inner) => PathException.Wrap(null, segment, inner);

        private sealed class PathException : JsonException
        {
            private PathException(string? typeName, string path, string rootMessage, Exception inner)
                : base(Compose(typeName, path, rootMessage), "$" + path, null, null, inner)
            {
                TypeName = typeName;
                RelativePath = path;
                RootMessage = rootMessage;
            }

            private string? TypeName { get; }

            private string RelativePath { get; }

            private string RootMessage { get; }

            public static JsonException Wrap(string? typeName, string segment, Exception inner)
            {
                if (inner is PathException nested)
                {
                    // Keep the innermost cause and the innermost type name only when nothing outer names one.
                    return new PathException(typeName ?? nested.TypeName, segment + nested.RelativePath, nested.RootMessage, nested.InnerException ?? nested);
                }

                return new PathException(typeName, segment, inner.Message, inner);
            }

            private static string Compose(string? typeName, string path, string rootMessage) =>
                "Cannot read " + (typeName is null ? "$" : typeName) + path + ": " + rootMessage;
        }

        private static string Describe(JsonTokenType tokenType)
        {
            switch (tokenType)
            {
                case JsonTokenType.StartObject: return "an object";
                case JsonTokenType.StartArray: return "an array";
                case JsonTokenType.String: return "a string";
                case JsonTokenType.Number: return "a number";
                case JsonTokenType.True:
                case JsonTokenType.False: return "a boolean";
                case JsonTokenType.Null: return "null";
                default: return tokenType.ToString();
            }
        }
    }
}
