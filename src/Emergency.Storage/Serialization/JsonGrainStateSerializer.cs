using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Emergency.Storage.Privacy;
using Orleans.Storage;

namespace Emergency.Storage.Serialization;

/// <summary>
/// Stores grain state as plain JSON: camelCase names, enums by name, and no .NET type names, so stored rows
/// survive renaming or moving a state class. The price: polymorphic state needs explicit
/// <see cref="JsonDerivedTypeAttribute"/> discriminators, and a renamed property or enum member is a schema
/// change (keep the old name with <see cref="JsonPropertyNameAttribute"/> or migrate the rows). Personal data is
/// encrypted field by field (<see cref="PersonalDataConverters"/>).
/// </summary>
internal sealed class JsonGrainStateSerializer(PersonalDataProtection protection) : IGrainStorageSerializer
{
    private readonly JsonSerializerOptions _options = CreateOptions(protection);

    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, _options));

    public T Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return JsonSerializer.Deserialize<T>(input.ToMemory().Span, _options)
            ?? throw new JsonException($"Stored grain state for {typeof(T).Name} is the JSON literal null.");
    }

    private static JsonSerializerOptions CreateOptions(PersonalDataProtection protection)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { PersonalDataConverters.Modifier(protection) } },
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly();
        return options;
    }
}
