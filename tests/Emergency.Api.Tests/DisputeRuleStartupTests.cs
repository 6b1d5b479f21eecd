using Emergency.Domain.Rules;
using Emergency.Host.Hosting;
using Emergency.Testing;

namespace Emergency.Api.Tests;

/// <summary>A bad petition, suggestion or calendar rule file stops the start and says which file and what.</summary>
public sealed class DisputeRuleStartupTests
{
    [Theory]
    [InlineData("petitions/cn-2022.json", "\"length\": 60", "\"length\": -60")]
    [InlineData("suggestions/cn-suggestions.json", "{", "[")]
    [InlineData("calendar/cn-holidays.json", "\"utcOffset\"", "\"utcOffsetTypo\"")]
    [InlineData("disclosure/cn-2019.json", "\"length\": 20", "\"length\": -20")]
    public void A_bad_rule_file_stops_the_start_naming_the_file(string file, string find, string replace)
    {
        using var directory = new TempDirectory("rules");
        var config = Path.Combine(directory.Path, "config");
        CopyDirectory(RepoPaths.Config, config);
        var path = Path.Combine(config, "rules", file);
        var text = File.ReadAllText(path);
        Assert.Contains(find, text, StringComparison.Ordinal);
        File.WriteAllText(path, ReplaceFirst(text, find, replace));

        var error = Assert.Throws<RuleSetException>(() => EngineHost.Build([$"--ConfigDirectory={config}"]));
        Assert.Contains(Path.GetFileName(file), error.Message, StringComparison.Ordinal);
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        return text[..at] + replace + text[(at + find.Length)..];
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var source in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, source));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
        }
    }
}
