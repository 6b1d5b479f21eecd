using System.Collections.Immutable;

namespace Emergency.Domain.Messages;

/// <summary>
/// A kind of sentence the engine says, declared once with the names of its arguments, as a static field of a
/// catalog class ("IncidentTexts.DeadlineSet"). The resource files hold its words under <see cref="Code"/> in each
/// language; a test checks every declared code against them, placeholder by placeholder.
/// </summary>
public sealed class MessageCode
{
    public MessageCode(string code, params string[] parameters)
    {
        Code = code;
        Parameters = [.. parameters];
    }

    public string Code { get; }

    public ImmutableArray<string> Parameters { get; }

    /// <summary>The message with these arguments; every declared parameter is given, and no other.</summary>
    /// <exception cref="ArgumentException">An argument is missing or not declared: a mistake in the code, caught by the tests.</exception>
    public Message With(params (string Name, Arg Value)[] args)
    {
        if (args.Length != Parameters.Length || !args.All(a => Parameters.Contains(a.Name)) || args.DistinctBy(a => a.Name).Count() != args.Length)
        {
            throw new ArgumentException(
                $"{Code} takes ({string.Join(", ", Parameters)}), not ({string.Join(", ", args.Select(a => a.Name))})", nameof(args));
        }

        return new Message(Code, [.. Parameters.Select(p => new KeyValuePair<string, Arg>(p, args.First(a => a.Name == p).Value))]);
    }

    /// <summary>The message of a code that takes no argument.</summary>
    public static implicit operator Message(MessageCode code) => code.With();

    public override string ToString() => Code;
}
