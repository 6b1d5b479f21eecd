using System.Runtime.InteropServices;
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

        private readonly byte[] _field = Encoding.UTF8.GetBytes(field);

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
        {
            // A name, a phone number, an id number: short enough to encode on the stack.
            var most = Encoding.UTF8.GetMaxByteCount(value.Length);
            var plain = most <= 512 ? stackalloc byte[most] : new byte[most];
            var written = Encoding.UTF8.GetBytes(value, plain);
            keys.EncryptTo(writer, plain[..written], _field);
        }
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

        private readonly byte[] _field = Encoding.UTF8.GetBytes(field);

        /// <summary>The element's own UTF-8 text, encrypted as it is and written as UTF-8: no string of it made and encoded back first.</summary>
        public override void Write(Utf8JsonWriter writer, JsonElement? value, JsonSerializerOptions options) =>
            keys.EncryptTo(writer, JsonMarshal.GetRawUtf8Value(value!.Value), _field);
    }
}
