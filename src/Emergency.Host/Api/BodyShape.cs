using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Emergency.Domain;
using Emergency.Domain.Messages;
using Emergency.Host.Texts;

namespace Emergency.Host.Api;

/// <summary>
/// Checks a parsed body against the shape of the type it is read as, taken from System.Text.Json's own contract
/// for that type (the <see cref="JsonTypeInfo"/> of the strict options): unknown fields, missing required ones, nulls
/// where a value is required, and values of the wrong kind, every one listed by its JSON path. It runs before
/// binding, so what a client is told never depends on the wording of a serializer's exception.
/// </summary>
internal static partial class BodyShape
{
    public static List<FieldError> Check(JsonElement body, Type type, JsonSerializerOptions options)
    {
        var errors = new List<FieldError>();
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError(JsonBody.BodyField, HostTexts.NotAnObject));
            return errors;
        }

        Walk(body, options.GetTypeInfo(type), "", errors, options);
        return errors;
    }

    private static void Walk(JsonElement value, JsonTypeInfo info, string path, List<FieldError> errors, JsonSerializerOptions options)
    {
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                WalkObject(value, info, path, errors, options);
                break;
            case JsonTypeInfoKind.Enumerable when value.ValueKind != JsonValueKind.Array:
                errors.Add(new FieldError(FieldOf(path), HostTexts.NotAList));
                break;
            case JsonTypeInfoKind.Enumerable:
                var element = options.GetTypeInfo(info.ElementType!);
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    WalkValue(item, element, $"{path}[{index++}]", nullable: false, errors, options);
                }

                break;
            case JsonTypeInfoKind.Dictionary when value.ValueKind != JsonValueKind.Object:
                errors.Add(new FieldError(FieldOf(path), HostTexts.NotAnObject));
                break;
            case JsonTypeInfoKind.Dictionary:
                var entry = options.GetTypeInfo(info.ElementType!);
                foreach (var property in value.EnumerateObject())
                {
                    WalkValue(property.Value, entry, Join(path, NameOf(property) ?? "?"), nullable: false, errors, options);
                }

                break;
            default:
                CheckScalar(value, info.Type, path, errors);
                break;
        }
    }

    private static void WalkObject(JsonElement value, JsonTypeInfo info, string path, List<FieldError> errors, JsonSerializerOptions options)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError(FieldOf(path), HostTexts.NotAnObject));
            return;
        }

        if (info.PolymorphismOptions is { TypeDiscriminatorPropertyName: { } discriminator } polymorphism)
        {
            var named = value.TryGetProperty(discriminator, out var tag) ? TextOf(tag) : null;
            var derived = polymorphism.DerivedTypes.FirstOrDefault(d => Equals(d.TypeDiscriminator, named));
            if (derived.DerivedType is null)
            {
                var names = polymorphism.DerivedTypes.Select(d => d.TypeDiscriminator?.ToString() ?? "");
                errors.Add(new FieldError(Join(path, discriminator), CommonTexts.NotOneOfThese(named ?? "", names)));
                return;
            }

            WalkMembers(value, options.GetTypeInfo(derived.DerivedType), path, discriminator, errors, options);
            return;
        }

        WalkMembers(value, info, path, discriminator: null, errors, options);
    }

    private static void WalkMembers(JsonElement value, JsonTypeInfo info, string path, string? discriminator, List<FieldError> errors, JsonSerializerOptions options)
    {
        var comparer = options.PropertyNameCaseInsensitive ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        var members = MembersOf(info, comparer);
        var seen = new HashSet<string>(comparer);
        foreach (var property in value.EnumerateObject())
        {
            if (NameOf(property) is not { } name)
            {
                errors.Add(new FieldError(FieldOf(path), HostTexts.NotValidText));
                continue;
            }

            if (discriminator is not null && comparer.Equals(name, discriminator))
            {
                continue;
            }

            var field = Join(path, name);
            if (!members.TryGetValue(name, out var member))
            {
                errors.Add(new FieldError(field, HostTexts.UnknownField));
                continue;
            }

            seen.Add(member.Name);
            var nullable = member.IsSetNullable && member.AssociatedParameter is not { IsNullable: false };
            WalkValue(property.Value, options.GetTypeInfo(member.PropertyType), field, nullable, errors, options);
        }

        foreach (var member in members.Values.Where(m => !seen.Contains(m.Name) && IsRequired(m)))
        {
            errors.Add(new FieldError(Join(path, member.Name), CommonTexts.Required));
        }
    }

    /// <summary>
    /// The members a body may set, by name: made once per contract (the strict options are read-only, so a contract
    /// never changes), not for every object of every body.
    /// </summary>
    private static Dictionary<string, JsonPropertyInfo> MembersOf(JsonTypeInfo info, StringComparer comparer) =>
        Members.GetValue(info, _ => info.Properties.Where(p => p.Set is not null || p.AssociatedParameter is not null).ToDictionary(p => p.Name, comparer));

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<JsonTypeInfo, Dictionary<string, JsonPropertyInfo>> Members = new();

    private static bool IsRequired(JsonPropertyInfo member) =>
        member.IsRequired || member.AssociatedParameter is { HasDefaultValue: false };

    private static void WalkValue(JsonElement value, JsonTypeInfo info, string path, bool nullable, List<FieldError> errors, JsonSerializerOptions options)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (!nullable && Nullable.GetUnderlyingType(info.Type) is null)
            {
                errors.Add(new FieldError(FieldOf(path), HostTexts.NullNotAllowed));
            }

            return;
        }

        if (Nullable.GetUnderlyingType(info.Type) is { } underlying)
        {
            info = options.GetTypeInfo(underlying);
        }

        Walk(value, info, path, errors, options);
    }

    /// <summary>A value of a type read from one JSON token: its kind, and for enums and moments, its text.</summary>
    private static void CheckScalar(JsonElement value, Type type, string path, List<FieldError> errors)
    {
        var field = FieldOf(path);
        Message? problem = type switch
        {
            _ when type.IsEnum => EnumProblem(value, type),
            _ when type == typeof(string) => value.ValueKind != JsonValueKind.String ? Expected(ExpectedKind.Text) : TextOf(value) is null ? (Message)HostTexts.NotValidText : null,
            _ when type == typeof(bool) => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : Expected(ExpectedKind.TrueOrFalse),
            _ when type == typeof(int) || type == typeof(long) =>
                value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var whole) && (type == typeof(long) || whole is >= int.MinValue and <= int.MaxValue)
                    ? null
                    : Expected(ExpectedKind.WholeNumber),
            _ when type == typeof(decimal) || type == typeof(double) => value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out _) ? null : Expected(ExpectedKind.Number),
            _ when type == typeof(DateTimeOffset) =>
                TextOf(value) is { } moment && WithOffset().IsMatch(moment) && value.TryGetDateTimeOffset(out _) ? null : (Message)HostTexts.MomentWithOffset,
            _ => null,
        };

        if (problem is not null)
        {
            errors.Add(new FieldError(field, problem));
        }
    }

    private static Message Expected(ExpectedKind kind) => HostTexts.WrongKind.With(("expected", Arg.Of(kind)));

    private static Message? EnumProblem(JsonElement value, Type type)
    {
        var names = JsonBody.WireNamesOf(type);
        var text = TextOf(value);
        var given = text ?? (value.ValueKind == JsonValueKind.String ? "" : value.GetRawText());
        return text is not null && names.Contains(text, StringComparer.OrdinalIgnoreCase)
            ? null
            : CommonTexts.NotOneOfThese(given, names);
    }

    /// <summary>A string value, or null when it is no string or not valid Unicode (a lone surrogate, bytes that are not UTF-8).</summary>
    private static string? TextOf(JsonElement value)
    {
        try
        {
            return value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string? NameOf(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string FieldOf(string path) => path.Length == 0 ? JsonBody.BodyField : path;

    /// <summary>
    /// A moment counts only with its UTC offset ("…+08:00" or "…Z"). Without one, System.Text.Json takes the server's
    /// zone, so "2026-03-02T07:50:00" from a duty officer in Beijing would become 15:50 in Beijing on a server that runs
    /// in UTC, and every deadline would move with it.
    /// </summary>
    [GeneratedRegex(@"T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.IgnoreCase)]
    internal static partial Regex WithOffset();
}

/// <summary>What a field of a body should have been, when it was something else.</summary>
public enum ExpectedKind
{
    Text,
    WholeNumber,
    Number,
    TrueOrFalse,
}
