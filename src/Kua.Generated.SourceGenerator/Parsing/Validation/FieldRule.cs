namespace Kua.Generated.SourceGenerator.Parsing.Validation
{
    /// <summary>The JSON form a field's value must have.</summary>
    internal enum ValueKind
    {
        /// <summary>Any JSON value (examples, defaults, constants).</summary>
        Any,

        /// <summary>Prose or a label: a string; a number or a boolean is read as its text.</summary>
        Text,

        /// <summary>A string the generator uses as a name or a keyword: nothing else is read.</summary>
        Name,

        /// <summary><c>true</c> or <c>false</c>.</summary>
        Boolean,

        /// <summary>A non-negative integer (lengths and counts, which NSwag reads as 32-bit integers).</summary>
        Count,

        /// <summary>A number (bounds, which NSwag reads as decimals).</summary>
        Number,

        /// <summary>A boolean (OpenAPI 3.0, Swagger 2.0) or a number (JSON Schema 2020-12): the exclusive bounds.</summary>
        BoundFlag,

        /// <summary>A list of strings; a single string is read as a list of one.</summary>
        NameList,

        /// <summary>A list of any values (<c>enum</c>).</summary>
        ValueList,

        /// <summary>An object of the rule's shape.</summary>
        Object,

        /// <summary>A list of objects of the rule's shape.</summary>
        List,

        /// <summary>A schema: an object or a boolean (JSON Schema's true and false schemas).</summary>
        Schema,

        /// <summary>A list of schemas (<c>allOf</c>, <c>oneOf</c>, …); a single schema is read as a list of one.</summary>
        SchemaList,

        /// <summary><c>items</c>: a schema, or the older list form (one schema per position), which the normalizer adapts.</summary>
        Items,

        /// <summary><c>type</c>: a type name or (JSON Schema 2020-12) a list of them.</summary>
        Type,

        /// <summary><c>discriminator</c>: a property name (Swagger 2.0) or a Discriminator Object (OpenAPI 3).</summary>
        Discriminator,

        /// <summary>A discriminator mapping's target: a component schema's name or a reference to a schema.</summary>
        SchemaName,
    }

    /// <summary>The rule for one field: the form its value must have, and what happens when it does not.</summary>
    internal sealed class FieldRule
    {
        public FieldRule(ValueKind kind, Shape? shape = null, Allowed allowed = Allowed.Anything, string? consequence = null, bool required = false, string? fallback = null)
        {
            Kind = kind;
            Shape = shape;
            Allowed = allowed;
            Consequence = consequence ?? (fallback is null ? "it is ignored" : "it is read as '" + fallback + "'");
            Required = required;
            Fallback = fallback;
        }

        public ValueKind Kind { get; }

        /// <summary>The shape of the object(s) for <see cref="ValueKind.Object"/> and <see cref="ValueKind.List"/>.</summary>
        public Shape? Shape { get; }

        public Allowed Allowed { get; }

        /// <summary>What the generator does when the value is ignored, said to the user ("it is ignored, and …").</summary>
        public string Consequence { get; }

        /// <summary>The owner cannot do without this field: when it is missing or invalid the owner is left out.</summary>
        public bool Required { get; }

        /// <summary>
        /// The text a field the loader cannot do without takes when it is missing or invalid (NSwag.Core refuses a
        /// document whose info has no title or version); null when the field may simply be absent.
        /// </summary>
        public string? Fallback { get; }
    }
}
