using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Kua.Generated.SourceGenerator.Diagnostics;
using Kua.Generated.SourceGenerator.Model;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NSwag;

namespace Kua.Generated.SourceGenerator.Parsing
{
    /// <summary>
    /// Builds our model from the NSwag document. Mutable while it works (name scopes, caches, type
    /// builders) and converted to equatable records at the end; NSwag objects never leave it.
    /// Split by concern: schemas (ModelBuilder.Schemas.cs), operations (ModelBuilder.Operations.cs).
    /// </summary>
    internal sealed partial class ModelBuilder
    {
        private readonly OpenApiDocument _document;
        private readonly JObject _root;
        private readonly SpecVersion _version;
        private readonly NormalizedSpec _normalized;
        private readonly DiagnosticBag _diagnostics;
        private readonly CancellationToken _cancellationToken;

        /// <summary>
        /// Type names in the namespace; case-insensitive because hint names (file names) are. "Serialization"
        /// is the child namespace that holds the converters, so no type may take that name.
        /// </summary>
        private readonly NameScope _typeNames = new NameScope(StringComparer.OrdinalIgnoreCase, new[] { "Serialization" });

        public ModelBuilder(OpenApiDocument document, JObject root, NormalizedSpec normalized, DiagnosticBag diagnostics, CancellationToken cancellationToken)
        {
            _document = document;
            _root = root;
            _version = normalized.Version;
            _normalized = normalized;
            _diagnostics = diagnostics;
            _cancellationToken = cancellationToken;
        }

        public SpecModel Build(SpecInput input, string ns)
        {
            var clientName = ChooseClientName(input);
            _typeNames.Reserve(clientName);

            // The JSON context and its factory sit in the Serialization child namespace, where generated code names the
            // spec's types without their namespace: no type may take their names.
            _typeNames.Reserve(clientName + "Json");
            _typeNames.Reserve(clientName + "JsonConverterFactory");

            // The options class with a credential per security scheme, when the spec declares schemes.
            _typeNames.Reserve(OptionsClassNameOf(clientName));
            var groups = PlanGroups(clientName);

            RegisterComponentSchemas();
            BuildComponentSchemas();
            ReportWebhooks();

            var client = BuildClient(clientName, groups);
            var types = FinishTypes();
            if (!input.KeepUnusedSchemas)
            {
                types = TypeSelection.Reachable(types, client, WebhookTypeNames());
            }

            return new SpecModel(
                input.FilePath,
                ns,
                _document.Info?.Title,
                _document.Info?.Version,
                types,
                client,
                _diagnostics.ToEquatableArray());
        }

        private string ChooseClientName(SpecInput input)
        {
            if (!string.IsNullOrWhiteSpace(input.ClientName))
            {
                var requested = input.ClientName!.Trim();
                if (Naming.IsIdentifier(requested))
                {
                    return requested;
                }

                var fixedName = Naming.ToPascal(requested, "Api") + (requested.EndsWith("Client", StringComparison.Ordinal) ? string.Empty : "Client");
                _diagnostics.Add(KuaDiagnostics.InvalidOption, SourcePosition.Unknown, "ClientName", requested, "class name", fixedName);
                return fixedName;
            }

            var title = Naming.ToPascal(_document.Info?.Title, "Api");
            return title.EndsWith("Client", StringComparison.Ordinal) ? title : title + "Client";
        }

        private void ReportWebhooks()
        {
            if (_root["webhooks"] is JObject webhooks && webhooks.Count > 0)
            {
                var count = webhooks.Properties().Sum(p => p.Value is JObject item ? item.Properties().Count(o => o.Value is JObject) : 0);
                _diagnostics.Add(KuaDiagnostics.Webhooks, SpecLines.Of(webhooks.Parent), Math.Max(count, webhooks.Count).ToString(CultureInfo.InvariantCulture));
            }
        }

        /// <summary>The types of the component schemas webhooks refer to: their payloads are generated though no operation uses them.</summary>
        private IEnumerable<string> WebhookTypeNames()
        {
            if (!(_root["webhooks"] is JObject webhooks))
            {
                return Enumerable.Empty<string>();
            }

            var pointers = new HashSet<string>(StringComparer.Ordinal);
            foreach (var reference in webhooks.Descendants().OfType<JProperty>().Where(p => p.Name == "$ref" && p.Value.Type == JTokenType.String))
            {
                pointers.Add((string)reference.Value!);
            }

            return _types.Where(t => pointers.Contains(t.Pointer)).Select(t => t.Name).ToList();
        }

        private SourcePosition At(string pointer) => SpecLines.OfPointer(_root, pointer);

        private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();

        private static bool IsTrue(IDictionary<string, object?>? extensions, string key) =>
            extensions != null && extensions.TryGetValue(key, out var value) && IsTrue(value);

        private static bool IsTrue(object? value) =>
            value is bool flag ? flag : value is JValue json && json.Type == JTokenType.Boolean && (bool)json;

        private static string? TextOf(IDictionary<string, object?>? extensions, string key) =>
            extensions != null && extensions.TryGetValue(key, out var value) ? (value is JValue json ? json.Value as string : value as string) : null;
    }
}
