using System.Net;
using System.Reflection;
using System.Text.Json;
using Emergency.Api.Tests.Infrastructure;
using Emergency.Domain;
using Emergency.Domain.Messages;
using Emergency.Host.Hosting;
using Emergency.Host.Texts;
using Emergency.Testing;
using Emergency.Texts;

namespace Emergency.Api.Tests;

/// <summary>
/// The engine's words: every code it can say is written in Chinese and English with the same arguments, the API
/// speaks Chinese unless asked for English, and every moment is shown in the deployment's zone with the zone named.
/// </summary>
[Collection(SharedEngine.Name)]
public sealed class TextsTests(EngineFixture engine)
{
    private static readonly TextRenderer Texts = Said.Texts;

    /// <summary>Every catalog of codes the engine has: the static <see cref="MessageCode"/> fields of its assemblies.</summary>
    public static TheoryData<string> Codes() => [.. DeclaredCodes().Select(c => c.Code)];

    private static IEnumerable<MessageCode> DeclaredCodes() =>
        new[] { typeof(Decision).Assembly, typeof(HostTexts).Assembly }
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Where(f => f.FieldType == typeof(MessageCode))
            .Select(f => (MessageCode)f.GetValue(null)!);

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_code_is_written_in_Chinese_and_English_with_its_arguments(string code)
    {
        var declared = DeclaredCodes().Single(c => c.Code == code);
        foreach (var language in TextRenderer.Languages)
        {
            Assert.True(Texts.Templates(language).TryGetValue(code, out var template), $"{code} has no {language.Name} text");
            Assert.True(
                TextRenderer.PlaceholdersOf(template).SetEquals(declared.Parameters),
                $"{code} in {language.Name} names {{{string.Join("}, {", TextRenderer.PlaceholdersOf(template))}}} but takes ({string.Join(", ", declared.Parameters)})");
        }
    }

    [Fact]
    public void No_code_is_declared_twice()
    {
        var twice = DeclaredCodes().GroupBy(c => c.Code).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, $"declared twice: {string.Join(", ", twice)}");
    }

    [Fact]
    public void The_two_languages_have_the_same_words_with_the_same_placeholders()
    {
        var chinese = Texts.Templates(TextRenderer.Chinese);
        var english = Texts.Templates(TextRenderer.English);

        Assert.Equal(chinese.Keys.Order(StringComparer.Ordinal), english.Keys.Order(StringComparer.Ordinal));
        Assert.All(chinese, pair => Assert.True(
            TextRenderer.PlaceholdersOf(pair.Value).SetEquals(TextRenderer.PlaceholdersOf(english[pair.Key])),
            $"{pair.Key}: '{pair.Value}' and '{english[pair.Key]}' name different arguments"));
    }

    [Fact]
    public void Every_word_in_the_resources_is_said_by_a_code_or_names_a_term()
    {
        var codes = DeclaredCodes().Select(c => c.Code).ToHashSet();
        var enums = new[] { typeof(Decision).Assembly, typeof(HostTexts).Assembly, typeof(Emergency.Contracts.DrillPhase).Assembly }.SelectMany(a => a.GetTypes()).Where(t => t.IsEnum).GroupBy(t => t.Name).ToDictionary(g => g.Key, g => g.First());
        string[] words = ["list.", "duration.", "zone."];
        foreach (var key in Texts.Templates(TextRenderer.Chinese).Keys)
        {
            if (key.StartsWith("term.", StringComparison.Ordinal))
            {
                var parts = key.Split('.');
                Assert.True(
                    parts.Length == 3 && enums.TryGetValue(parts[1], out var type) && Enum.GetNames(type).Contains(parts[2]),
                    $"{key} names no value of a domain enum");
            }
            else
            {
                Assert.True(codes.Contains(key) || words.Any(w => key.StartsWith(w, StringComparison.Ordinal)), $"{key} is written but no code says it");
            }
        }
    }

    [Fact]
    public void A_moment_is_shown_in_the_deployment_zone_with_the_zone_named()
    {
        var moment = new DateTimeOffset(2026, 12, 6, 22, 3, 0, TimeSpan.Zero);

        Assert.Equal("2026-12-07 06:03 北京时间", Texts.Moment(moment, TextRenderer.Chinese));
        Assert.Equal("2026-12-07 06:03 Beijing time", Texts.Moment(moment, TextRenderer.English));
        var utc = new TextRenderer(TimeZoneInfo.Utc);
        Assert.Equal("2026-12-06 22:03 UTC", utc.Moment(moment, TextRenderer.English));
    }

    [Fact]
    public void Arguments_are_rendered_in_the_reader_language()
    {
        var error = CommonTexts.TooLong.With(("length", 250), ("max", 200));

        Assert.Equal("长度为250个字符，最多允许200个", Texts.Render(error, TextRenderer.Chinese));
        Assert.Equal("is 250 characters long; at most 200 are allowed", Texts.Render(error, TextRenderer.English));
        Assert.Equal("2天3小时5分钟", Texts.Duration(new TimeSpan(2, 3, 5, 0), TextRenderer.Chinese));
        Assert.Equal("2 d 3 h 5 min", Texts.Duration(new TimeSpan(2, 3, 5, 0), TextRenderer.English));
        var list = CommonTexts.NotOneOf.With(("value", "x"), ("allowed", Arg.Of(new[] { Arg.Of("a"), Arg.Of("b") })));
        Assert.Equal("“x”不是可选值之一：a、b", Texts.Render(list, TextRenderer.Chinese));
        Assert.Equal("'x' is not one of a, b", Texts.Render(list, TextRenderer.English));
    }

    [Fact]
    public void A_code_given_the_wrong_arguments_is_a_mistake_caught_at_once()
    {
        Assert.Throws<ArgumentException>(() => CommonTexts.TooLong.With(("length", 250)));
        Assert.Throws<ArgumentException>(() => CommonTexts.TooLong.With(("length", 250), ("max", 200), ("extra", 1)));
    }

    [Fact]
    public void A_message_is_stored_as_its_code_and_arguments_and_a_text_stored_before_codes_still_loads()
    {
        var message = CommonTexts.Before.With(("value", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(8))), ("what", (Message)CommonTexts.Required), ("earliest", TimeSpan.FromHours(2)));

        var json = JsonSerializer.Serialize(message, DomainJsonOptions);
        var back = JsonSerializer.Deserialize<Message>(json, DomainJsonOptions);
        var legacy = JsonSerializer.Deserialize<Message>("\"Deadline set: 2 h from discovery\"", DomainJsonOptions);

        Assert.Equal(message, back);
        Assert.Contains("\"code\":\"field.before\"", json, StringComparison.Ordinal);
        Assert.Equal(Message.Literal("Deadline set: 2 h from discovery"), legacy);
        Assert.Equal("Deadline set: 2 h from discovery", Texts.Render(legacy!, TextRenderer.Chinese));
    }

    [Fact]
    public async Task The_API_speaks_Chinese_unless_English_is_asked_for()
    {
        var body = Bodies.Incident(EngineFixture.NewRegion("Words"), engine.Now.AddMinutes(-1));
        body["title"] = " ";

        using var chinese = new ApiClient(engine.Engine.Client(Tokens.Commander));
        chinese.Http.DefaultRequestHeaders.AcceptLanguage.Clear();
        var inChinese = await chinese.Post("/api/incidents", body);
        var inEnglish = await engine.Commander.Post("/api/incidents", body);

        var zh = Problem.Assert(inChinese, HttpStatusCode.BadRequest, "title");
        var en = Problem.Assert(inEnglish, HttpStatusCode.BadRequest, "title");
        Assert.Equal("请求不合规", zh["title"]!.GetValue<string>());
        Assert.Equal("必填", zh["errors"]!["title"]![0]!.GetValue<string>());
        Assert.Equal("The request is not valid", en["title"]!.GetValue<string>());
        Assert.Equal("is required", en["errors"]!["title"]![0]!.GetValue<string>());
        Assert.Equal("common.invalidFields", zh["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_body_with_several_problems_is_refused_with_every_one_named_in_the_reader_language()
    {
        var body = Bodies.Incident(EngineFixture.NewRegion("Several"), engine.Now.AddMinutes(-1));
        body["actor"] = "mallory";
        body["facts"]!["evacuated"] = "many";
        body["discoveredAt"] = "2026-03-02T07:50:00";
        body.Remove("title");

        using var chinese = new ApiClient(engine.Engine.Client(Tokens.Commander));
        chinese.Http.DefaultRequestHeaders.AcceptLanguage.Clear();
        var zh = Problem.Assert(await chinese.Post("/api/incidents", body), HttpStatusCode.BadRequest);
        var en = Problem.Assert(await engine.Commander.Post("/api/incidents", body), HttpStatusCode.BadRequest);

        string[] fields = ["actor", "discoveredAt", "facts.evacuated", "title"];
        Assert.Equal(fields, zh["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal("不是此命令的字段", zh["errors"]!["actor"]![0]!.GetValue<string>());
        Assert.Equal("类型不对（应为整数）", zh["errors"]!["facts.evacuated"]![0]!.GetValue<string>());
        Assert.Equal("is not a field of this command", en["errors"]!["actor"]![0]!.GetValue<string>());
        Assert.Equal("has the wrong type (expected a whole number)", en["errors"]!["facts.evacuated"]![0]!.GetValue<string>());
        Assert.StartsWith("must be a date and time with its UTC offset", en["errors"]!["discoveredAt"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("actor is not a field of this command", en["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_zone_the_machine_does_not_know_stops_the_start_naming_the_setting()
    {
        var error = Assert.Throws<EngineConfigurationException>(() => EngineHost.Build(["--Display:TimeZone=Mars/Olympus_Mons"]));

        Assert.Equal("Display:TimeZone", error.Key);
    }

    private static JsonSerializerOptions DomainJsonOptions => Emergency.Contracts.DomainJson.Options;

}
