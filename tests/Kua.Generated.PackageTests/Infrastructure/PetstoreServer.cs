using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Kua.Generated.PackageTests.Infrastructure;

/// <summary>
/// The Swagger Petstore (oai-v3.0-petstore.yaml) served for real on 127.0.0.1, with pets made up per test and every
/// request recorded, so a consumer's generated client can be shown to call it. Also serves
/// GET /pets/{petId}/vaccinations, the operation the regeneration test adds to its copy of the spec.
/// </summary>
internal sealed class PetstoreServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<string> _requests = new();
    private readonly object _lock = new();

    private PetstoreServer(WebApplication app, IReadOnlyList<Pet> pets)
    {
        _app = app;
        Pets = pets;
    }

    public sealed record Pet(long Id, string Name, string? Tag, IReadOnlyList<string> Vaccinations);

    /// <summary>http://127.0.0.1:{port}/v1/, the spec's base path on this server.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<Pet> Pets { get; }

    /// <summary>"GET /v1/pets?limit=2", in order of arrival.</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_lock)
            {
                return _requests.ToArray();
            }
        }
    }

    /// <summary>PETSTORE_E2E_BASE_URL for the consumer program.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["PETSTORE_E2E_BASE_URL"] = BaseAddress.ToString() };

    public static async Task<PetstoreServer> StartAsync()
    {
        var pets = Enumerable.Range(0, 3).Select(i =>
        {
            var tag = Guid.NewGuid().ToString("N");
            return new Pet(
                Random.Shared.NextInt64(1, 1_000_000_000),
                "pet-" + tag[..6],
                i == 1 ? null : "tag-" + tag[6..10],
                new[] { "rabies-" + tag[10..14], "distemper-" + tag[14..18] });
        }).ToArray();

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new PetstoreServer(app, pets);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        server.BaseAddress = new Uri("http://127.0.0.1:" + address.Port.ToString(CultureInfo.InvariantCulture) + "/v1/");
        return server;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        lock (_lock)
        {
            _requests.Add(request.Method + " " + request.Path + request.QueryString);
        }

        var segments = (request.Path.Value ?? string.Empty).Trim('/').Split('/');
        if (!HttpMethods.IsGet(request.Method) || segments.Length < 2 || segments[0] != "v1" || segments[1] != "pets")
        {
            await WriteAsync(context, 404, w => WriteError(w, 404, "no such operation"));
            return;
        }

        if (segments.Length == 2)
        {
            var limit = int.TryParse(request.Query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : Pets.Count;
            await WriteAsync(context, 200, w =>
            {
                w.WriteStartArray();
                foreach (var pet in Pets.Take(limit))
                {
                    WritePet(w, pet);
                }

                w.WriteEndArray();
            });
            return;
        }

        var found = Pets.FirstOrDefault(p => p.Id.ToString(CultureInfo.InvariantCulture) == Uri.UnescapeDataString(segments[2]));
        if (found is null)
        {
            await WriteAsync(context, 404, w => WriteError(w, 404, "no such pet"));
        }
        else if (segments.Length == 3)
        {
            await WriteAsync(context, 200, w => WritePet(w, found));
        }
        else if (segments.Length == 4 && segments[3] == "vaccinations")
        {
            await WriteAsync(context, 200, w =>
            {
                w.WriteStartArray();
                foreach (var vaccination in found.Vaccinations)
                {
                    w.WriteStringValue(vaccination);
                }

                w.WriteEndArray();
            });
        }
        else
        {
            await WriteAsync(context, 404, w => WriteError(w, 404, "no such operation"));
        }
    }

    private static void WritePet(Utf8JsonWriter writer, Pet pet)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", pet.Id);
        writer.WriteString("name", pet.Name);
        if (pet.Tag is not null)
        {
            writer.WriteString("tag", pet.Tag);
        }

        writer.WriteEndObject();
    }

    private static void WriteError(Utf8JsonWriter writer, int code, string message)
    {
        writer.WriteStartObject();
        writer.WriteNumber("code", code);
        writer.WriteString("message", message);
        writer.WriteEndObject();
    }

    private static async Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(buffer.ToArray());
    }
}
