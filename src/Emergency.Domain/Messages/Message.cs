using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Emergency.Domain.Messages;

/// <summary>
/// What the engine says, as data: a code and named arguments. The domain never composes a sentence; the edges (the
/// API, the board, the drill report, the CLI) render the code in Chinese or English from resource files, with every
/// time in the deployment's zone. A message is stored (timelines, deadline bases) and compared as data.
/// </summary>
[JsonConverter(typeof(MessageJsonConverter))]
public sealed class Message : IEquatable<Message>
{
    /// <summary>The code of a text given whole: a person's words, or a sentence recorded before texts had codes.</summary>
    public const string LiteralCode = "text";

    internal Message(string code, ImmutableArray<KeyValuePair<string, Arg>> args)
    {
        Code = code;
        Args = args;
    }

    public string Code { get; }

    /// <summary>
    /// What <see cref="MessageJsonConverter"/> keeps of the message's JSON: null before it is written, the options it
    /// was first written under, then an entry per options (<see cref="MessageJson"/>) with the JSON once written often.
    /// A message never changes once made. Not part of the message's value.
    /// </summary>
    internal object? Json { get; set; }

    /// <summary>The arguments by name, in the order the code declares them.</summary>
    public ImmutableArray<KeyValuePair<string, Arg>> Args { get; }

    public Arg? this[string name]
    {
        get
        {
            foreach (var arg in Args)
            {
                if (arg.Key == name)
                {
                    return arg.Value;
                }
            }

            return null;
        }
    }

    /// <summary>A text given whole, shown as it is in every language.</summary>
    public static Message Literal(string text) => new(LiteralCode, [new("text", Arg.Of(text))]);

    /// <summary>A text from configuration as a message of its own, shown in the reader's language.</summary>
    public static Message Literal(LocalText text) => new(LiteralCode, [new("text", Arg.Of(text))]);

    public bool IsLiteral => Code == LiteralCode;

    public bool Equals(Message? other) =>
        other is not null && Code == other.Code && Args.Length == other.Args.Length &&
        Args.Zip(other.Args).All(pair => pair.First.Key == pair.Second.Key && Equals(pair.First.Value, pair.Second.Value));

    public override bool Equals(object? obj) => Equals(obj as Message);

    public override int GetHashCode() => HashCode.Combine(Code, Args.Length);

    /// <summary>For logs and test output only: the code and its arguments, never a rendered sentence.</summary>
    public override string ToString() =>
        IsLiteral ? this["text"]?.ToString() ?? "" : $"{Code}({string.Join(", ", Args.Select(a => $"{a.Key}={a.Value}"))})";
}
