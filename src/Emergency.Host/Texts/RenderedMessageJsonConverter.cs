using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Emergency.Domain.Messages;
using Emergency.Texts;

namespace Emergency.Host.Texts;

/// <summary>
/// A message leaves the engine over HTTP and SignalR as a sentence in the reader's language: the request's
/// (Accept-Language, Chinese unless English is asked for), and Chinese for pushes. Codes stay in the stored state and
/// in the problem details of a refusal, for machines.
/// </summary>
public sealed class RenderedMessageJsonConverter(TextRenderer texts) : JsonConverter<Message>
{
    private static readonly MessageJsonConverter Stored = new();

    public override Message? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Stored.Read(ref reader, typeToConvert, options);

    public override void Write(Utf8JsonWriter writer, Message value, JsonSerializerOptions options) =>
        writer.WriteStringValue(texts.Render(value, TextRenderer.LanguageOf(CultureInfo.CurrentUICulture)));
}
