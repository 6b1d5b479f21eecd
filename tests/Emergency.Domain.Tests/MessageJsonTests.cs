using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Emergency.Domain.Incidents;
using Emergency.Domain.Messages;

namespace Emergency.Domain.Tests;

/// <summary>
/// A message keeps its JSON once written twice under the same options (a case writes the same deadline bases, titles
/// and alerts with every write): what it writes from then on must be exactly what a message never written before
/// writes, under those options and under any other, in a document of its own or inside another, indented or not.
/// </summary>
public sealed class MessageJsonTests
{
    private static readonly Actor Commander = Drive.Commander;

    /// <summary>A new message each call, equal to every other, never written before.</summary>
    private static Message Sample() => new MessageCode("test.kept", "who", "why", "list").With(
        ("who", "县环保局 <b>&"),
        ("why", Arg.Of(new MessageCode("test.inner", "n").With(("n", 3)))),
        ("list", Arg.Of([Arg.Of("a"), Arg.Of(TimeSpan.FromMinutes(90)), Arg.Of(new LocalText("较大", "major"))])));

    public static TheoryData<string> OptionNames() => ["domain", "pascal", "relaxed", "indented"];

    private static JsonSerializerOptions Options(string name) => name switch
    {
        "domain" => JsonShape.Options,
        "pascal" => Pascal,
        "relaxed" => Relaxed,
        _ => Indented,
    };

    private static readonly JsonSerializerOptions Pascal = new();

    private static readonly JsonSerializerOptions Relaxed = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonSerializerOptions Indented = new(JsonShape.Options) { WriteIndented = true };

    [Fact]
    public void A_message_written_again_and_again_is_written_as_a_message_never_written_before()
    {
        var message = Sample();
        var fresh = JsonSerializer.Serialize(Sample(), JsonShape.Create());

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(fresh, JsonSerializer.Serialize(message, JsonShape.Options));
        }

        Assert.Contains("\\u53BF", fresh, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kept_message_inside_a_document_takes_its_place_between_the_values_around_it()
    {
        var message = Sample();
        var alone = JsonSerializer.Serialize(message, JsonShape.Options);
        _ = JsonSerializer.Serialize(message, JsonShape.Options);
        _ = JsonSerializer.Serialize(message, JsonShape.Options);

        var document = JsonSerializer.Serialize(new { Before = 1, Message = message, List = new[] { message, Sample(), message }, After = 2 }, JsonShape.Options);

        Assert.Equal($$"""{"before":1,"message":{{alone}},"list":[{{alone}},{{alone}},{{alone}}],"after":2}""", document);
        using var parsed = JsonDocument.Parse(document);
        Assert.Equal("test.kept", parsed.RootElement.GetProperty("list")[2].GetProperty("code").GetString());
    }

    [Theory]
    [MemberData(nameof(OptionNames))]
    public void Written_under_several_options_in_turn_each_writes_what_it_writes_of_a_new_message(string first)
    {
        var message = Sample();
        List<string> names = ["domain", "pascal", "relaxed", "indented"];
        var order = names.Skip(names.IndexOf(first)).Concat(names.Take(names.IndexOf(first))).ToList();

        for (var round = 0; round < 5; round++)
        {
            foreach (var name in order)
            {
                Assert.Equal(JsonSerializer.Serialize(Sample(), Options(name)), JsonSerializer.Serialize(message, Options(name)));
            }
        }

        Assert.Contains("县环保局", JsonSerializer.Serialize(message, Relaxed), StringComparison.Ordinal);
        Assert.Contains("\"Text\"", JsonSerializer.Serialize(message, Pascal), StringComparison.Ordinal);
        Assert.Contains("\n", JsonSerializer.Serialize(message, Indented), StringComparison.Ordinal);
    }

    [Fact]
    public void Under_more_options_than_a_message_keeps_JSON_for_each_still_writes_its_own()
    {
        var message = Sample();
        var many = Enumerable.Range(0, 7).Select(i => new JsonSerializerOptions(JsonShape.Options) { MaxDepth = 20 + i }).ToList();
        many.Add(Pascal);

        for (var round = 0; round < 5; round++)
        {
            foreach (var options in many.Take(round < 3 ? 2 : many.Count))
            {
                Assert.Equal(JsonSerializer.Serialize(Sample(), options), JsonSerializer.Serialize(message, options));
            }
        }
    }

    [Fact]
    public void A_writer_that_indents_or_encodes_otherwise_writes_a_kept_message_its_own_way()
    {
        var message = Sample();
        for (var i = 0; i < 4; i++)
        {
            _ = JsonSerializer.Serialize(message, JsonShape.Options);
        }

        Assert.Equal(Written(Sample(), new JsonWriterOptions { Indented = true }), Written(message, new JsonWriterOptions { Indented = true }));
        Assert.Equal(
            Written(Sample(), new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }),
            Written(message, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        Assert.Contains("县环保局", Written(message, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), StringComparison.Ordinal);
    }

    [Fact]
    public void An_incidents_state_and_summary_written_again_are_written_as_by_options_never_used_before()
    {
        var incident = Drive.Register(Facts.Known with { Deaths = null, Evacuated = 20_000 });
        for (var i = 1; i <= 5; i++)
        {
            incident.Handle(Cmd.Update(FactsPatch.Empty.With("evacuated", 20_000 + i)), Commander, incident.T(0.1 * i)).Accept();
            var now = incident.T(0.1 * i);
            for (var again = 0; again < 3; again++)
            {
                Assert.Equal(JsonSerializer.Serialize(incident.State, JsonShape.Create()), JsonSerializer.Serialize(incident.State, JsonShape.Options));
                Assert.Equal(JsonSerializer.Serialize(incident.Summary(now), JsonShape.Create()), JsonSerializer.Serialize(incident.Summary(now), JsonShape.Options));
            }
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(120)]
    public void An_answer_drawn_with_its_newest_page_is_the_view_paged_afterwards(int updates)
    {
        var incident = Drive.Register(Facts.Known);
        for (var i = 1; i <= updates; i++)
        {
            incident.Handle(Cmd.Update(FactsPatch.Empty.With("evacuated", i)), Commander, incident.T(0.01 * i)).Accept();
        }

        var now = incident.T(0.01 * (updates + 1));
        var paged = incident.View(now).WithNewestTimeline(TimelinePagesSize);
        var drawn = incident.View(now, incident.AllowedMoves(now), TimelinePagesSize);

        Assert.Equal(JsonSerializer.Serialize(paged, JsonShape.Create()), JsonSerializer.Serialize(drawn, JsonShape.Create()));
        Assert.Equal(incident.State.Timeline.Count, drawn.TimelineCount);
        Assert.Equal(Math.Min(TimelinePagesSize, incident.State.Timeline.Count), drawn.Timeline.Count);
        Assert.Equal(incident.State.Timeline[^1].Seq, drawn.Timeline[^1].Seq);
        Detachment.Check(incident.State, ("answer", drawn));
    }

    private const int TimelinePagesSize = Emergency.Domain.Cases.TimelinePages.ViewSize;

    private static string Written(Message message, JsonWriterOptions writerOptions)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, writerOptions))
        {
            JsonSerializer.Serialize(writer, message, JsonShape.Options);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
