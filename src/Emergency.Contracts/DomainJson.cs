using System.Text.Json;
using Emergency.Domain;

namespace Emergency.Contracts;

/// <summary>The JSON shape of domain types everywhere (see <see cref="JsonShape"/>): between grains, in the API and in storage.</summary>
public static class DomainJson
{
    public static JsonSerializerOptions Options => JsonShape.Options;

    public static JsonSerializerOptions Create() => JsonShape.Create();

    public static void Configure(JsonSerializerOptions options) => JsonShape.Configure(options);
}
