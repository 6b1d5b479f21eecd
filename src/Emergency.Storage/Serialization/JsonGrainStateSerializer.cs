using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
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
/// encrypted field by field (<see cref="PersonalDataConverters"/>). A timeline stored as rows
/// (<see cref="Timelines.ITimelinedState"/>) is left out of its state's JSON, and its entries are serialized one by one
/// with the same options.
/// </summary>
internal sealed class JsonGrainStateSerializer : IGrainStorageSerializer
{
    /// <summary>
    /// Per list property (declaring type, name): whether its lists are stored as rows, not in their state's JSON. A
    /// flag of its own, read by the property's contract at each write without a lookup (a state writes many lists).
    /// </summary>
    private readonly ConcurrentDictionary<(Type, string), StrongBox<bool>> _apart = new();

    private readonly JsonSerializerOptions _options;

    public JsonGrainStateSerializer(PersonalDataProtection protection) => _options = CreateOptions(protection, _apart);

    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, _options));

    public T Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return JsonSerializer.Deserialize<T>(input.ToMemory().Span, _options)
            ?? throw new JsonException($"Stored grain state for {typeof(T).Name} is the JSON literal null.");
    }

    /// <summary>Leaves <paramref name="property"/> out of every state written from now on (it is still read from rows stored before).</summary>
    public void LeaveOut(PropertyInfo property)
    {
        var flag = _apart.GetOrAdd((property.DeclaringType!, property.Name), static _ => new StrongBox<bool>());
        if (!flag.Value)
        {
            Volatile.Write(ref flag.Value, true);
        }
    }

    /// <summary>One timeline entry as JSON.</summary>
    public string SerializeEntry(object entry) => JsonSerializer.Serialize(entry, entry.GetType(), _options);

    public object DeserializeEntry(string json, Type type) =>
        JsonSerializer.Deserialize(json, type, _options) ?? throw new JsonException($"A stored {type.Name} is the JSON literal null.");

    private static JsonSerializerOptions CreateOptions(PersonalDataProtection protection, ConcurrentDictionary<(Type, string), StrongBox<bool>> apart)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { PersonalDataConverters.Modifier(protection), LeftOut(apart) } },
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly();
        return options;
    }

    /// <summary>
    /// A list property is written unless its state keeps it as rows: asked at each write, since the state's type may be
    /// read (and its contract made) before the first write says so.
    /// </summary>
    private static Action<JsonTypeInfo> LeftOut(ConcurrentDictionary<(Type, string), StrongBox<bool>> apart) => typeInfo =>
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (property.AttributeProvider is not PropertyInfo { DeclaringType: { } declaring, PropertyType.IsGenericType: true } member
                || member.PropertyType.GetGenericTypeDefinition() != typeof(List<>))
            {
                continue;
            }

            var leftOut = apart.GetOrAdd((declaring, member.Name), static _ => new StrongBox<bool>());
            var inner = property.ShouldSerialize;
            property.ShouldSerialize = (owner, value) => !Volatile.Read(ref leftOut.Value) && (inner is null || inner(owner, value));
        }
    };
}
