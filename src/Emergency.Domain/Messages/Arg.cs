using System.Text.Json.Serialization;

namespace Emergency.Domain.Messages;

/// <summary>
/// One argument of a <see cref="Message"/>, typed so each edge renders it in its reader's language: a text shown as
/// it is (a unit's name, a person's words), a text from configuration in the reader's language, a number, a moment (shown in the deployment's zone, with the zone named),
/// a duration, a term (an enum value, translated), a nested message, or a list. Exactly one is set.
/// </summary>
[JsonConverter(typeof(ArgJsonConverter))]
public sealed record Arg
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }

    /// <summary>A text from configuration, written in Chinese and optionally English.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LocalText? Local { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? Number { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? Time { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TimeSpan? Duration { get; init; }

    /// <summary>An enum value as "Type.Value" ("IncidentLevel.II"), rendered from the resource "term.Type.Value".</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Term { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Message? Message { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Arg>? List { get; init; }

    public static Arg Of(string text) => new() { Text = text };

    public static Arg Of(LocalText text) => new() { Local = text };

    public static Arg Of(decimal number) => new() { Number = number };

    public static Arg Of(DateTimeOffset time) => new() { Time = time };

    public static Arg Of(TimeSpan duration) => new() { Duration = duration };

    public static Arg Of(Message message) => new() { Message = message };

    public static Arg Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => new() { Term = TermOf(value) };

    /// <summary>Items joined the reader's way ("、" in Chinese, ", " in English).</summary>
    public static Arg Of(IEnumerable<Arg> items) => new() { List = [.. items] };

    /// <summary>The resource key of an enum value's name: "term.IncidentLevel.II".</summary>
    public static string TermOf<TEnum>(TEnum value)
        where TEnum : struct, Enum => $"{typeof(TEnum).Name}.{value}";

    public static implicit operator Arg(string text) => Of(text);

    public static implicit operator Arg(int number) => Of(number);

    public static implicit operator Arg(long number) => Of(number);

    public static implicit operator Arg(decimal number) => Of(number);

    public static implicit operator Arg(DateTimeOffset time) => Of(time);

    public static implicit operator Arg(TimeSpan duration) => Of(duration);

    public static implicit operator Arg(Message message) => Of(message);

    public bool Equals(Arg? other) =>
        other is not null && Text == other.Text && Local == other.Local && Number == other.Number && Time == other.Time && Duration == other.Duration &&
        Term == other.Term && Equals(Message, other.Message) &&
        (List is null ? other.List is null : other.List is not null && List.SequenceEqual(other.List));

    public override int GetHashCode() => HashCode.Combine(Text, Local, Number, Time, Duration, Term, Message);

    public override string ToString() =>
        Text ?? Local?.Zh ?? Number?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Time?.ToString("O") ?? Duration?.ToString() ?? Term ??
        Message?.ToString() ?? (List is null ? "" : $"[{string.Join(", ", List)}]");
}
