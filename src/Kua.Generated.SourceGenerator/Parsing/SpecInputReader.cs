using System;
using System.Threading;
using Kua.Generated.SourceGenerator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Kua.Generated.SourceGenerator.Parsing
{
    /// <summary>
    /// Reduces an additional file to a <see cref="SpecInput"/> when MSBuild marked it <c>KuaOpenApi=true</c>, and to a
    /// <see cref="SpecFragment"/> when a spec's <c>$ref</c>s may reach it (<c>KuaOpenApiFragment=true</c>, or a spec).
    /// The contract with the package's props: only these metadata and RootNamespace are read.
    /// </summary>
    internal static class SpecInputReader
    {
        public const string KuaOpenApiMetadata = "build_metadata.AdditionalFiles.KuaOpenApi";
        public const string FragmentMetadata = "build_metadata.AdditionalFiles.KuaOpenApiFragment";
        public const string NamespaceMetadata = "build_metadata.AdditionalFiles.KuaNamespace";
        public const string ClientNameMetadata = "build_metadata.AdditionalFiles.KuaClientName";
        public const string RootNamespaceProperty = "build_property.RootNamespace";
        public const string KeepUnusedSchemasMetadata = "build_metadata.AdditionalFiles.KuaKeepUnusedSchemas";
        public const string KeepUnusedSchemasProperty = "build_property.KuaKeepUnusedSchemas";

        public static SpecInput? Read(AdditionalText file, AnalyzerConfigOptionsProvider options, CancellationToken cancellationToken)
        {
            var fileOptions = options.GetOptions(file);
            if (!IsSet(fileOptions, KuaOpenApiMetadata))
            {
                return null;
            }

            fileOptions.TryGetValue(NamespaceMetadata, out var ns);
            fileOptions.TryGetValue(ClientNameMetadata, out var clientName);
            options.GlobalOptions.TryGetValue(RootNamespaceProperty, out var rootNamespace);
            // The item's metadata wins over the project-wide property.
            if (!fileOptions.TryGetValue(KeepUnusedSchemasMetadata, out var keep) || string.IsNullOrWhiteSpace(keep))
            {
                options.GlobalOptions.TryGetValue(KeepUnusedSchemasProperty, out keep);
            }

            var text = file.GetText(cancellationToken);
            return new SpecInput(file.Path, text?.ToString(), Empty(ns), Empty(clientName), Empty(rootNamespace))
            {
                KeepUnusedSchemas = string.Equals(keep?.Trim(), "true", StringComparison.OrdinalIgnoreCase),
            };
        }

        /// <summary>A file a spec's <c>$ref</c>s may name: a fragment, or a spec (specs may refer to one another's parts).</summary>
        public static SpecFragment? ReadFragment(AdditionalText file, AnalyzerConfigOptionsProvider options, CancellationToken cancellationToken)
        {
            var fileOptions = options.GetOptions(file);
            if (!IsSet(fileOptions, FragmentMetadata) && !IsSet(fileOptions, KuaOpenApiMetadata))
            {
                return null;
            }

            return new SpecFragment(file.Path, file.GetText(cancellationToken)?.ToString());
        }

        private static bool IsSet(AnalyzerConfigOptions options, string key) =>
            options.TryGetValue(key, out var flag) && string.Equals(flag?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

        private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
    }
}
