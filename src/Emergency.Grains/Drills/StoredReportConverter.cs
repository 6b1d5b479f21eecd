using System.Buffers;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Emergency.Grains.Drills;

/// <summary>
/// Stores a drill's report (JSON text) in the drill's record compressed: a fast drill of 10,000 injects has a report of
/// about 22 MB, which, stored as it is, was written to SQLite's log and copied from it into the database file within the
/// drill's last write (about 1.5 MB compressed). Read back, the report's text is exactly as it was written, byte for byte.
/// The value is a string, <see cref="Compressed"/> then the Brotli bytes of the report's UTF-8 in base64; a report
/// cannot start so (it is a JSON object), and a record stored before holds the report as the JSON it is or as a string
/// holding it, both read as such.
/// </summary>
public sealed class StoredReportConverter : JsonConverter<string?>
{
    public const string Compressed = "brotli:";

    /// <summary>Brotli's fastest quality: it still takes a report to about a fifteenth, in a small part of the time its writing took.</summary>
    private const int Quality = 1;

    private const int Window = 22;

    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                var text = reader.GetString()!;
                return text.StartsWith(Compressed, StringComparison.Ordinal) ? Decompress(text.AsSpan(Compressed.Length)) : text;
            default:
                using (var report = JsonDocument.ParseValue(ref reader))
                {
                    return report.RootElement.GetRawText();
                }
        }
    }

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(Compress(value));
        }
    }

    /// <summary>The stored form of <paramref name="report"/>: <see cref="Compressed"/> and its Brotli bytes in base64.</summary>
    public static string Compress(string report)
    {
        var utf8 = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetByteCount(report));
        var length = Encoding.UTF8.GetBytes(report, utf8);
        var compressed = ArrayPool<byte>.Shared.Rent(BrotliEncoder.GetMaxCompressedLength(length));
        try
        {
            if (!BrotliEncoder.TryCompress(utf8.AsSpan(0, length), compressed, out var written, Quality, Window))
            {
                throw new InvalidOperationException("the report did not fit its compression buffer");
            }

            return Compressed + Convert.ToBase64String(compressed, 0, written);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
            ArrayPool<byte>.Shared.Return(compressed);
        }
    }

    private static string Decompress(ReadOnlySpan<char> base64)
    {
        var bytes = new byte[base64.Length / 4 * 3];
        if (!Convert.TryFromBase64Chars(base64, bytes, out var length))
        {
            throw new JsonException("a stored drill report is not base64 after its compression's mark");
        }

        using var brotli = new BrotliStream(new MemoryStream(bytes, 0, length), CompressionMode.Decompress);
        using var text = new StreamReader(brotli, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
        return text.ReadToEnd();
    }
}
