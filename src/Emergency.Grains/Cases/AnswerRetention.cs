using System.Runtime.InteropServices;
using System.Text.Json;
using Emergency.Contracts;

namespace Emergency.Grains.Cases;

/// <summary>
/// How long a case keeps the answer it gave to a command with an Idempotency-Key, so that a retry gets that same
/// answer (the version and body of then, not the case as it is now). The answer is stored with the command's own
/// write; it is dropped once older than <see cref="Window"/> or when more than <see cref="Count"/> newer commands
/// keep theirs. The command id itself is remembered longer (<see cref="CaseRecord{TState}.RememberedCommands"/>), so a
/// late retry is still never applied twice: it is answered with the case as it is now.
/// </summary>
/// <param name="Window">How long after the command its answer is kept (<c>Idempotency:AnswerWindow</c>).</param>
/// <param name="Count">How many commands of one case keep their answer at most (<c>Idempotency:AnswerCount</c>).</param>
/// <param name="MaxBytes">The largest answer kept (<c>Idempotency:AnswerMaxBytes</c>); a larger one (a case with a long timeline) is not kept.</param>
public sealed record AnswerRetention(TimeSpan Window, int Count, int MaxBytes = AnswerRetention.DefaultMaxBytes)
{
    public const int DefaultMaxBytes = 32 * 1024;

    /// <summary>
    /// A day, as payment APIs keep their idempotency keys, covers a client that retries after any outage of the engine
    /// short of a disaster. Four answers cover a burst of retried commands on one case; each is a whole view written
    /// again with every write of the case, which is what the keeping costs, and why a large view is not kept at all.
    /// </summary>
    public static AnswerRetention Default { get; } = new(TimeSpan.FromHours(24), 4);

    /// <summary>False when set to keep none (a zero window or count): then no answer is even serialized.</summary>
    public bool KeepsAny => Window > TimeSpan.Zero && Count > 0;

    /// <summary>
    /// The answer as it is kept, or null when it is larger than <see cref="MaxBytes"/>. Serialized straight into an
    /// element of its own: serializing to an array, parsing it and cloning the parse copied every answer twice more.
    /// </summary>
    public JsonElement? Keep<TView>(TView view)
    {
        var element = JsonSerializer.SerializeToElement(view, DomainJson.Options);
        return JsonMarshal.GetRawUtf8Value(element).Length > MaxBytes ? null : element;
    }
}
