using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Emergency.Domain.Drills;

namespace Emergency.Contracts;

/// <summary>The JSON of a drill report: the API's shape, indented, and the same bytes for the same report.</summary>
public static class DrillReportJson
{
    /// <summary>Chinese terms and "+08:00" stay readable: the report is a file people open, never embedded in a page unescaped.</summary>
    private static readonly JsonSerializerOptions Options = new(DomainJson.Options)
    {
        WriteIndented = true,
        IndentSize = 2,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// The report's text, ending with a newline: written as UTF-8 into pooled memory and turned into text once (the report
    /// of a drill of 10,000 injects is 22 MB, and appending the newline to the finished text copied all of it again).
    /// </summary>
    public static string Serialize(DrillReport report)
    {
        using var buffer = new PooledBuffer();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            JsonSerializer.Serialize(writer, report, Options);
        }

        "\n"u8.CopyTo(buffer.GetSpan(1));
        buffer.Advance(1);
        return Encoding.UTF8.GetString(buffer.Written);
    }

    public static DrillReport Deserialize(string json) =>
        JsonSerializer.Deserialize<DrillReport>(json, Options) ?? throw new JsonException("the report is the JSON literal null");

    /// <summary>The writer <see cref="Options"/> make when serializing to text: the same bytes.</summary>
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        IndentSize = Options.IndentSize,
        IndentCharacter = Options.IndentCharacter,
        NewLine = Options.NewLine,
        Encoder = Options.Encoder,
        SkipValidation = true,
    };

    /// <summary>Grows by renting twice the size from the shared pool, as the serializer's own buffer does.</summary>
    private sealed class PooledBuffer : IBufferWriter<byte>, IDisposable
    {
        private byte[] _array = ArrayPool<byte>.Shared.Rent(64 * 1024);
        private int _written;

        public ReadOnlySpan<byte> Written => _array.AsSpan(0, _written);

        public void Advance(int count) => _written += count;

        public Memory<byte> GetMemory(int sizeHint = 0) => Room(sizeHint).AsMemory(_written);

        public Span<byte> GetSpan(int sizeHint = 0) => Room(sizeHint).AsSpan(_written);

        public void Dispose() => ArrayPool<byte>.Shared.Return(_array);

        private byte[] Room(int sizeHint)
        {
            var needed = Math.Max(sizeHint, 1);
            if (_array.Length - _written < needed)
            {
                var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_array.Length * 2, _written + needed));
                Written.CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(_array);
                _array = bigger;
            }

            return _array;
        }
    }
}
