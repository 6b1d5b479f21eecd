using System.Security.Cryptography;
using System.Text;
using Emergency.Contracts;
using Emergency.Domain;
using Emergency.Host.Texts;
using Emergency.Storage.GroupCommit;

namespace Emergency.Host.Api;

/// <summary>What every command endpoint does alike: the idempotency key, the command context, and case ids.</summary>
public static class CommandRequests
{
    public const string IdempotencyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>On a replay whose first answer is no longer kept: the body is the case as it is now.</summary>
    public const string FirstAnswerHeader = "Idempotent-First-Answer";

    /// <summary>The client's command id from the Idempotency-Key header, if any, or the problem with it.</summary>
    public static (string? CommandId, IResult? Problem) ReadCommandId(HttpRequest request)
    {
        if (!request.Headers.TryGetValue(IdempotencyHeader, out var values))
        {
            return (null, null);
        }

        var key = values.ToString();
        return key.Length is > 0 and <= 100 && key.All(c => c is > ' ' and < (char)127)
            ? (key, null)
            : (null, Problems.Invalid(new FieldError(IdempotencyHeader, HostTexts.IdempotencyKeyShape)));
    }

    /// <summary>
    /// An idempotency key is its sender's: the case remembers it together with the user, so another user's
    /// command under the same key is a command of its own, neither a replay of the first nor a reuse of its key.
    /// </summary>
    public static CommandContext ContextOf(Domain.Actor actor, string? key) =>
        new(actor, key is null ? null : $"{actor.Id}/{key}");

    /// <summary>
    /// Tells the client its command was a retry of one already applied, and when the first answer is no longer kept
    /// (older than <c>Idempotency:AnswerWindow</c>) that the body is the case as it is now.
    /// </summary>
    public static void MarkReplay<TView>(HttpContext http, CommandResult<TView> result)
        where TView : class
    {
        if (result.Status == CommandStatus.Replayed)
        {
            http.Response.Headers[ReplayedHeader] = "true";
            if (result.FirstAnswerExpired)
            {
                http.Response.Headers[FirstAnswerHeader] = "expired";
            }
        }
    }

    /// <summary>A new random case id with the kind's prefix ("inc-", "pet-"...).</summary>
    public static string NewId(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));

    /// <summary>
    /// A new random case id, remembered as fresh by this node's storage so that its grain's first activation here
    /// does not look for a row that cannot exist (<see cref="FreshKeys"/>).
    /// </summary>
    public static string NewId(HttpContext http, string prefix)
    {
        var id = NewId(prefix);
        http.RequestServices.GetService<FreshKeys>()?.Add(id);
        return id;
    }

    /// <summary>
    /// The id a registration with an idempotency key names (<see cref="IdFor"/>), taken for new as a drawn one is: almost
    /// always it is, and a retry whose case is stored finds it at its first write (a version conflict), reads it and is
    /// answered as a retry; the read that every such registration paid first is saved.
    /// </summary>
    public static string NewId(HttpContext http, string prefix, string user, string commandId)
    {
        var id = IdFor(prefix, user, commandId);
        http.RequestServices.GetService<FreshKeys>()?.Add(id);
        return id;
    }

    /// <summary>
    /// The call that registers under an id taken for new (<see cref="NewId(HttpContext, string)"/>) was answered: the id
    /// is no longer fresh on this node, where a later activation of the case (placed on another node, then put away) must
    /// read it.
    /// </summary>
    public static void Drawn(HttpContext http, string id) => http.RequestServices.GetService<FreshKeys>()?.Forget(id);

    /// <summary>The same user and command id always name the same case, so a retried registration finds the first one.</summary>
    public static string IdFor(string prefix, string user, string commandId) =>
        prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{user}\n{commandId}")))[..20];
}
