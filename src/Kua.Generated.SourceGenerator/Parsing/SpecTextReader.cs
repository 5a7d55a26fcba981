using System;
using System.Globalization;
using System.IO;
using System.Threading;
using Kua.Generated.SourceGenerator.Diagnostics;
using Kua.Generated.SourceGenerator.Parsing.Yaml;
using Microsoft.CodeAnalysis;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Kua.Generated.SourceGenerator.Parsing
{
    /// <summary>
    /// Reads spec text into a JSON tree that remembers where each node came from, so later diagnostics can
    /// point at a line: JSON with Newtonsoft's reader, YAML 1.2 with our own (<see cref="YamlParser"/>, which
    /// passes the official YAML test suite). Bounded: deep nesting or alias expansion gives a diagnostic,
    /// never a stack overflow.
    /// </summary>
    internal static class SpecTextReader
    {
        /// <summary>The deepest nesting read (NSwag's loader itself stops at 128).</summary>
        public const int MaxDepth = 120;

        /// <summary>
        /// Upper bound on the nodes YAML aliases add by copying their anchors' nodes, so an alias bomb cannot
        /// cost the compiler minutes and gigabytes (the largest corpus document has under 100,000 nodes in all).
        /// </summary>
        public const int MaxAliasNodes = 1_000_000;

        public static JToken? Read(string text, DiagnosticBag diagnostics, CancellationToken cancellationToken)
        {
            var first = FirstSignificantChar(text);
            if (first == '\0')
            {
                diagnostics.Add(KuaDiagnostics.NotOpenApi, SourcePosition.Unknown, "the file is empty");
                return null;
            }

            if (first != '{' && first != '[')
            {
                return ReadYaml(text, diagnostics, cancellationToken);
            }

            var json = ReadJson(text, cancellationToken, out var failure);
            if (failure is null)
            {
                return json;
            }

            // YAML is a superset of JSON: flow YAML ('{a: b}', '[x]: y') starts like JSON but is no JSON.
            if (failure.Value.Descriptor != KuaDiagnostics.TooDeep)
            {
                try
                {
                    return FromYamlStream(ReadYamlStream(text, cancellationToken), diagnostics);
                }
                catch (YamlException ex) when (!diagnostics.FilePath.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                {
                    // Neither reads it: a YAML file gets YAML's reason, a .json file JSON's.
                    Report(ex, diagnostics);
                    return null;
                }
                catch (YamlException)
                {
                    // A .json file: JSON's reason, below.
                }
            }

            diagnostics.Add(failure.Value.Descriptor, failure.Value.Position, failure.Value.Message);
            return null;
        }

        private static char FirstSignificantChar(string text)
        {
            foreach (var c in text)
            {
                if (!char.IsWhiteSpace(c) && c != '\uFEFF')
                {
                    return c;
                }
            }

            return '\0';
        }

        private static JToken? ReadJson(string text, CancellationToken cancellationToken, out JsonFailure? failure)
        {
            using var reader = new JsonTextReader(new StringReader(text))
            {
                DateParseHandling = DateParseHandling.None,
                FloatParseHandling = FloatParseHandling.Decimal,
                MaxDepth = MaxDepth,
            };

            failure = null;
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                var token = JToken.ReadFrom(reader, new JsonLoadSettings
                {
                    LineInfoHandling = LineInfoHandling.Load,
                    DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Replace,
                    CommentHandling = CommentHandling.Ignore,
                });

                while (reader.Read())
                {
                    if (reader.TokenType != JsonToken.Comment)
                    {
                        failure = new JsonFailure(KuaDiagnostics.UnreadableSpec, new SourcePosition(reader.LineNumber, reader.LinePosition), "unexpected content after the end of the JSON document");
                        return null;
                    }
                }

                return token;
            }
            catch (JsonReaderException ex) when (ex.Message.IndexOf("MaxDepth", StringComparison.Ordinal) >= 0)
            {
                failure = new JsonFailure(KuaDiagnostics.TooDeep, new SourcePosition(ex.LineNumber, ex.LinePosition), MaxDepth.ToString(CultureInfo.InvariantCulture));
                return null;
            }
            catch (JsonReaderException ex)
            {
                failure = new JsonFailure(KuaDiagnostics.UnreadableSpec, new SourcePosition(ex.LineNumber, ex.LinePosition), FirstSentence(ex.Message));
                return null;
            }
        }

        private static JToken? ReadYaml(string text, DiagnosticBag diagnostics, CancellationToken cancellationToken)
        {
            YamlStream stream;
            try
            {
                stream = ReadYamlStream(text, cancellationToken);
            }
            catch (YamlException ex)
            {
                Report(ex, diagnostics);
                return null;
            }

            return FromYamlStream(stream, diagnostics);
        }

        private static void Report(YamlException exception, DiagnosticBag diagnostics)
        {
            if (exception.Kind == YamlErrorKind.TooDeep)
            {
                diagnostics.Add(KuaDiagnostics.TooDeep, exception.Position, MaxDepth.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                diagnostics.Add(KuaDiagnostics.UnreadableSpec, exception.Position, exception.Message);
            }
        }

        /// <summary>The one document of a stream, with the reader's notes; none, or more than one, is a diagnostic.</summary>
        private static JToken? FromYamlStream(YamlStream stream, DiagnosticBag diagnostics)
        {
            if (stream.Documents.Count == 0)
            {
                diagnostics.Add(KuaDiagnostics.NotOpenApi, SourcePosition.Unknown, "the file holds no YAML content");
                return null;
            }

            if (stream.Documents.Count > 1)
            {
                diagnostics.Add(KuaDiagnostics.UnreadableSpec, stream.Documents[1].Start, "the file holds more than one YAML document (" + stream.Documents.Count.ToString(CultureInfo.InvariantCulture) + "); an OpenAPI file is one document");
                return null;
            }

            foreach (var note in stream.Notes)
            {
                diagnostics.Add(KuaDiagnostics.Normalized, note.Position, note.Message);
            }

            return stream.Documents[0].Root;
        }

        /// <summary>Every document of a YAML stream, with the generator's limits on nesting and alias expansion.</summary>
        /// <exception cref="YamlException">The text is not YAML 1.2, or exceeds a limit.</exception>
        public static YamlStream ReadYamlStream(string text, CancellationToken cancellationToken) =>
            YamlParser.Read(text, MaxDepth, MaxAliasNodes, cancellationToken);

        private static string FirstSentence(string message)
        {
            var end = message.IndexOf('\n');
            return (end < 0 ? message : message.Substring(0, end)).Trim();
        }

        /// <summary>Why the JSON reader stopped, kept until the YAML reader has had its try.</summary>
        private readonly struct JsonFailure
        {
            public JsonFailure(DiagnosticDescriptor descriptor, SourcePosition position, string message)
            {
                Descriptor = descriptor;
                Position = position;
                Message = message;
            }

            public DiagnosticDescriptor Descriptor { get; }

            public SourcePosition Position { get; }

            public string Message { get; }
        }
    }
}
