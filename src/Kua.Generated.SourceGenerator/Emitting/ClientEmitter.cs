using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Kua.Generated.SourceGenerator.Model;

namespace Kua.Generated.SourceGenerator.Emitting
{
    /// <summary>
    /// The root client, one sub-client per tag, their operation methods, and the DI registration.
    /// Operation bodies are written by <see cref="OperationEmitter"/>.
    /// </summary>
    internal static class ClientEmitter
    {
        private const string Pipeline = "global::Kua.Generated.Runtime.Http.KuaClientPipeline";
        private const string HttpClient = "global::System.Net.Http.HttpClient";
        private const string ReadMode = "global::Kua.Generated.KuaReadMode";
        private const string ReadOptions = "global::Kua.Generated.KuaReadOptions";
        private const string DependencyInjectionNamespace = "Microsoft.Extensions.DependencyInjection";
        private const string ClientOptions = "global::Kua.Generated.KuaClientOptions";

        public static void Emit(SourceWriter writer, TypeSyntax types, ClientModel client, string? title, string? apiVersion)
        {
            using (writer.Open("namespace " + types.Namespace))
            {
                var authenticated = client.Security != null;
                EmitRoot(writer, types, client, title, apiVersion, authenticated);
                if (client.Security?.OptionsClassName != null)
                {
                    writer.Line();
                    SecurityEmitter.EmitOptions(writer, types, client.Name, client.Security);
                }

                foreach (var group in client.Groups)
                {
                    writer.Line();
                    EmitGroup(writer, types, group, authenticated);
                }

                foreach (var operation in client.Operations.Concat(client.Groups.SelectMany(g => g.Operations)))
                {
                    if (operation.Result.VariantsClass != null)
                    {
                        writer.Line();
                        ReplyEmitter.EmitResultClass(writer, types, operation);
                    }

                    if (operation.ResponseHeadersClass != null)
                    {
                        writer.Line();
                        ReplyEmitter.EmitHeadersClass(writer, types, operation);
                    }
                }
            }

            if (types.Options.DependencyInjection)
            {
                writer.Line();
                EmitDependencyInjection(writer, types, client);
            }
        }

        private static void EmitRoot(SourceWriter writer, TypeSyntax types, ClientModel client, string? title, string? apiVersion, bool authenticated)
        {
            var name = client.Name;
            writer.Doc("summary", client.Summary ?? "A client for the " + (title ?? "API") + ".");
            var remarks = new StringBuilder("Operations are grouped by tag into sub-clients");
            if (client.Groups.Count > 0)
            {
                remarks.Append(" (").Append(string.Join(", ", client.Groups.Select(g => "<see cref=\"" + g.PropertyName + "\"/>"))).Append(')');
            }

            remarks.Append(". Thread-safe; reuse one instance.");
            if (!string.IsNullOrEmpty(apiVersion))
            {
                remarks.Append(" API version ").Append(SourceWriter.Escape(apiVersion!)).Append('.');
            }

            writer.DocRaw("remarks", remarks.ToString());
            writer.Line(FileHeader.GeneratedCodeAttribute);
            using (writer.Open("public partial class " + name + " : global::System.IDisposable"))
            {
                EmitDescriptors(writer, types, client.Operations, authenticated);
                writer.Line("private readonly " + Pipeline + " _pipeline;");
                writer.Line();
                if (client.DefaultBaseAddress != null)
                {
                    writer.DocRaw("summary", "The server URL the OpenAPI document declares: <c>" + SourceWriter.Escape(client.DefaultBaseAddress) + "</c>.");
                    writer.Line("public static global::System.Uri DefaultBaseAddress { get; } = new global::System.Uri(" + Literals.String(client.DefaultBaseAddress) + ");");
                }
                else
                {
                    writer.Doc("summary", "The OpenAPI document declares no absolute server URL: give the HttpClient a BaseAddress.");
                    writer.Line("public static global::System.Uri" + (types.Annotate ? "?" : string.Empty) + " DefaultBaseAddress => null;");
                }

                if (client.Security != null)
                {
                    writer.Line();
                    SecurityEmitter.EmitSecurity(writer, client.Security, client.TokenEndpoint);
                }

                writer.Line();
                writer.Doc("summary", "Creates the client over an HttpClient (for example one from IHttpClientFactory) whose handlers authenticate requests. Requests go to its BaseAddress, or to DefaultBaseAddress when it has none.");
                writer.Doc("param", "The HttpClient; the caller owns it.", "name=\"httpClient\"");
                writer.Line("public " + name + "(" + HttpClient + " httpClient)");
                writer.Line("\t: this(httpClient, ownsHttpClient: false, reading: null)");
                writer.Line("{");
                writer.Line("}");

                writer.Line();
                writer.Doc("summary", "Creates the client over an HttpClient, as the constructor without read options does, reading replies that break the spec as the options say.");
                writer.Doc("param", "The HttpClient; the caller owns it.", "name=\"httpClient\"");
                writer.Doc("param", "Strict (fail the call) or Tolerant (read the usual deviations and report each one), and where to log them.", "name=\"reading\"");
                writer.Line("public " + name + "(" + HttpClient + " httpClient, " + ReadOptions + " reading)");
                writer.Line("\t: this(httpClient, ownsHttpClient: false, reading)");
                writer.Line("{");
                writer.Line("}");

                if (client.Security != null)
                {
                    writer.Line();
                    writer.Doc("summary", "Creates a client that sends each operation the credentials its security requirement asks for, fetching and refreshing tokens as needed.");
                    writer.Doc("param", "The base address, credentials and token settings.", "name=\"options\"");
                    writer.Line("public " + name + "(" + OptionsType(types, client.Security) + " options)");
                    writer.Line("\t: this(global::Kua.Generated.KuaHttpClientFactory.Create(options, KuaSecurity, DefaultBaseAddress), ownsHttpClient: true, " + ReadOptions + ".From(options))");
                    writer.Line("{");
                    writer.Line("}");
                }

                writer.Line();
                writer.Doc("summary", "Creates a client that is not connected, for mocking frameworks.");
                using (writer.Open("protected " + name + "()"))
                {
                    writer.Line("_pipeline = " + types.NullForgiven + ";");
                    foreach (var group in client.Groups)
                    {
                        writer.Line(group.PropertyName + " = " + types.NullForgiven + ";");
                    }
                }

                writer.Line();
                using (writer.Open("private " + name + "(" + HttpClient + " httpClient, bool ownsHttpClient, " + ReadOptions + (types.Annotate ? "?" : string.Empty) + " reading)"))
                {
                    writer.Line("_pipeline = new " + Pipeline + "(httpClient, DefaultBaseAddress, ownsHttpClient, reading);");
                    foreach (var group in client.Groups)
                    {
                        writer.Line(group.PropertyName + " = new " + types.Generated(group.ClassName) + "(_pipeline);");
                    }
                }

                foreach (var group in client.Groups)
                {
                    writer.Line();
                    writer.Doc("summary", group.Summary ?? "The " + group.PropertyName + " operations.");
                    writer.Line("public virtual " + types.Generated(group.ClassName) + " " + group.PropertyName + " { get; }");
                }

                foreach (var operation in client.Operations)
                {
                    writer.Line();
                    OperationEmitter.Emit(writer, types, operation);
                }

                writer.Line();
                writer.Doc("summary", "Disposes the HttpClient when this client created it (the options constructor).");
                using (writer.Open("public void Dispose()"))
                {
                    writer.Line("Dispose(true);");
                    writer.Line("global::System.GC.SuppressFinalize(this);");
                }

                writer.Line();
                writer.Doc("summary", "Releases what the client owns.");
                writer.Doc("param", "Whether this is a call from Dispose.", "name=\"disposing\"");
                using (writer.Open("protected virtual void Dispose(bool disposing)"))
                {
                    using (writer.Open("if (disposing && _pipeline != null)"))
                    {
                        writer.Line("_pipeline.Dispose();");
                    }
                }

            }
        }

        private static void EmitGroup(SourceWriter writer, TypeSyntax types, OperationGroupModel group, bool authenticated)
        {
            writer.Doc("summary", group.Summary ?? "The " + group.PropertyName + " operations.");
            writer.Line(FileHeader.GeneratedCodeAttribute);
            using (writer.Open("public partial class " + group.ClassName))
            {
                EmitDescriptors(writer, types, group.Operations, authenticated);
                writer.Line("private readonly " + Pipeline + " _pipeline;");
                writer.Line();
                using (writer.Open("internal " + group.ClassName + "(" + Pipeline + " pipeline)"))
                {
                    writer.Line("_pipeline = pipeline;");
                }

                writer.Line();
                writer.Doc("summary", "Creates an instance that is not connected, for mocking frameworks.");
                using (writer.Open("protected " + group.ClassName + "()"))
                {
                    writer.Line("_pipeline = " + types.NullForgiven + ";");
                }

                foreach (var operation in group.Operations)
                {
                    writer.Line();
                    OperationEmitter.Emit(writer, types, operation);
                }

            }
        }

        /// <summary>The operations' descriptors, written where nullable annotations are off (the methods carry them).</summary>
        private static void EmitDescriptors(SourceWriter writer, TypeSyntax types, EquatableArray<OperationModel> operations, bool authenticated)
        {
            if (operations.IsEmpty)
            {
                return;
            }

            var plain = types.WithoutAnnotations();
            JsonContextEmitter.WriteNullableDisabled(writer, types);
            foreach (var operation in operations)
            {
                OperationEmitter.EmitDescriptor(writer, plain, operation, authenticated);
            }

            JsonContextEmitter.WriteNullableRestored(writer, types);
            writer.Line();
        }

        /// <summary>The options the client is built with: its own class (a credential per scheme), or the runtime's when the Kua login is the only scheme.</summary>
        private static string OptionsType(TypeSyntax types, SecurityModel security) =>
            security.OptionsClassName is null ? ClientOptions : types.Generated(security.OptionsClassName);

        /// <summary>The full name of the class holding the client's <c>Add…</c> extension method.</summary>
        public static string DependencyInjectionClass(ClientModel client) =>
            DependencyInjectionNamespace + "." + client.Name + "ServiceCollectionExtensions";

        private static void EmitDependencyInjection(SourceWriter writer, TypeSyntax types, ClientModel client)
        {
            var type = types.Generated(client.Name);
            using (writer.Open("namespace " + DependencyInjectionNamespace))
            {
                writer.Doc("summary", "Registers " + client.Name + " with IHttpClientFactory.");
                writer.Line(FileHeader.GeneratedCodeAttribute);
                using (writer.Open("public static partial class " + client.Name + "ServiceCollectionExtensions"))
                {
                    if (client.Security != null)
                    {
                        var options = OptionsType(types, client.Security);
                        writer.Doc("summary", "Registers " + client.Name + " as a typed HttpClient that sends each operation the configured credentials its security requirement asks for.");
                        writer.Doc("param", "The services.", "name=\"services\"");
                        writer.Doc("param", "Sets the base address, credentials and token settings.", "name=\"configure\"");
                        writer.Doc("returns", "The HttpClient builder, to add handlers, resilience, logging or a distributed token cache.");
                        writer.Line("public static global::Microsoft.Extensions.DependencyInjection.IHttpClientBuilder Add" + client.Name + "(this global::Microsoft.Extensions.DependencyInjection.IServiceCollection services, global::System.Action<" + options + "> configure) =>");
                        writer.Line("\tglobal::Microsoft.Extensions.DependencyInjection.KuaServiceCollectionExtensions.AddKuaGeneratedClient<" + type + ", " + options + ">(services, " + type + ".KuaSecurity, " + type + ".DefaultBaseAddress, configure, (http, options) => new " + type + "(http, " + ReadOptions + ".From(options)));");
                    }
                    else
                    {
                        var configure = "global::System.Action<" + HttpClient + ">" + (types.Annotate ? "?" : string.Empty);
                        writer.Doc("summary", "Registers " + client.Name + " as a typed HttpClient whose BaseAddress defaults to the document's server URL.");
                        writer.Doc("param", "The services.", "name=\"services\"");
                        writer.Doc("param", "Configures the HttpClient (base address, headers, timeout).", "name=\"configure\"");
                        writer.Doc("param", "Strict (fail the call) or Tolerant (read the usual deviations of replies from the spec and report each one through the container's logging).", "name=\"readMode\"");
                        writer.Doc("returns", "The HttpClient builder, to add authentication, resilience or logging handlers.");
                        using (writer.Open("public static global::Microsoft.Extensions.DependencyInjection.IHttpClientBuilder Add" + client.Name + "(this global::Microsoft.Extensions.DependencyInjection.IServiceCollection services, " + configure + " configure = null, " + ReadMode + " readMode = " + ReadMode + ".Strict)"))
                        {
                            writer.Line("return global::Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions.AddHttpClient<" + type + ", " + type + ">(services, (" + HttpClient + " http, global::System.IServiceProvider provider) => new " + type + "(http, " + ReadOptions + ".From(provider, readMode)))");
                            writer.Line("\t.ConfigureHttpClient(http =>");
                            writer.Line("\t{");
                            writer.Line("\t\tif (http.BaseAddress == null)");
                            writer.Line("\t\t{");
                            writer.Line("\t\t\thttp.BaseAddress = " + type + ".DefaultBaseAddress;");
                            writer.Line("\t\t}");
                            writer.Line();
                            writer.Line("\t\tconfigure?.Invoke(http);");
                            writer.Line("\t});");
                        }
                    }
                }
            }
        }
    }
}
