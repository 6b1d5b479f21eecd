using System.Text;
using System.Text.Json;
using Emergency.Storage.Serialization;
using Emergency.Storage.Tests.Grains;

namespace Emergency.Storage.Tests;

public sealed class JsonGrainStateSerializerTests
{
    private readonly JsonGrainStateSerializer _serializer = new();

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
}
