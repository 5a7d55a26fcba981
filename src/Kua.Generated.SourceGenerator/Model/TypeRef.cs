namespace Kua.Generated.SourceGenerator.Model
{
    /// <summary>What kind of C# type a schema maps to.</summary>
    internal enum TypeKind
    {
        String,
        Boolean,
        Int32,
        Int64,
        Single,
        Double,
        Decimal,
        DateTimeOffset,
        /// <summary>format: date — DateOnly where the target has it, else DateTime.</summary>
        Date,
        /// <summary>format: time — TimeOnly where the target has it, else TimeSpan.</summary>
        Time,
        Duration,
        Guid,
        Uri,
        /// <summary>format: byte — base64 in JSON.</summary>
        Bytes,
        /// <summary>format: binary — a Stream in bodies.</summary>
        Binary,
        /// <summary>Any JSON value, kept as JsonElement.</summary>
        Any,
        /// <summary>A generated class.</summary>
        Object,
        /// <summary>A generated forward-compatible string enum (readonly struct).</summary>
        StringEnum,
        /// <summary>A generated C# enum over integers.</summary>
        IntegerEnum,
        /// <summary>A generated oneOf/anyOf wrapper class.</summary>
        Union,
        List,
        Map,
    }

    /// <summary>
    /// A reference to a type as the model sees it: its kind, the generated type's simple name (for
    /// generated kinds), the element type (lists, maps) and whether JSON null is allowed. The emitter
    /// turns it into C# text; nothing here depends on the target framework.
    /// </summary>
    internal sealed record TypeRef(TypeKind Kind, string? Name = null, TypeRef? Element = null, bool Nullable = false)
    {
        public static readonly TypeRef Any = new TypeRef(TypeKind.Any);
        public static readonly TypeRef String = new TypeRef(TypeKind.String);

        public bool IsGenerated => Kind == TypeKind.Object || Kind == TypeKind.StringEnum || Kind == TypeKind.IntegerEnum || Kind == TypeKind.Union;

        public TypeRef WithNullable(bool nullable) => Nullable == nullable ? this : this with { Nullable = nullable };
    }
}
