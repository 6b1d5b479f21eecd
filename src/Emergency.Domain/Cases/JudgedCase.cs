using Emergency.Domain.Messages;

namespace Emergency.Domain.Cases;

/// <summary>
/// How every kind of case judges a move, written once: what fell due by the move's moment is marked first (a change of
/// its own), then the move's fields are checked, then the procedure says whether the stage allows the move and its guard
/// holds and runs its effect; what fell due because of the move (one dated in the past can open a limit that has already
/// passed) is marked with it, and the accepted move counts one version. A refused move changes nothing.
/// </summary>
/// <typeparam name="TCommand">The kind's base command.</typeparam>
public abstract class JudgedCase<TCommand>
    where TCommand : CaseCommand
{
    /// <summary>Judges <paramref name="command"/> at <paramref name="now"/>.</summary>
    public Decision Handle(TCommand command, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        Tick(now);
        var check = Check(command, now);
        if (check.Errors.Count > 0)
        {
            return Decision.Invalid(check.Errors);
        }

        if (Fire(command, actor, now) is { } why)
        {
            return Decision.NotAllowed(why, AllowedMoves(now));
        }

        MarkDue(now);
        NextVersion();
        return Decision.Accepted;
    }

    /// <summary>Marks every deadline that has passed by <paramref name="now"/>, as one version; true when something changed.</summary>
    public bool Tick(DateTimeOffset now)
    {
        if (!MarkDue(now))
        {
            return false;
        }

        NextVersion();
        return true;
    }

    /// <summary>The moves a person may make now, in the words of the API.</summary>
    public abstract IReadOnlyList<string> AllowedMoves(DateTimeOffset now);

    /// <summary>The checks of a move's fields against the case as it stands, before the procedure is asked.</summary>
    private protected abstract Validator Check(TCommand command, DateTimeOffset now);

    /// <summary>Makes the move when the procedure allows it now and returns null; otherwise changes nothing and says why.</summary>
    private protected abstract Message? Fire(TCommand command, Actor actor, DateTimeOffset now);

    /// <summary>Marks what fell due by <paramref name="now"/>, each at its own moment, without a version; true when anything did.</summary>
    private protected abstract bool MarkDue(DateTimeOffset now);

    /// <summary>Counts one accepted change.</summary>
    private protected abstract void NextVersion();
}
