namespace Kua.Generated.SourceGenerator.Model
{
    /// <summary>A type the generator writes: a class, an enum or a union wrapper.</summary>
    internal abstract record TypeModel(string Name, string SchemaName, string? Summary, bool Deprecated);

    /// <summary>
    /// A DTO class with its JSON converter. <see cref="Discriminator"/> is set on a polymorphic base;
    /// <see cref="DiscriminatorProperty"/> on it and on its subtypes, which also carry their own
    /// <see cref="DiscriminatorValue"/>.
    /// </summary>
    internal sealed record ObjectModel(
        string Name,
        string SchemaName,
        string? Summary,
        bool Deprecated,
        string? BaseName,
        EquatableArray<PropertyModel> Properties,
        EquatableArray<PropertyModel> InheritedProperties,
        TypeRef? AdditionalProperties,
        DiscriminatorModel? Discriminator,
        string? DiscriminatorProperty,
        string? DiscriminatorValue)
        : TypeModel(Name, SchemaName, Summary, Deprecated);

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
        string? DefaultValue);

    /// <summary>
    /// A discriminator on a base class: the property and the value each subtype is written with; deeper
    /// subtypes come first, so a writer that tests each type in turn never stops at a subtype's base.
    /// </summary>
    internal sealed record DiscriminatorModel(string PropertyName, EquatableArray<DiscriminatorMapping> Mappings);

    /// <summary>A discriminator value and the type it selects.</summary>
    internal sealed record DiscriminatorMapping(string Value, string TypeName);

    /// <summary>An enum: string enums become forward-compatible structs, integer enums C# enums.</summary>
    internal sealed record EnumModel(
        string Name,
        string SchemaName,
        string? Summary,
        bool Deprecated,
        bool IsString,
        bool IsInt64,
        EquatableArray<EnumMemberModel> Members)
        : TypeModel(Name, SchemaName, Summary, Deprecated);

    /// <summary>An enum value: its C# name and its value (the string, or the integer's digits).</summary>
    internal sealed record EnumMemberModel(string Name, string Value, string? Summary);

    /// <summary>
    /// A oneOf/anyOf without a class hierarchy: a wrapper over the raw JSON with typed accessors per
    /// variant, so nothing is silently read as the wrong type.
    /// </summary>
    internal sealed record UnionModel(
        string Name,
        string SchemaName,
        string? Summary,
        bool Deprecated,
        bool IsOneOf,
        string? DiscriminatorProperty,
        EquatableArray<UnionVariantModel> Variants)
        : TypeModel(Name, SchemaName, Summary, Deprecated);

    /// <summary>One variant of a union: the accessor name suffix, its type, and the discriminator values that select it.</summary>
    internal sealed record UnionVariantModel(string Name, TypeRef Type, EquatableArray<string> DiscriminatorValues);
}
