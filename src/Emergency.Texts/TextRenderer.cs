using System.Collections.Frozen;
using System.Globalization;
using System.Resources;
using System.Text;
using System.Text.RegularExpressions;
using Emergency.Domain.Messages;

[assembly: NeutralResourcesLanguage("zh-CN")]

namespace Emergency.Texts;

/// <summary>
/// Renders the engine's messages in Chinese (the default) or English, from the resource files in
/// <c>Resources/</c>: every <c>*.resx</c> there holds Chinese, its <c>*.en.resx</c> twin English. A template names
/// its arguments in braces ("{due}"); moments are shown in the deployment's zone, with the zone named.
/// </summary>
public sealed partial class TextRenderer
{
    public static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    /// <summary>The languages the engine speaks, Chinese first.</summary>
    public static readonly IReadOnlyList<CultureInfo> Languages = [Chinese, English];

    private static readonly IReadOnlyList<ResourceManager> Catalogs = Discover();

    private readonly FrozenDictionary<string, string> _chinese;
    private readonly FrozenDictionary<string, string> _english;
    private readonly FrozenDictionary<string, Segment[]> _chineseParts;
    private readonly FrozenDictionary<string, Segment[]> _englishParts;
    private readonly FrozenDictionary<string, string> _chineseTerms;
    private readonly FrozenDictionary<string, string> _englishTerms;
    private readonly string _chineseZone;
    private readonly string _englishZone;

    public TextRenderer(TimeZoneInfo zone)
    {
        Zone = zone;
        _chinese = Load(Chinese);
        _english = Load(English);
        _chineseParts = Split(_chinese);
        _englishParts = Split(_english);
        _chineseTerms = Terms(_chinese);
        _englishTerms = Terms(_english);
        _chineseZone = _chinese.GetValueOrDefault($"zone.{zone.Id}") ?? zone.Id;
        _englishZone = _english.GetValueOrDefault($"zone.{zone.Id}") ?? zone.Id;
    }

    /// <summary>The language of the two the engine speaks that a reader asked for: English if asked, else Chinese.</summary>
    public static CultureInfo LanguageOf(CultureInfo culture) => culture.TwoLetterISOLanguageName == "en" ? English : Chinese;

    /// <summary>The deployment's zone: every moment is shown in it.</summary>
    public TimeZoneInfo Zone { get; }

    /// <summary>The zone the engine is deployed in unless configured otherwise.</summary>
    public const string DefaultZone = "Asia/Shanghai";

    /// <summary>Every key and its template in a language, for the tests that hold the two languages together.</summary>
    public IReadOnlyDictionary<string, string> Templates(CultureInfo language) => IsChinese(language) ? _chinese : _english;

    public string Render(Message message, CultureInfo language)
    {
        if (message.IsLiteral)
        {
            return message["text"] is { } text ? Render(text, language) : "";
        }

        if (!(IsChinese(language) ? _chineseParts : _englishParts).TryGetValue(message.Code, out var parts))
        {
            // Never fail at the edge over a missing word: show the code and its arguments, which the tests forbid.
            return message.ToString();
        }

        if (parts is [{ Name: null } only])
        {
            return only.Text;
        }

        var rendered = new StringBuilder();
        foreach (var part in parts)
        {
            rendered.Append(part.Name is null ? part.Text : message[part.Name] is { } arg ? Render(arg, language) : part.Text);
        }

        return rendered.ToString();
    }

    /// <summary>
    /// A template cut once into its literal text and its placeholders: every answer and board update renders many
    /// messages, and matching the placeholders anew each time was a measurable part of an answer's cost.
    /// </summary>
    private static FrozenDictionary<string, Segment[]> Split(FrozenDictionary<string, string> templates) =>
        templates.ToFrozenDictionary(t => t.Key, t => Split(t.Value), StringComparer.Ordinal);

    private static Segment[] Split(string template)
    {
        var parts = new List<Segment>();
        var at = 0;
        foreach (Match match in Placeholder().Matches(template))
        {
            if (match.Index > at)
            {
                parts.Add(new Segment(template[at..match.Index], null));
            }

            // The placeholder's own text stands in for an argument the message does not carry.
            parts.Add(new Segment(match.Value, match.Groups["name"].Value));
            at = match.Index + match.Length;
        }

        if (at < template.Length || parts.Count == 0)
        {
            parts.Add(new Segment(template[at..], null));
        }

        return [.. parts];
    }

    /// <summary>Literal text, or a placeholder (<see cref="Name"/>) whose own text is <see cref="Text"/>.</summary>
    private readonly record struct Segment(string Text, string? Name);

    public string Render(Arg arg, CultureInfo language) => arg switch
    {
        { Text: { } text } => text,
        { Local: { } local } => local.In(english: !IsChinese(language)),
        { Number: { } number } => number.ToString("#,0.##########", CultureInfo.InvariantCulture),
        { Time: { } time } => Moment(time, language),
        { Duration: { } duration } => Duration(duration, language),
        { Term: { } term } => Term(term, language),
        { Message: { } nested } => Render(nested, language),
        { List: { } items } => string.Join(Word("list.separator", language), items.Select(i => Render(i, language))),
        _ => "",
    };

    /// <summary>A moment in the deployment's zone with the zone named: "2026-12-07 06:03 北京时间".</summary>
    public string Moment(DateTimeOffset time, CultureInfo language)
    {
        var local = TimeZoneInfo.ConvertTime(time, Zone);
        return string.Create(CultureInfo.InvariantCulture, $"{local:yyyy-MM-dd HH:mm} {ZoneName(language)}");
    }

    /// <summary>The zone's name in a language ("北京时间"), or its identifier when the resources have no name for it.</summary>
    public string ZoneName(CultureInfo language) => IsChinese(language) ? _chineseZone : _englishZone;

    /// <summary>A span of time in days, hours and minutes ("2天3小时", "2 d 3 h").</summary>
    public string Duration(TimeSpan span, CultureInfo language)
    {
        if (span < TimeSpan.Zero)
        {
            return "-" + Duration(span.Negate(), language);
        }

        if (span < TimeSpan.FromMinutes(1))
        {
            return Unit("duration.seconds", (int)span.TotalSeconds, language);
        }

        var parts = new List<string>(3);
        if (span.Days > 0)
        {
            parts.Add(Unit("duration.days", span.Days, language));
        }

        if (span.Hours > 0)
        {
            parts.Add(Unit("duration.hours", span.Hours, language));
        }

        if (span.Minutes > 0)
        {
            parts.Add(Unit("duration.minutes", span.Minutes, language));
        }

        return parts.Count == 0 ? Unit("duration.minutes", 0, language) : string.Join(IsChinese(language) ? "" : " ", parts);
    }

    /// <summary>An enum value's name in a language; the value itself when the resources have none.</summary>
    public string Term(string term, CultureInfo language) =>
        (IsChinese(language) ? _chineseTerms : _englishTerms).GetValueOrDefault(term) ?? term[(term.IndexOf('.') + 1)..];

    /// <summary>The words of the enum values ("term.X" by X): looked up for every term rendered, without building the key each time.</summary>
    private static FrozenDictionary<string, string> Terms(FrozenDictionary<string, string> templates) =>
        templates.Where(t => t.Key.StartsWith("term.", StringComparison.Ordinal)).ToFrozenDictionary(t => t.Key["term.".Length..], t => t.Value, StringComparer.Ordinal);

    private string Unit(string key, int count, CultureInfo language) => Word(key, language).Replace("{n}", count.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private string Word(string key, CultureInfo language) => Templates(language).GetValueOrDefault(key) ?? key;

    private static bool IsChinese(CultureInfo language) => language.TwoLetterISOLanguageName == "zh";

    /// <summary>The placeholders a template names ("due" in "due {due}").</summary>
    public static IReadOnlySet<string> PlaceholdersOf(string template) =>
        Placeholder().Matches(template).Select(m => m.Groups["name"].Value).ToHashSet();

    private static FrozenDictionary<string, string> Load(CultureInfo language)
    {
        var templates = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var catalog in Catalogs)
        {
            // Chinese is the neutral language; English never falls back to it, so a missing English word shows.
            var set = catalog.GetResourceSet(IsChinese(language) ? CultureInfo.InvariantCulture : language, createIfNotExists: true, tryParents: false);
            foreach (System.Collections.DictionaryEntry entry in set ?? throw new InvalidOperationException($"{catalog.BaseName} has no {language.Name} resources"))
            {
                var key = (string)entry.Key;
                if (!templates.TryAdd(key, (string)entry.Value!))
                {
                    throw new InvalidOperationException($"the text {key} is written twice in the {language.Name} resources");
                }
            }
        }

        return templates.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static List<ResourceManager> Discover()
    {
        var assembly = typeof(TextRenderer).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(name => name.EndsWith(".resources", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => new ResourceManager(name[..^".resources".Length], assembly))];
    }

    [GeneratedRegex(@"\{(?<name>[A-Za-z][A-Za-z0-9]*)\}")]
    private static partial Regex Placeholder();
}
