using Kua.Generated.SourceGenerator.Model;

namespace Kua.Generated.SourceGenerator.Emitting
{
    /// <summary>
    /// Turns <see cref="TypeRef"/>s into C# text for one spec: type names (with or without nullable annotations),
    /// the converter of each type, and text formatting, honouring what the target supports (DateOnly, annotations).
    /// Converters live in the spec's JSON context class (<c>{Namespace}.Serialization.{Client}Json</c>): one member per
    /// generated type (<c>AccountJson</c>) and per list, map or nullable wrapper (<c>List_String</c>, <c>Null_Int32</c>).
    /// </summary>
    internal sealed class TypeSyntax
    {
        public const string Runtime = "global::Kua.Generated.Runtime";
        public const string JsonRuntime = Runtime + ".Json";
        public const string Converters = JsonRuntime + ".KuaJsonConverters";
        public const string HttpRuntime = Runtime + ".Http";
        public const string Json = JsonRuntime + ".KuaJson";
        public const string Formatting = Runtime + ".KuaFormatting";
        public const string StjConverter = "global::System.Text.Json.Serialization.JsonConverter";

        public TypeSyntax(string ns, string clientName, EmitOptions options, bool annotate, bool shortNames = false)
        {
            Namespace = ns;
            ClientName = clientName;
            Options = options;
            Annotate = annotate && options.NullableAnnotations;
            ShortNames = shortNames;
        }

        /// <summary>
        /// Whether generated types are named without their namespace. Safe in type positions inside the spec's namespace
        /// and its Serialization child: type lookup skips members, and the model builder keeps every other name those
        /// namespaces hold (the client, its sub-clients, the JSON context and its factory) from being a type's name.
        /// </summary>
        public bool ShortNames { get; }

        public string Namespace { get; }

        public string ClientName { get; }

        public EmitOptions Options { get; }

        /// <summary>Whether reference types get '?' (false inside the JSON context, which is written with annotations off).</summary>
        public bool Annotate { get; }

        public string SerializationNamespace => Namespace + ".Serialization";

        /// <summary>The JSON context class's simple name.</summary>
        public string ContextName => ClientName + "Json";

        /// <summary>The JSON context class's full name, for code outside it.</summary>
        public string Context => "global::" + SerializationNamespace + "." + ContextName;

        /// <summary>The converter factory named by every generated type's <c>[JsonConverter]</c> attribute.</summary>
        public string ConverterFactory => "global::" + SerializationNamespace + "." + ContextName + "ConverterFactory";

        /// <summary>"null!" where nullable annotations exist, "null" otherwise.</summary>
        public string NullForgiven => Annotate ? "null!" : "null";

        /// <summary>The '!' suffix where nullable annotations exist.</summary>
        public string Bang => Annotate ? "!" : string.Empty;

        /// <summary>The same spec's syntax with nullable annotations off (for the JSON context's code).</summary>
        public TypeSyntax WithoutAnnotations() => new TypeSyntax(Namespace, ClientName, Options, annotate: false, ShortNames);

        /// <summary>A generated type's name, for a type position (never for a member access: use <see cref="Qualified"/>).</summary>
        public string Generated(string name) => ShortNames ? name : Qualified(name);

        public string Qualified(string name) => "global::" + Namespace + "." + name;

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

        /// <summary>The C# type with '?' when <paramref name="nullable"/> (value types always; reference types where annotations are on).</summary>
        public string Declared(TypeRef type, bool nullable, bool forParameter = false)
        {
            var name = Name(type, forParameter);
            return nullable && (IsValueType(type) || Annotate) ? name + "?" : name;
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

        /// <summary>The runtime's name of a JSON format (a <c>KuaJsonConverters</c> member, a <c>Read…</c> helper, a writer method).</summary>
        public string Format(TypeKind kind)
        {
            switch (kind)
            {
                case TypeKind.Date: return Options.DateOnly ? "DateOnly" : "Date";
                case TypeKind.Time: return Options.DateOnly ? "TimeOnly" : "Time";
                case TypeKind.Binary: return "String";
                default: return kind.ToString();
            }
        }

        public static bool IsPrimitive(TypeRef type) =>
            !type.IsGenerated && type.Kind != TypeKind.List && type.Kind != TypeKind.Map;

        /// <summary>
        /// The name of the context member holding the converter of <paramref name="type"/> as it may appear in a list or
        /// map: <c>AccountJson</c>, <c>List_String</c>, <c>Map_List_Account</c>, <c>Null_Int32</c> (JSON null allowed).
        /// Primitives that may not be null have no member (their converter is the runtime's).
        /// </summary>
        public static string MemberKey(TypeRef type)
        {
            var inner = NonNullKey(type.WithNullable(false));
            return type.Nullable ? "Null_" + inner : inner;
        }

        private static string NonNullKey(TypeRef type)
        {
            switch (type.Kind)
            {
                case TypeKind.List: return "List_" + MemberKey(type.Element!);
                case TypeKind.Map: return "Map_" + MemberKey(type.Element!);
                case TypeKind.Object:
                case TypeKind.Union:
                case TypeKind.StringEnum:
                case TypeKind.IntegerEnum:
                    return type.Name + "Json";
                case TypeKind.Binary:
                    return "String";
                default:
                    return type.Kind.ToString();
            }
        }

        /// <summary>Whether a converter is a member of the context (rather than one of the runtime's primitive converters).</summary>
        public static bool HasMember(TypeRef type) => type.Nullable || !IsPrimitive(type);

        /// <summary>The converter of <paramref name="type"/> (JSON null included when it is nullable), for code inside the context.</summary>
        public string ConverterInContext(TypeRef type) =>
            HasMember(type) ? MemberKey(type) : Converters + "." + Format(type.Kind);

        /// <summary>The converter of <paramref name="type"/> (JSON null included when it is nullable), for code outside the context.</summary>
        public string Converter(TypeRef type) =>
            HasMember(type) ? Context + "." + MemberKey(type) : Converters + "." + Format(type.Kind);

        /// <summary>Text for a non-null value in a URL, header, cookie or form field.</summary>
        public string FormatValue(TypeRef type, string value)
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
                    return Json + ".Serialize(" + value + ", " + Converter(type.WithNullable(false)) + ")";
                case TypeKind.Binary:
                    return value + ".ToString()";
                default:
                    return Formatting + ".Format(" + value + ")";
            }
        }

        /// <summary>Text for a value that may be null (value types arrive as <c>T?</c>).</summary>
        public string FormatNullable(TypeRef type, string value) =>
            IsValueType(type) ? FormatValue(type, value + ".Value") : FormatValue(type, value);
    }
}
