using System.Globalization;
using System.Text.Json;

namespace Kua.Generated.Benchmarks.Client;

/// <summary>The reply bodies the in-memory server returns, encoded once (UTF-8 JSON as a server would send it).</summary>
internal static class Payloads
{
    public const int TransactionCount = 1000;

    public static readonly byte[] Account = Write(writer => WriteAccount(writer));

    public static readonly byte[] Transactions = Write(writer =>
    {
        writer.WriteStartArray();
        for (var i = 0; i < TransactionCount; i++)
        {
            WriteTransaction(writer, i);
        }

        writer.WriteEndArray();
    });

    public static readonly byte[] Login = Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("accessToken", "eyJhbGciOiJIUzI1NiJ9." + new string('x', 180) + ".signature");
        writer.WriteString("tokenType", "Bearer");
        writer.WriteNumber("expiresIn", 86400);
        writer.WriteEndObject();
    });

    private static void WriteAccount(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("id", "acc_8f14e45fceea167a5a36dedd4bea2543");
        writer.WriteString("email", "demo@kua.test");
        writer.WriteString("displayName", "Demo Account");
        writer.WriteString("status", "active");
        writer.WriteString("createdAt", "2024-03-05T10:15:30.123Z");
        writer.WriteEndObject();
    }

    private static void WriteTransaction(Utf8JsonWriter writer, int i)
    {
        writer.WriteStartObject();
        writer.WriteString("id", "txn_" + i.ToString("D8", CultureInfo.InvariantCulture));
        writer.WriteString("accountId", "acc_8f14e45fceea167a5a36dedd4bea2543");
        writer.WriteNumber("amount", Math.Round((i * 37.13) % 5000 - 1200, 2));
        writer.WriteString("currency", i % 3 == 0 ? "EUR" : "USD");
        if (i % 4 == 0)
        {
            writer.WriteNull("description");
        }
        else
        {
            writer.WriteString("description", "Card payment " + i.ToString(CultureInfo.InvariantCulture) + " at a shop");
        }

        writer.WriteString("status", (i % 10) switch { 0 => "pending", 1 => "reversed", _ => "booked" });
        writer.WriteString("createdAt", new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i * 17).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        writer.WriteEndObject();
    }

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.ToArray();
    }
}
