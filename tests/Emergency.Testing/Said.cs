using Emergency.Domain.Messages;
using Emergency.Texts;

namespace Emergency.Testing;

/// <summary>What a message says to a reader, for assertions: English or Chinese, times in the default zone.</summary>
public static class Said
{
    public static TextRenderer Texts { get; } = new(TimeZoneInfo.FindSystemTimeZoneById(TextRenderer.DefaultZone));

    /// <summary>The message in English ("" for none), as an English-speaking client of the API reads it.</summary>
    public static string En(this Message? message) => message is null ? "" : Texts.Render(message, TextRenderer.English);

    /// <summary>The message in Chinese ("" for none), as the board and the API show it by default.</summary>
    public static string Zh(this Message? message) => message is null ? "" : Texts.Render(message, TextRenderer.Chinese);
}
