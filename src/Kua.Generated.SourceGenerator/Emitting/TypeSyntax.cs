using System.Collections.Generic;
using System.Globalization;
using Kua.Generated.SourceGenerator.Model;

namespace Kua.Generated.SourceGenerator.Emitting
{
    /// <summary>
    /// Turns <see cref="TypeRef"/>s into C# text for one file: type names, converter expressions and
    /// text formatting, honouring what the target supports (nullable annotations, DateOnly).
    /// Composite converters (lists, maps, nullables) are cached in lazily created static members,
    /// because static initializers that refer to each other could observe nulls in recursive schemas.
    /// </summary>
    internal sealed class TypeSyntax
    {
        public const string Runtime = "global::Kua.Generated.Runtime";
        public const string Converters = Runtime + ".Json.KuaJsonConverters";
        public const string Json = Runtime + ".Json.KuaJson";
        public const string Formatting = Runtime + ".KuaFormatting";
        public const string StjConverter = "global::System.Text.Json.Serialization.JsonConverter";

        private readonly List<(string Member, string Type, string Expression)> _cached = new List<(string, string, string)>();
        private readonly Dictionary<string, string> _cachedByExpression = new Dictionary<string, string>();

        public TypeSyntax(string ns, EmitOptions options)
        {
            Namespace = ns;
            Options = options;
        }

        public string Namespace { get; }

        public EmitOptions Options { get; }

        public string SerializationNamespace => Namespace + ".Serialization";

        /// <summary>"null!" where nullable annotations exist, "null" otherwise.</summary>
        public string NullForgiven => Options.NullableAnnotations ? "null!" : "null";

        /// <summary>The '!' suffix where nullable annotations exist.</summary>
        public string Bang => Options.NullableAnnotations ? "!" : string.Empty;

        public string Generated(string name) => "global::" + Namespace + "." + name;

        public string ConverterType(string name) => "global::" + SerializationNamespace + "." + name + "JsonConverter";

        /// <summary>The C# type, never with a nullable marker.</summary>
        public string Name(TypeRef type, bool forParameter = false)
        {
            switch (type.Kind)
            {
                case TypeKind.String: return "string";
                case TypeKind.Boolean: return "bool";
                case TypeKind.Int32: return "int";
                case TypeKind.Int64: return "long";
                case TypeKind.Single: return "float";
                case TypeKind.Double: return "double";
                case TypeKind.Decimal: return "decimal";
                case TypeKind.DateTimeOffset: return "global::System.DateTimeOffset";
                case TypeKind.Date: return Options.DateOnly ? "global::System.DateOnly" : "global::System.DateTime";
                case TypeKind.Time: return Options.DateOnly ? "global::System.TimeOnly" : "global::System.TimeSpan";
                case TypeKind.Duration: return "global::System.TimeSpan";
                case TypeKind.Guid: return "global::System.Guid";
                case TypeKind.Uri: return "global::System.Uri";
                case TypeKind.Bytes: return "byte[]";
                case TypeKind.Binary: return "global::System.IO.Stream";
                case TypeKind.Any: return "global::System.Text.Json.JsonElement";
                case TypeKind.List:
                    return forParameter
                        ? "global::System.Collections.Generic.IEnumerable<" + Declared(type.Element!, type.Element!.Nullable) + ">"
                        : "global::System.Collections.Generic.List<" + Declared(type.Element!, type.Element!.Nullable) + ">";
                case TypeKind.Map:
                    return forParameter
                        ? "global::System.Collections.Generic.IReadOnlyDictionary<string, " + Declared(type.Element!, type.Element!.Nullable) + ">"
                        : "global::System.Collections.Generic.Dictionary<string, " + Declared(type.Element!, type.Element!.Nullable) + ">";
                default:
                    return Generated(type.Name!);
            }
        }

        /// <summary>The C# type with '?' when <paramref name="nullable"/> (value types always; reference types where annotations exist).</summary>
        public string Declared(TypeRef type, bool nullable, bool forParameter = false)
        {
            var name = Name(type, forParameter);
            return nullable && (IsValueType(type) || Options.NullableAnnotations) ? name + "?" : name;
        }

        public static bool IsValueType(TypeRef type)
        {
            switch (type.Kind)
            {
                case TypeKind.Boolean:
                case TypeKind.Int32:
                case TypeKind.Int64:
                case TypeKind.Single:
                case TypeKind.Double:
                case TypeKind.Decimal:
                case TypeKind.DateTimeOffset:
                case TypeKind.Date:
                case TypeKind.Time:
                case TypeKind.Duration:
                case TypeKind.Guid:
                case TypeKind.Any:
                case TypeKind.StringEnum:
                case TypeKind.IntegerEnum:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>An expression for the <c>JsonConverter&lt;T&gt;</c> of the non-null type.</summary>
        public string Converter(TypeRef type)
        {
            switch (type.Kind)
            {
                case TypeKind.String: return Converters + ".String";
                case TypeKind.Boolean: return Converters + ".Boolean";
                case TypeKind.Int32: return Converters + ".Int32";
                case TypeKind.Int64: return Converters + ".Int64";
                case TypeKind.Single: return Converters + ".Single";
                case TypeKind.Double: return Converters + ".Double";
                case TypeKind.Decimal: return Converters + ".Decimal";
                case TypeKind.DateTimeOffset: return Converters + ".DateTimeOffset";
                case TypeKind.Date: return Converters + (Options.DateOnly ? ".DateOnly" : ".Date");
                case TypeKind.Time: return Converters + (Options.DateOnly ? ".TimeOnly" : ".Time");
                case TypeKind.Duration: return Converters + ".Duration";
                case TypeKind.Guid: return Converters + ".Guid";
                case TypeKind.Uri: return Converters + ".Uri";
                case TypeKind.Bytes: return Converters + ".Bytes";
                case TypeKind.Binary: return Converters + ".String";
                case TypeKind.Any: return Converters + ".Any";
                case TypeKind.List:
                    return Cached(StjConverter + "<" + Name(type) + ">", Converters + ".ListOf(" + ElementConverter(type.Element!) + ")");
                case TypeKind.Map:
                    return Cached(StjConverter + "<" + Name(type) + ">", Converters + ".MapOf(" + ElementConverter(type.Element!) + ")");
                default:
                    return ConverterType(type.Name!) + ".Instance";
            }
        }

        /// <summary>The converter for a list item or map value, which may be null when the element allows it.</summary>
        public string ElementConverter(TypeRef element)
        {
            if (!element.Nullable)
            {
                return Converter(element);
            }

            var wrapper = IsValueType(element) ? ".Nullable(" : ".OrNull(";
            return Cached(StjConverter + "<" + Declared(element, true) + ">", Converters + wrapper + Converter(element.WithNullable(false)) + ")");
        }

        /// <summary>Text for a non-null value in a URL, header, cookie or form field.</summary>
        public string Format(TypeRef type, string value)
        {
            switch (type.Kind)
            {
                case TypeKind.String:
                    return value;
                case TypeKind.Date:
                    return Options.DateOnly ? Formatting + ".Format(" + value + ")" : Formatting + ".FormatDate(" + value + ")";
                case TypeKind.Time:
                    return Options.DateOnly ? Formatting + ".Format(" + value + ")" : Formatting + ".FormatTime(" + value + ")";
                case TypeKind.Duration:
                    return Formatting + ".FormatDuration(" + value + ")";
                case TypeKind.StringEnum:
                    return value + ".ToString()";
                case TypeKind.IntegerEnum:
                    return Formatting + ".Format((long)" + value + ")";
                case TypeKind.Any:
                    return Formatting + ".Format(" + value + ")";
                case TypeKind.Object:
                case TypeKind.Union:
                case TypeKind.List:
                case TypeKind.Map:
                    return Json + ".Serialize(" + value + ", " + Converter(type) + ")";
                case TypeKind.Binary:
                    return value + ".ToString()";
                default:
                    return Formatting + ".Format(" + value + ")";
            }
        }

        /// <summary>Text for a value that may be null (value types arrive as <c>T?</c>).</summary>
        public string FormatNullable(TypeRef type, string value) =>
            IsValueType(type) ? Format(type, value + ".Value") : Format(type, value);

        /// <summary>Writes the cached converter members; call once, after the rest of the class.</summary>
        public void WriteCachedConverters(SourceWriter writer)
        {
            foreach (var (member, type, expression) in _cached)
            {
                var field = "s_" + member;
                writer.Line();
                writer.Line("private static " + type + (Options.NullableAnnotations ? "? " : " ") + field + ";");
                writer.Line();
                writer.Line("private static " + type + " " + member + " => " + field + " ?? (" + field + " = " + expression + ");");
            }

            _cached.Clear();
            _cachedByExpression.Clear();
        }

        private string Cached(string type, string expression)
        {
            if (!_cachedByExpression.TryGetValue(expression, out var member))
            {
                member = "Converter" + _cached.Count.ToString(CultureInfo.InvariantCulture);
                _cached.Add((member, type, expression));
                _cachedByExpression.Add(expression, member);
            }

            return member;
        }
    }
}
