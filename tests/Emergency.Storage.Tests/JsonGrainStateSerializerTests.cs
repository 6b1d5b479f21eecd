using System.Text;
using System.Text.Json;
using Emergency.Storage.Serialization;
using Emergency.Storage.Tests.Grains;
using Emergency.Storage.Tests.Infrastructure;

namespace Emergency.Storage.Tests;

public sealed class JsonGrainStateSerializerTests
{
    private readonly JsonGrainStateSerializer _serializer = new(TestSilo.Privacy);

    [Fact]
    public void Writes_camel_case_names_and_enum_names_without_type_information()
    {
        var json = Encoding.UTF8.GetString(
            _serializer.Serialize(new ProbeState { Text = "fire", Level = ProbeLevel.High, Writes = 3 }).ToArray());

        Assert.Equal("""{"text":"fire","level":"High","writes":3}""", json);
    }

    [Fact]
    public void Reads_back_what_it_wrote()
    {
        var stored = _serializer.Serialize(new ProbeState { Text = "flood", Level = ProbeLevel.High, Writes = 7 });

        var state = _serializer.Deserialize<ProbeState>(stored);

        Assert.Equal(("flood", ProbeLevel.High, 7), (state.Text, state.Level, state.Writes));
    }

    [Fact]
    public void Reads_rows_written_for_a_class_of_another_name()
    {
        // Stored rows carry no type name, so a renamed or moved state class still reads them.
        var stored = _serializer.Serialize(new { Text = "old", Level = "Low", Writes = 1 });

        var state = _serializer.Deserialize<ProbeState>(stored);

        Assert.Equal(("old", ProbeLevel.Low, 1), (state.Text, state.Level, state.Writes));
    }

    [Fact]
    public void Null_payload_is_an_error_not_a_silent_null_state() =>
        Assert.Throws<JsonException>(() => _serializer.Deserialize<ProbeState>(BinaryData.FromString("null")));

    [Fact]
    public void A_ciphertext_moved_to_another_field_or_altered_does_not_decrypt()
    {
        var json = Encoding.UTF8.GetString(_serializer.Serialize(new PersonProbeState { Name = "张秀英", Phone = "138-0013-8000" }).ToArray());
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        var name = node["name"]!.GetValue<string>();

        node["phone"] = name;
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => _serializer.Deserialize<PersonProbeState>(BinaryData.FromString(node.ToJsonString())));

        node["phone"] = null;
        node["name"] = name[..^4] + (name[^4] == 'A' ? "B" : "A") + name[^3..];
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => _serializer.Deserialize<PersonProbeState>(BinaryData.FromString(node.ToJsonString())));
    }

    [Fact]
    public void A_key_that_is_not_configured_is_named_in_the_error()
    {
        var stored = new JsonGrainStateSerializer(TestSilo.Privacy with { Keys = Privacy.PersonalDataKeys.Of(Convert.ToBase64String(new byte[32])) })
            .Serialize(new PersonProbeState { Name = "张秀英" });

        var error = Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => _serializer.Deserialize<PersonProbeState>(stored));
        Assert.Contains("Privacy:PreviousDataKeys", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_keys_used_in_turn_on_one_thread_each_encrypt_with_their_own_and_values_of_any_length_read_back()
    {
        // Each thread keeps a cipher for the current key: a serializer of another key on the same thread must not use it.
        var other = new JsonGrainStateSerializer(TestSilo.Privacy with { Keys = Privacy.PersonalDataKeys.Of(Convert.ToBase64String(new byte[32])) });
        var longName = string.Concat(Enumerable.Repeat("张秀英-", 200));
        var answer = JsonDocument.Parse("""{"id":"pet-1","complainant":{"name":"张秀英","phone":"138-0013-8000"},"text":"\u00e9 \"quoted\""}""").RootElement.Clone();
        for (var round = 0; round < 3; round++)
        {
            var mine = _serializer.Serialize(new PersonProbeState { Name = longName, Phone = "138-0013-8000", Answer = answer });
            var theirs = other.Serialize(new PersonProbeState { Name = "李四", Answer = answer });

            var read = _serializer.Deserialize<PersonProbeState>(mine);
            Assert.Equal((longName, "138-0013-8000", answer.GetRawText()), (read.Name, read.Phone, read.Answer?.GetRawText()));
            Assert.Equal(("李四", answer.GetRawText()), (other.Deserialize<PersonProbeState>(theirs).Name, other.Deserialize<PersonProbeState>(theirs).Answer?.GetRawText()));
            Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => _serializer.Deserialize<PersonProbeState>(theirs));
            Assert.DoesNotContain("138-0013-8000", Encoding.UTF8.GetString(mine.ToArray()), StringComparison.Ordinal);
        }
    }
}
