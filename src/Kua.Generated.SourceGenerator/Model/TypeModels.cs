namespace Kua.Generated.SourceGenerator.Model
{
    /// <summary>A type the generator writes: a class, an enum or a union wrapper.</summary>
    internal abstract record TypeModel(string Name, string SchemaName, string? Summary, bool Deprecated);

    /// <summary>
    /// A DTO class with its JSON converter. <see cref="Discriminator"/> is set on a polymorphic base;
    /// <see cref="DiscriminatorProperty"/> on it and on its subtypes, which also carry their own
    /// <see cref="DiscriminatorValue"/>.
    /// </summary>
    internal sealed record ObjectModel(string Name, string SchemaName, string? Summary, bool Deprecated)
        : TypeModel(Name, SchemaName, Summary, Deprecated)
    {
        /// <summary>The base class (the first <c>allOf</c> reference), or null.</summary>
        public string? BaseName { get; init; }

        /// <summary>The properties this class declares.</summary>
        public EquatableArray<PropertyModel> Properties { get; init; } = EquatableArray<PropertyModel>.Empty;

        /// <summary>
        /// The base classes' properties, as this schema sees them (<see cref="PropertyModel.RequiredBySubtype"/>).
        /// </summary>
        public EquatableArray<PropertyModel> InheritedProperties { get; init; } = EquatableArray<PropertyModel>.Empty;

        /// <summary>The type of the values of properties the schema does not name, when they are kept.</summary>
        public TypeRef? AdditionalProperties { get; init; }

        /// <summary>
        /// Whether a base class already declares the <c>AdditionalProperties</c> member: one member holds the extra
        /// members for the whole hierarchy (a second one would hide the first and lose what it holds).
        /// </summary>
        public bool InheritsAdditionalProperties { get; init; }

        public DiscriminatorModel? Discriminator { get; init; }

        public string? DiscriminatorProperty { get; init; }

        public string? DiscriminatorValue { get; init; }
    }

    /// <summary>One property of a DTO.</summary>
    /// <param name="JsonName">The name on the wire.</param>
    /// <param name="Name">The C# property name.</param>
    /// <param name="Type">The property's type; <see cref="TypeRef.Nullable"/> is whether JSON null is allowed.</param>
    /// <param name="Required">Whether the spec lists it in <c>required</c>.</param>
    /// <param name="DefaultValue">A C# expression for the spec's <c>default</c>, when it has a C# form.</param>
    internal sealed record PropertyModel(
        string JsonName,
        string Name,
        TypeRef Type,
        bool Required,
        bool ReadOnly,
        bool WriteOnly,
        string? Summary,
        bool Deprecated,
        string? DefaultValue)
    {
        /// <summary>
        /// An inherited property the subtype's own <c>required</c> names (the base declares it optional, so its C# type
        /// stays nullable): the subtype's converter requires it when reading and writes null as JSON null.
        /// </summary>
        public bool RequiredBySubtype { get; init; }
    }

    /// <summary>
    /// A discriminator on a base class: the property and the value each subtype is written with; deeper
    /// subtypes come first, so a writer that tests each type in turn never stops at a subtype's base.
    /// </summary>
    internal sealed record DiscriminatorModel(string PropertyName, EquatableArray<DiscriminatorMapping> Mappings);

    /// <summary>A discriminator value and the type it selects.</summary>
    internal sealed record DiscriminatorMapping(string Value, string TypeName);

    /// <summary>An enum: string enums become forward-compatible structs, integer enums C# enums.</summary>
    internal sealed record EnumModel(string Name, string SchemaName, string? Summary, bool Deprecated)
        : TypeModel(Name, SchemaName, Summary, Deprecated)
    {
        public bool IsString { get; init; }

        public bool IsInt64 { get; init; }

        public EquatableArray<EnumMemberModel> Members { get; init; } = EquatableArray<EnumMemberModel>.Empty;
    }

    /// <summary>An enum value: its C# name and its value (the string, or the integer's digits).</summary>
    internal sealed record EnumMemberModel(string Name, string Value, string? Summary);

    /// <summary>
    /// A oneOf/anyOf without a class hierarchy: a wrapper over the raw JSON with typed accessors per
    /// variant, so nothing is silently read as the wrong type.
    /// </summary>
    internal sealed record UnionModel(string Name, string SchemaName, string? Summary, bool Deprecated)
        : TypeModel(Name, SchemaName, Summary, Deprecated)
    {
        public bool IsOneOf { get; init; }

        public string? DiscriminatorProperty { get; init; }

        public EquatableArray<UnionVariantModel> Variants { get; init; } = EquatableArray<UnionVariantModel>.Empty;
    }

    /// <summary>One variant of a union: the accessor name suffix, its type, and the discriminator values that select it.</summary>
    internal sealed record UnionVariantModel(string Name, TypeRef Type, EquatableArray<string> DiscriminatorValues);
}
