using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Emergency.Domain.Cases;
using Emergency.Domain.Rules;

namespace Emergency.Domain;

/// <summary>
/// The JSON shape of domain types everywhere: between grains, in the API, in storage, and in the fields a scenario file
/// gives a command. Levels keep their Roman numerals ("II"); every other enum is camelCase ("reachScene").
/// </summary>
public static class JsonShape
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        return options;
    }

    public static void Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter<IncidentLevel>(namingPolicy: null, allowIntegerValues: false));
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;

        // A move read where its kind's base command is expected names itself in "move", anywhere in the object.
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(Moves.AddPolymorphism);
        options.AllowOutOfOrderMetadataProperties = true;
    }
}
