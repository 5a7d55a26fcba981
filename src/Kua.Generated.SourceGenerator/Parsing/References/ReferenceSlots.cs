using System;
using System.Collections.Generic;

namespace Kua.Generated.SourceGenerator.Parsing.References
{
    /// <summary>What an OpenAPI node is, known from where it sits; it decides what a <c>$ref</c> found there names.</summary>
    internal enum Slot
    {
        Document,
        Components,
        PathMap,
        PathItem,
        Operation,
        ParameterList,
        ParameterMap,
        Parameter,
        HeaderMap,
        Header,
        RequestBodyMap,
        RequestBody,
        ResponseMap,
        Response,
        ContentMap,
        MediaType,
        EncodingMap,
        Encoding,
        SchemaMap,
        SchemaList,
        Schema,
        ExampleMap,
        Example,
        CallbackMap,
        Callback,

        /// <summary>Anything else: descriptions, extensions, examples' values. A <c>$ref</c> here is replaced by what it names.</summary>
        Other,
    }

    /// <summary>
    /// The OpenAPI 3.x and Swagger 2.0 layouts as a table: the slot of each child, and the components section a
    /// slot's objects are gathered in when they come from another file.
    /// </summary>
    internal static class ReferenceSlots
    {
        private static readonly Dictionary<Slot, Dictionary<string, Slot>> Named = new Dictionary<Slot, Dictionary<string, Slot>>
        {
            [Slot.Document] = Map(("paths", Slot.PathMap), ("webhooks", Slot.PathMap), ("components", Slot.Components), ("definitions", Slot.SchemaMap), ("parameters", Slot.ParameterMap), ("responses", Slot.ResponseMap)),
            [Slot.Components] = Map(("schemas", Slot.SchemaMap), ("parameters", Slot.ParameterMap), ("responses", Slot.ResponseMap), ("requestBodies", Slot.RequestBodyMap), ("headers", Slot.HeaderMap), ("examples", Slot.ExampleMap), ("callbacks", Slot.CallbackMap), ("pathItems", Slot.PathMap)),
            [Slot.PathItem] = Map(("get", Slot.Operation), ("put", Slot.Operation), ("post", Slot.Operation), ("delete", Slot.Operation), ("options", Slot.Operation), ("head", Slot.Operation), ("patch", Slot.Operation), ("trace", Slot.Operation), ("parameters", Slot.ParameterList)),
            [Slot.Operation] = Map(("parameters", Slot.ParameterList), ("requestBody", Slot.RequestBody), ("responses", Slot.ResponseMap), ("callbacks", Slot.CallbackMap)),
            [Slot.Parameter] = Map(("schema", Slot.Schema), ("items", Slot.Schema), ("content", Slot.ContentMap), ("examples", Slot.ExampleMap)),
            [Slot.Header] = Map(("schema", Slot.Schema), ("items", Slot.Schema), ("content", Slot.ContentMap), ("examples", Slot.ExampleMap)),
            [Slot.RequestBody] = Map(("content", Slot.ContentMap)),
            [Slot.Response] = Map(("content", Slot.ContentMap), ("schema", Slot.Schema), ("headers", Slot.HeaderMap)),
            [Slot.MediaType] = Map(("schema", Slot.Schema), ("itemSchema", Slot.Schema), ("examples", Slot.ExampleMap), ("encoding", Slot.EncodingMap)),
            [Slot.Encoding] = Map(("headers", Slot.HeaderMap)),
            [Slot.Schema] = Map(
                ("properties", Slot.SchemaMap), ("patternProperties", Slot.SchemaMap), ("definitions", Slot.SchemaMap), ("$defs", Slot.SchemaMap), ("dependentSchemas", Slot.SchemaMap),
                ("items", Slot.Schema), ("additionalProperties", Slot.Schema), ("not", Slot.Schema), ("additionalItems", Slot.Schema), ("contains", Slot.Schema),
                ("propertyNames", Slot.Schema), ("if", Slot.Schema), ("then", Slot.Schema), ("else", Slot.Schema), ("unevaluatedProperties", Slot.Schema), ("unevaluatedItems", Slot.Schema), ("contentSchema", Slot.Schema),
                ("allOf", Slot.SchemaList), ("oneOf", Slot.SchemaList), ("anyOf", Slot.SchemaList), ("prefixItems", Slot.SchemaList)),
        };

        /// <summary>Slots whose every member (of a map or a list) has one slot.</summary>
        private static readonly Dictionary<Slot, Slot> Members = new Dictionary<Slot, Slot>
        {
            [Slot.PathMap] = Slot.PathItem,
            [Slot.ParameterList] = Slot.Parameter,
            [Slot.ParameterMap] = Slot.Parameter,
            [Slot.HeaderMap] = Slot.Header,
            [Slot.RequestBodyMap] = Slot.RequestBody,
            [Slot.ResponseMap] = Slot.Response,
            [Slot.ContentMap] = Slot.MediaType,
            [Slot.EncodingMap] = Slot.Encoding,
            [Slot.SchemaMap] = Slot.Schema,
            [Slot.SchemaList] = Slot.Schema,
            [Slot.ExampleMap] = Slot.Example,
            [Slot.CallbackMap] = Slot.Callback,
            [Slot.Callback] = Slot.PathItem,
        };

        private static readonly Dictionary<Slot, string[]> OpenApi3Sections = new Dictionary<Slot, string[]>
        {
            [Slot.Schema] = new[] { "components", "schemas" },
            [Slot.Parameter] = new[] { "components", "parameters" },
            [Slot.Response] = new[] { "components", "responses" },
            [Slot.RequestBody] = new[] { "components", "requestBodies" },
            [Slot.Header] = new[] { "components", "headers" },
            [Slot.Example] = new[] { "components", "examples" },
        };

        private static readonly Dictionary<Slot, string[]> Swagger2Sections = new Dictionary<Slot, string[]>
        {
            [Slot.Schema] = new[] { "definitions" },
            [Slot.Parameter] = new[] { "parameters" },
            [Slot.Response] = new[] { "responses" },
        };

        /// <summary>The slot of a property of an object in <paramref name="parent"/>.</summary>
        public static Slot Child(Slot parent, string name)
        {
            if (Members.TryGetValue(parent, out var member))
            {
                // Only these maps mix extensions with their members; elsewhere an "x-" key is a name (a header, a property).
                var extensible = parent == Slot.ResponseMap || parent == Slot.PathMap || parent == Slot.Callback;
                return extensible && name.StartsWith("x-", StringComparison.Ordinal) ? Slot.Other : member;
            }

            return Named.TryGetValue(parent, out var children) && children.TryGetValue(name, out var child) ? child : Slot.Other;
        }

        /// <summary>The slot of an item of a list in <paramref name="parent"/> (a 2.0-style tuple's items are schemas).</summary>
        public static Slot Item(Slot parent) =>
            Members.TryGetValue(parent, out var member) ? member : parent == Slot.Schema ? Slot.Schema : Slot.Other;

        /// <summary>
        /// The components section (<c>components/schemas</c>, 2.0's <c>definitions</c>…) that gathers objects of
        /// this slot from other files, so every use shares one object; null for slots whose objects are copied
        /// where they are used (path items, operations, callbacks, descriptions).
        /// </summary>
        public static string[]? Section(Slot slot, bool swagger2) =>
            (swagger2 ? Swagger2Sections : OpenApi3Sections).TryGetValue(slot, out var section) ? section : null;

        private static Dictionary<string, Slot> Map(params (string Name, Slot Slot)[] entries)
        {
            var map = new Dictionary<string, Slot>(StringComparer.Ordinal);
            foreach (var (name, slot) in entries)
            {
                map.Add(name, slot);
            }

            return map;
        }
    }
}
