using System.Collections.Immutable;
using System.Runtime.InteropServices;

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
    /// <remarks>
    /// Every timeline entry, deadline and refusal makes one; the check walks the few arguments by hand, where the
    /// LINQ it replaced (a set to find duplicates, a closure per lookup) was a measurable part of a command's cost.
    /// </remarks>
    public Message With(params (string Name, Arg Value)[] args)
    {
        if (args.Length != Parameters.Length || args.Length > 64)
        {
            throw Mismatch(args);
        }

        // Each parameter takes exactly one argument, and no argument serves two: with as many arguments as
        // parameters, every argument is then declared and none is given twice.
        var ordered = new KeyValuePair<string, Arg>[args.Length];
        var used = 0UL;
        for (var p = 0; p < Parameters.Length; p++)
        {
            var found = -1;
            for (var a = 0; a < args.Length; a++)
            {
                if (args[a].Name == Parameters[p])
                {
                    found = found < 0 ? a : throw Mismatch(args);
                }
            }

            if (found < 0 || (used & (1UL << found)) != 0)
            {
                throw Mismatch(args);
            }

            used |= 1UL << found;
            ordered[p] = new KeyValuePair<string, Arg>(Parameters[p], args[found].Value);
        }

        return new Message(Code, ImmutableCollectionsMarshal.AsImmutableArray(ordered));
    }

    private ArgumentException Mismatch((string Name, Arg Value)[] args) =>
        new($"{Code} takes ({string.Join(", ", Parameters)}), not ({string.Join(", ", args.Select(a => a.Name))})", nameof(args));

    /// <summary>The message of a code that takes no argument.</summary>
    public static implicit operator Message(MessageCode code) => code.With();

    public override string ToString() => Code;
}
