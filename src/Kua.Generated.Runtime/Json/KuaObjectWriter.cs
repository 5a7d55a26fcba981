using System;
using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kua.Generated.Runtime.Json
{
    /// <summary>
    /// Writes the members of one object by index, applying the schema's rules to null: an optional member is left
    /// out, a required nullable member is written as JSON null, a required member that may not be null fails clearly
    /// (unless the server sets it: <c>readOnly</c>).
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct KuaObjectWriter
    {
        private readonly Utf8JsonWriter _writer;
        private readonly KuaJsonMembers _members;
        private readonly string _schema;

        internal KuaObjectWriter(Utf8JsonWriter writer, KuaJsonMembers members, string schema)
        {
            _writer = writer;
            _members = members;
            _schema = schema;
        }

        /// <summary>Writes a string member.</summary>
        /// <param name="index">The member's index.</param>
        /// <param name="value">The value.</param>
        public void String(int index, string? value)
        {
            if (Name(index, value is null))
            {
                _writer.WriteStringValue(value);
            }
        }

        /// <summary>Writes a boolean member.</summary>
        /// <param name="index">The member's index.</param>
        /// <param name="value">The value.</param>
        public void Boolean(int index, bool value)
        {
            _writer.WritePropertyName(_members.Encoded[index]);
            _writer.WriteBooleanValue(value);
        }

        /// <summary>Writes a boolean member that may be null.</summary>
        /// <param name="index">The member's index.</param>
        /// <param name="value">The value.</param>
        public void Boolean(int index, bool? value)
        {
            if (Name(index, !value.HasValue))
            {
                _writer.WriteBooleanValue(value.GetValueOrDefault());
            }
        }

        /// <summary>Writes an integer member.</summary>
        /// <param name="index">The member's index.</param>
        /// <param name="value">The value.</param>
        public void Int32(int index, int value)
        {
            _writer.WritePropertyName(_members.Encoded[index]);
            _writer.WriteNumberValue(value);
        }

        /// <summary>Writes an integer member that may be null.</summary>
        /// <param name="index">The member's index.</param>
        /// <param name="value">The value.</param>
        public void Int32(int index, int? value)
        {
            if (Name(index, !value.HasValue))
            {
                _writer.WriteNumberValue(value.GetValueOrDefault());
            }
        }

        /// <summary>Writes an integer member.</summary>
        /// <param name="index">The member's index.</param>
        /// <param name="value">The value.</param>
        public void Int64(int index, long value)
        {
            _writer.WritePropertyName(_members.Encoded[index]);
            _writer.WriteNumberValue(value);
        }

        /// <summary>Writes an integer member that may be null.</summary>
        /// <param name="index">The member's index.</param>
        /// <param name="value">The value.</param>
        public void Int64(int index, long? value)
        {
            if (Name(index, !value.HasValue))
            {
                _writer.WriteNumberValue(value.GetValueOrDefault());
            }
        }

        /// <summary>Writes a number member.</summary>
        /// <param name="index">The member's index.</param>
        /// <param name="value">The value.</param>
        public void Single(int index, float value)
        {
            _writer.WritePropertyName(_members.Encoded[index]);
            _writer.WriteNumberValue(value);
        }

        /// <summary>Writes a number member that may be null.</summary>
        /// <param name="index">The member's index.</param>
        /// <param name="value">The value.</param>
        public void Single(int index, float? value)
        {
            if (Name(index, !value.HasValue))
            {
                _writer.WriteNumberValue(value.GetValueOrDefault());
            }
        }

        /// <summary>Writes a number member.</summary>
        /// <param name="index">The member's index.</param>
        /// <param name="value">The value.</param>
        public void Double(int index, double value)
        {
            _writer.WritePropertyName(_members.Encoded[index]);
            _writer.WriteNumberValue(value);
        }

        /// <summary>Writes a number member that may be null.</summary>
        /// <param name="index">The member's index.</param>
        /// <param name="value">The value.</param>
        public void Double(int index, double? value)
        {
            if (Name(index, !value.HasValue))
            {
                _writer.WriteNumberValue(value.GetValueOrDefault());
            }
        }

        /// <summary>Writes a number member.</summary>
        /// <param name="index">The member's index.</param>
        /// <param name="value">The value.</param>
        public void Decimal(int index, decimal value)
        {
            _writer.WritePropertyName(_members.Encoded[index]);
            _writer.WriteNumberValue(value);
        }

        /// <summary>Writes a number member that may be null.</summary>
        /// <param name="index">The member's index.</param>
        /// <param name="value">The value.</param>
        public void Decimal(int index, decimal? value)
        {
            if (Name(index, !value.HasValue))
            {
                _writer.WriteNumberValue(value.GetValueOrDefault());
            }
        }

        /// <summary>Writes a date-time member (RFC 3339).</summary>
        /// <param name="index">The member's index.</param>
        /// <param name="value">The value.</param>
        public void DateTimeOffset(int index, DateTimeOffset value)
        {
            _writer.WritePropertyName(_members.Encoded[index]);
            _writer.WriteStringValue(value);
        }

        /// <summary>Writes a date-time member that may be null.</summary>
        /// <param name="index">The member's index.</param>
        /// <param name="value">The value.</param>
        public void DateTimeOffset(int index, DateTimeOffset? value)
        {
            if (Name(index, !value.HasValue))
            {
                _writer.WriteStringValue(value.GetValueOrDefault());
            }
        }

        /// <summary>Writes a UUID member.</summary>
        /// <param name="index">The member's index.</param>
        /// <param name="value">The value.</param>
        public void Guid(int index, Guid value)
        {
            _writer.WritePropertyName(_members.Encoded[index]);
            _writer.WriteStringValue(value);
        }

        /// <summary>Writes a UUID member that may be null.</summary>
        /// <param name="index">The member's index.</param>
        /// <param name="value">The value.</param>
        public void Guid(int index, Guid? value)
        {
            if (Name(index, !value.HasValue))
            {
                _writer.WriteStringValue(value.GetValueOrDefault());
            }
        }

        /// <summary>Writes a URI member (its original text).</summary>
        /// <param name="index">The member's index.</param>
        /// <param name="value">The value.</param>
        public void Uri(int index, Uri? value)
        {
            if (Name(index, value is null))
            {
                _writer.WriteStringValue(value!.OriginalString);
            }
        }

        /// <summary>Writes a binary member as base64.</summary>
        /// <param name="index">The member's index.</param>
        /// <param name="value">The value.</param>
        public void Bytes(int index, byte[]? value)
        {
            if (Name(index, value is null))
            {
                _writer.WriteBase64StringValue(value);
            }
        }

        /// <summary>Writes a member of any JSON value.</summary>
        /// <param name="index">The member's index.</param>
        /// <param name="value">The value.</param>
        public void Any(int index, JsonElement value)
        {
            _writer.WritePropertyName(_members.Encoded[index]);
            KuaJsonConverters.Any.Write(_writer, value, KuaJson.Options);
        }

        /// <summary>Writes a member of any JSON value that may be null.</summary>
        /// <param name="index">The member's index.</param>
        /// <param name="value">The value.</param>
        public void Any(int index, JsonElement? value)
        {
            if (Name(index, !value.HasValue))
            {
                KuaJsonConverters.Any.Write(_writer, value.GetValueOrDefault(), KuaJson.Options);
            }
        }

        /// <summary>Writes a full-date member (<c>yyyy-MM-dd</c>) held as a <see cref="DateTime"/>.</summary>
        /// <param name="index">The member's index.</param>
        /// <param name="value">The value.</param>
        public void Date(int index, DateTime value)
        {
            _writer.WritePropertyName(_members.Encoded[index]);
            _writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        /// <summary>Writes a full-date member that may be null.</summary>
        /// <param name="index">The member's index.</param>
        /// <param name="value">The value.</param>
        public void Date(int index, DateTime? value)
        {
            if (Name(index, !value.HasValue))
            {
                _writer.WriteStringValue(value.GetValueOrDefault().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
        }

        /// <summary>Writes a partial-time member (<c>HH:mm:ss</c>) held as a <see cref="TimeSpan"/> since midnight.</summary>
        /// <param name="index">The member's index.</param>
        /// <param name="value">The value.</param>
        public void Time(int index, TimeSpan value)
        {
            _writer.WritePropertyName(_members.Encoded[index]);
            _writer.WriteStringValue(KuaFormatting.FormatTime(value));
        }

        /// <summary>Writes a partial-time member that may be null.</summary>
        /// <param name="index">The member's index.</param>
        /// <param name="value">The value.</param>
        public void Time(int index, TimeSpan? value)
        {
            if (Name(index, !value.HasValue))
            {
                _writer.WriteStringValue(KuaFormatting.FormatTime(value.GetValueOrDefault()));
            }
        }

        /// <summary>Writes an ISO 8601 duration member.</summary>
        /// <param name="index">The member's index.</param>
        /// <param name="value">The value.</param>
        public void Duration(int index, TimeSpan value)
        {
            _writer.WritePropertyName(_members.Encoded[index]);
            _writer.WriteStringValue(System.Xml.XmlConvert.ToString(value));
        }

        /// <summary>Writes an ISO 8601 duration member that may be null.</summary>
        /// <param name="index">The member's index.</param>
        /// <param name="value">The value.</param>
        public void Duration(int index, TimeSpan? value)
        {
            if (Name(index, !value.HasValue))
            {
                _writer.WriteStringValue(System.Xml.XmlConvert.ToString(value.GetValueOrDefault()));
            }
        }

#if NET6_0_OR_GREATER
        /// <summary>Writes a full-date member (<c>yyyy-MM-dd</c>).</summary>
        /// <param name="index">The member's index.</param>
        /// <param name="value">The value.</param>
        public void Date(int index, DateOnly value)
        {
            _writer.WritePropertyName(_members.Encoded[index]);
            _writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        /// <summary>Writes a full-date member that may be null.</summary>
        /// <param name="index">The member's index.</param>
        /// <param name="value">The value.</param>
        public void Date(int index, DateOnly? value)
        {
            if (Name(index, !value.HasValue))
            {
                _writer.WriteStringValue(value.GetValueOrDefault().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
        }

        /// <summary>Writes a partial-time member (<c>HH:mm:ss</c>).</summary>
        /// <param name="index">The member's index.</param>
        /// <param name="value">The value.</param>
        public void Time(int index, TimeOnly value)
        {
            _writer.WritePropertyName(_members.Encoded[index]);
            _writer.WriteStringValue(KuaFormatting.FormatTime(value.ToTimeSpan()));
        }

        /// <summary>Writes a partial-time member that may be null.</summary>
        /// <param name="index">The member's index.</param>
        /// <param name="value">The value.</param>
        public void Time(int index, TimeOnly? value)
        {
            if (Name(index, !value.HasValue))
            {
                _writer.WriteStringValue(KuaFormatting.FormatTime(value.GetValueOrDefault().ToTimeSpan()));
            }
        }
#endif

        /// <summary>Writes a member of a reference type (an object, a union, a list, a map…) through its converter.</summary>
        /// <typeparam name="TValue">The member's type.</typeparam>
        /// <param name="index">The member's index.</param>
        /// <param name="value">The value.</param>
        /// <param name="converter">Its converter.</param>
        public void Object<TValue>(int index, TValue? value, JsonConverter<TValue> converter)
            where TValue : class
        {
            if (Name(index, value is null))
            {
                converter.Write(_writer, value!, KuaJson.Options);
            }
        }

        /// <summary>Writes a member of a value type (an enum…) through its converter.</summary>
        /// <typeparam name="TValue">The member's type.</typeparam>
        /// <param name="index">The member's index.</param>
        /// <param name="value">The value.</param>
        /// <param name="converter">Its converter.</param>
        public void Value<TValue>(int index, TValue value, JsonConverter<TValue> converter)
            where TValue : struct
        {
            _writer.WritePropertyName(_members.Encoded[index]);
            converter.Write(_writer, value, KuaJson.Options);
        }

        /// <summary>Writes a member of a value type that may be null, through its converter.</summary>
        /// <typeparam name="TValue">The member's type.</typeparam>
        /// <param name="index">The member's index.</param>
        /// <param name="value">The value.</param>
        /// <param name="converter">Its converter.</param>
        public void Nullable<TValue>(int index, TValue? value, JsonConverter<TValue> converter)
            where TValue : struct
        {
            if (Name(index, !value.HasValue))
            {
                converter.Write(_writer, value.GetValueOrDefault(), KuaJson.Options);
            }
        }

        /// <summary>
        /// Writes the member's name when its value will follow; for a null value applies the schema's rule instead and
        /// returns false (JSON null written, member left out, or an error).
        /// </summary>
        private bool Name(int index, bool isNull)
        {
            if (!isNull)
            {
                _writer.WritePropertyName(_members.Encoded[index]);
                return true;
            }

            var flags = _members.Flags[index];
            if ((flags & KuaMemberFlags.Required) != 0)
            {
                if ((flags & KuaMemberFlags.Nullable) != 0)
                {
                    _writer.WriteNull(_members.Encoded[index]);
                }
                else if ((flags & KuaMemberFlags.ReadOnly) == 0)
                {
                    throw KuaJson.RequiredValueMissing(_schema, _members.Names[index]);
                }
            }

            return false;
        }
    }
}
