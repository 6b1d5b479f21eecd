using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Emergency.Storage.Privacy;

namespace Emergency.Storage.Serialization;

/// <summary>
/// Encrypts the marked properties of stored state one by one, so that a stored row keeps its shape (ids, phases,
/// deadlines stay readable to the engine's queries and to an operator) and carries no name, contact or id number in
/// clear. A value stored in clear before encryption existed is read as it is, and encrypted at the row's next write.
/// </summary>
internal static class PersonalDataConverters
{
    public static Action<JsonTypeInfo> Modifier(PersonalDataProtection protection) => typeInfo =>
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (property.AttributeProvider?.IsDefined(protection.Marker, inherit: true) != true)
            {
                continue;
            }

            if (property.PropertyType == typeof(string))
            {
                property.CustomConverter = new EncryptedString(protection.Keys, property.Name);
            }
            else if (property.PropertyType == typeof(JsonElement?))
            {
                property.CustomConverter = new EncryptedElement(protection.Keys, property.Name);
            }
        }
    };

    private sealed class EncryptedString(PersonalDataKeys keys, string field) : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var stored = reader.GetString()!;
            return PersonalDataKeys.IsCiphertext(stored) ? Encoding.UTF8.GetString(keys.Decrypt(stored, field)) : stored;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
            writer.WriteStringValue(keys.Encrypt(Encoding.UTF8.GetBytes(value), field));
    }

    /// <summary>A JSON value kept whole (a command's answer, a view that may name the complainant): encrypted as its text.</summary>
    private sealed class EncryptedElement(PersonalDataKeys keys, string field) : JsonConverter<JsonElement?>
    {
        public override bool HandleNull => false;

        public override JsonElement? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String && reader.GetString() is { } stored && PersonalDataKeys.IsCiphertext(stored))
            {
                using var document = JsonDocument.Parse(keys.Decrypt(stored, field));
                return document.RootElement.Clone();
            }

            return JsonElement.ParseValue(ref reader);
        }

        public override void Write(Utf8JsonWriter writer, JsonElement? value, JsonSerializerOptions options) =>
            writer.WriteStringValue(keys.Encrypt(Encoding.UTF8.GetBytes(value!.Value.GetRawText()), field));
    }
}
