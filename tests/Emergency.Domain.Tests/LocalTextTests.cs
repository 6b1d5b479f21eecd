using System.Collections;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Emergency.Domain.Messages;
using Emergency.Domain.Tests.Decisions;
using Emergency.Domain.Tests.Disputes;
using Emergency.Testing;

namespace Emergency.Domain.Tests;

/// <summary>Texts written in configuration, in Chinese and English, shown in the reader's language.</summary>
public sealed partial class LocalTextTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public void A_text_reads_as_one_string_or_as_zh_and_en_and_writes_back_the_same()
    {
        Assert.Equal(new LocalText("statute"), JsonSerializer.Deserialize<LocalText>("\"statute\"", Json));
        var both = JsonSerializer.Deserialize<LocalText>("""{"zh": "法律法规", "en": "statute"}""", Json);
        Assert.Equal(new LocalText("法律法规", "statute"), both);
        Assert.Equal("""{"zh":"法律法规","en":"statute"}""", JsonSerializer.Serialize(both, Json));
        Assert.Equal("\"法律法规\"", JsonSerializer.Serialize(new LocalText("法律法规"), Json));
    }

    [Theory]
    [InlineData("""{"en": "statute"}""")]
    [InlineData("""{"zh": "法律法规", "fr": "loi"}""")]
    [InlineData("42")]
    public void A_text_without_its_Chinese_or_with_another_language_is_refused(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<LocalText>(json, Json));

    [Fact]
    public void A_message_carrying_a_configured_text_renders_it_in_the_readers_language_and_keeps_both_when_stored()
    {
        var message = Message.Literal(new LocalText("县级人民政府", "county government"));
        Assert.Equal("县级人民政府", message.Zh());
        Assert.Equal("county government", message.En());
        Assert.Equal("只有中文", Message.Literal(new LocalText("只有中文")).En());

        var stored = JsonSerializer.Deserialize<Message>(JsonSerializer.Serialize(message, Json), Json);
        Assert.Equal(message, stored);
        Assert.Equal("county government", stored.En());
    }

    /// <summary>Every configured text of every shipped rule set has its Chinese: no English word inside a Chinese sentence.</summary>
    [Fact]
    public void Every_text_of_the_shipped_rule_sets_has_Chinese_without_English_words()
    {
        object[] ruleSets =
        [
            .. RealRules.Catalog.All, .. RealDecisionRules.Catalog.All, .. RealDisputeRules.Petitions.All, .. RealDisputeRules.Suggestions.All,
        ];
        var texts = ruleSets.SelectMany(r => TextsIn(r, r.GetType().Name, [])).ToList();

        Assert.True(texts.Count > 60, $"only {texts.Count} configured texts found");
        Assert.All(texts, t => Assert.False(EnglishWord().IsMatch(t.Text.Zh), $"{t.Path}: \"{t.Text.Zh}\" has English in its Chinese"));
        Assert.All(texts, t => Assert.NotNull(t.Text.En));
    }

    private static IEnumerable<(string Path, LocalText Text)> TextsIn(object? value, string path, HashSet<object> seen)
    {
        switch (value)
        {
            case null or string or ValueType:
                yield break;
            case LocalText text:
                yield return (path, text);
                yield break;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    foreach (var found in TextsIn(entry.Value, $"{path}[{entry.Key}]", seen))
                    {
                        yield return found;
                    }
                }

                yield break;
            case IEnumerable items:
                var i = 0;
                foreach (var item in items)
                {
                    foreach (var found in TextsIn(item, $"{path}[{i++}]", seen))
                    {
                        yield return found;
                    }
                }

                yield break;
        }

        if (!seen.Add(value) || value.GetType().Namespace?.StartsWith("Emergency", StringComparison.Ordinal) != true)
        {
            yield break;
        }

        foreach (var property in value.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0))
        {
            foreach (var found in TextsIn(property.GetValue(value), $"{path}.{property.Name}", seen))
            {
                yield return found;
            }
        }
    }

    /// <summary>Two Latin letters in a row: a word, not a roman numeral (written Ⅰ–Ⅳ in Chinese) or a number.</summary>
    [GeneratedRegex("[A-Za-z]{2,}")]
    private static partial Regex EnglishWord();
}
