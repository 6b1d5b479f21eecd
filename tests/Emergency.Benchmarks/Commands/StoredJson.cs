using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Emergency.Benchmarks.Commands;

/// <summary>
/// The JSON shape the engine stores grain state in (Emergency.Storage's serializer: web defaults, enums by name,
/// no type names), so that the plain alternative stores the same bytes and seeded rows load like written ones.
/// </summary>
public static class StoredJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly();
        return options;
    }
}
