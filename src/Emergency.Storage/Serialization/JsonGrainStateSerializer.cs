using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Orleans.Storage;

namespace Emergency.Storage.Serialization;

/// <summary>
/// Stores grain state as plain JSON: camelCase names, enums by name, and no .NET type names, so stored rows
/// survive renaming or moving a state class. The price: polymorphic state needs explicit
/// <see cref="JsonDerivedTypeAttribute"/> discriminators, and a renamed property or enum member is a schema
/// change (keep the old name with <see cref="JsonPropertyNameAttribute"/> or migrate the rows).
/// </summary>
internal sealed class JsonGrainStateSerializer : IGrainStorageSerializer
{
    internal static readonly JsonSerializerOptions Options = CreateOptions();

    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, Options));

    public T Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return JsonSerializer.Deserialize<T>(input.ToMemory().Span, Options)
            ?? throw new JsonException($"Stored grain state for {typeof(T).Name} is the JSON literal null.");
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly();
        return options;
    }
}
