using Emergency.Domain.Messages;
using Emergency.Texts;

namespace Emergency.Drills.Cli;

/// <summary>
/// The engine's messages as the console shows them: Chinese first, as the duty room reads them, then English, as the
/// rest of the console speaks; every moment in the deployment's usual zone.
/// </summary>
internal static class CliTexts
{
    public static readonly TextRenderer Renderer = new(TimeZoneInfo.FindSystemTimeZoneById(TextRenderer.DefaultZone));

    /// <summary>The message in Chinese, then in English when that says something else (a literal reads the same in both).</summary>
    public static string Both(Message message)
    {
        var chinese = Renderer.Render(message, TextRenderer.Chinese);
        var english = Renderer.Render(message, TextRenderer.English);
        return chinese == english ? chinese : $"{chinese} / {english}";
    }
}
