using System.Text.Json;
using System.Text.Json.Serialization;
using Emergency.Domain.Rules;

namespace Emergency.Contracts;

/// <summary>The JSON shape of domain types everywhere: between grains, in the API and in storage.</summary>
public static class DomainJson
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
        // Levels keep their Roman numerals ("II"); every other enum is camelCase ("reachScene").
        options.Converters.Add(new JsonStringEnumConverter<IncidentLevel>(namingPolicy: null, allowIntegerValues: false));
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
    }
}
