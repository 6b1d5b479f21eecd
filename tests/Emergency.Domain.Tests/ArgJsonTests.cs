using System.Text.Encodings.Web;
using System.Text.Json;
using Emergency.Domain.Messages;
using Emergency.Domain.Rules;

namespace Emergency.Domain.Tests;

/// <summary>
/// A message's arguments are written into every stored state, summary and drill report: their JSON must stay exactly
/// as it was when they were written by the serializer's own object converter (stored states are read back, and
/// report.json is compared byte for byte), whatever writes them now.
/// </summary>
public sealed class ArgJsonTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 4, 5, 6, 7, 890, TimeSpan.FromHours(8));

    private static readonly Message Nested = new MessageCode("test.nested", "who").With(("who", "县环保局"));

    public static TheoryData<string, Arg, string> Shapes() => new()
    {
        { "text", Arg.Of("县环保局 <b>&\"'"), """{"text":"\u53BF\u73AF\u4FDD\u5C40 \u003Cb\u003E\u0026\u0022\u0027"}""" },
        { "local, both languages", Arg.Of(new LocalText("较大", "major")), """{"local":{"zh":"\u8F83\u5927","en":"major"}}""" },
        { "local, Chinese only", Arg.Of(new LocalText("较大")), """{"local":"\u8F83\u5927"}""" },
        { "number", Arg.Of(12.50m), """{"number":12.50}""" },
        { "whole number", 3, """{"number":3}""" },
        { "time", Arg.Of(At), """{"time":"2026-03-04T05:06:07.89+08:00"}""" },
        { "duration", Arg.Of(TimeSpan.FromMinutes(90)), """{"duration":"01:30:00"}""" },
        { "term", Arg.Of(IncidentLevel.II), """{"term":"IncidentLevel.II"}""" },
        { "message", Arg.Of(Nested), """{"message":{"code":"test.nested","args":{"who":{"text":"\u53BF\u73AF\u4FDD\u5C40"}}}}""" },
        { "list", Arg.Of([Arg.Of("a"), Arg.Of(2)]), """{"list":[{"text":"a"},{"number":2}]}""" },
        { "empty list", Arg.Of([]), """{"list":[]}""" },
        { "two kinds at once", new Arg { Text = "t", Number = 1, Term = "X.Y" }, """{"text":"t","number":1,"term":"X.Y"}""" },
        { "none", new Arg(), "{}" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void An_argument_is_written_as_the_serializer_wrote_it_and_read_back_equal(string kind, Arg arg, string json)
    {
        var written = JsonSerializer.Serialize(arg, JsonShape.Options);

        Assert.True(json == written, $"{kind}: expected {json}, written {written}");
        Assert.Equal(arg, JsonSerializer.Deserialize<Arg>(written, JsonShape.Options));
    }

    [Fact]
    public void Within_a_message_the_arguments_keep_their_shape_under_any_options()
    {
        var message = new MessageCode("test.all", "a", "b", "c").With(("a", "文"), ("b", 2.5m), ("c", Arg.Of([Arg.Of(Nested)])));
        var plain = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        Assert.Equal(
            """{"code":"test.all","args":{"a":{"text":"\u6587"},"b":{"number":2.5},"c":{"list":[{"message":{"code":"test.nested","args":{"who":{"text":"\u53BF\u73AF\u4FDD\u5C40"}}}}]}}}""",
            JsonSerializer.Serialize(message, JsonShape.Options));
        Assert.Equal(
            """{"code":"test.all","args":{"a":{"Text":"文"},"b":{"Number":2.5},"c":{"List":[{"Message":{"code":"test.nested","args":{"who":{"Text":"县环保局"}}}}]}}}""",
            JsonSerializer.Serialize(message, plain));
        Assert.Equal(message, JsonSerializer.Deserialize<Message>(JsonSerializer.Serialize(message, plain), plain));
    }

    [Theory]
    [InlineData("""{"TEXT":"a"}""", "a")]
    [InlineData("""{"text":null,"term":"X.Y","unknown":{"deep":[1,2]}}""", "X.Y")]
    [InlineData("""{"number":"12.5"}""", "12.5")]
    public void An_argument_is_read_as_the_serializer_read_it(string json, string shown)
    {
        Assert.Equal(shown, JsonSerializer.Deserialize<Arg>(json, JsonShape.Options)!.ToString());
    }

    [Theory]
    [InlineData("""{"text":1}""")]
    [InlineData("""{"number":true}""")]
    [InlineData("""["text"]""")]
    [InlineData("""{"time":"yesterday"}""")]
    public void A_malformed_argument_is_refused_as_JSON_that_does_not_fit(string json)
    {
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Arg>(json, JsonShape.Options));
    }
}
