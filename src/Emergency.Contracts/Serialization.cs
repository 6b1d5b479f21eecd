using Orleans.Serialization;

namespace Emergency.Contracts;

public static class Serialization
{
    /// <summary>
    /// Domain types cross grain boundaries as JSON, so the domain stays free of Orleans attributes.
    /// Every silo and client of the engine must call this.
    /// </summary>
    public static ISerializerBuilder AddEmergencyTypes(this ISerializerBuilder builder) =>
        builder.AddJsonSerializer(
            isSupported: type => type.Namespace?.StartsWith("Emergency.Domain", StringComparison.Ordinal) == true,
            jsonSerializerOptions: DomainJson.Options);
}
