using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Kua.Testing
{
    // Routing: which handler a request goes to, and the helpers every handler writes replies with.
    public sealed partial class KuaFakeServer
    {
        private async Task HandleAsync(HttpContext context)
        {
            var path = context.Request.Path.Value ?? "/";
            var relative = path.StartsWith(_basePath + "/", StringComparison.Ordinal) ? path.Substring(_basePath.Length + 1) : null;
            var method = context.Request.Method;
            if (relative == "accounts/sessions/email" && HttpMethods.IsPost(method))
            {
                await HandleLoginAsync(context).ConfigureAwait(false);
            }
            else if (relative == "accounts" && HttpMethods.IsGet(method))
            {
                await HandleApiAsync(context, KuaFakeRequestKind.Account).ConfigureAwait(false);
            }
            else if (relative == "_fake/echo")
            {
                await HandleApiAsync(context, KuaFakeRequestKind.Echo).ConfigureAwait(false);
            }
            else
            {
                await WriteErrorAsync(context, 404, "not_found", "No such endpoint: " + method + " " + path + ".").ConfigureAwait(false);
                Record(context, KuaFakeRequestKind.Unknown, null, 404, null);
            }
        }

        private static async Task WriteErrorAsync(HttpContext context, int status, string code, string message, IReadOnlyList<(string Field, string Message)>? details = null)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("code", code);
                writer.WriteString("message", message);
                if (details != null)
                {
                    writer.WriteStartArray("details");
                    foreach (var (field, text) in details)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("field", field);
                        writer.WriteString("message", text);
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
            }

            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.Body.WriteAsync(buffer.ToArray()).ConfigureAwait(false);
        }

        private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer).ConfigureAwait(false);
            return buffer.ToArray();
        }
    }
}
