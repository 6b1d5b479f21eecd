using Emergency.Contracts;
using Microsoft.Extensions.Logging;

namespace Emergency.Grains.Cases;

/// <summary>
/// Writes a fast drill defers (<see cref="CommandContext.Deferred"/>): a case of a fast drill answers its commands and
/// the drill's clock advances from memory, and its state is written once per checkpoint of the drill (<see cref="Flush"/>),
/// not once per inject. A fast drill is replayable from its scenario: after a crash it resumes from its last checkpoint,
/// where its cases' stored state and its own progress agree (docs/drills.md). Nor does such a case keep the answers it
/// gives for retries: a fast drill never retries a command, and a case that finds one applied already tells the drill
/// it was interrupted between the writes of a checkpoint. Live cases, and the cases of a paced drill, never defer: they
/// answer only once durable, and keep their answers.
/// </summary>
public abstract partial class CaseGrain<TCase, TState, TView, TSummary>
{
    /// <summary>This activation serves a fast drill: set by its first deferred command, for as long as it stays active.</summary>
    private bool _deferring;

    /// <summary>The moment of the latest change not yet written (null: the stored state is the state in memory).</summary>
    private DateTimeOffset? _unwrittenAt;

    private bool _flushing;

    public async Task Flush()
    {
        if (_unwrittenAt is not { } at || Case is null)
        {
            return;
        }

        // Cleared first: a write that fails drops this activation, and its deactivation must not try the same write again.
        _unwrittenAt = null;
        _flushing = true;
        try
        {
            await WriteAndPublish(at);
        }
        finally
        {
            _flushing = false;
        }
    }

    /// <summary>A drill command sent deferred puts this activation in the fast drill's way of writing.</summary>
    private void DeferIfAsked(CommandContext context) => _deferring |= context.Deferred;

    /// <summary>True when the write of the state as of <paramref name="now"/> is left for the drill's next checkpoint.</summary>
    private bool Deferring(DateTimeOffset now)
    {
        if (!_deferring || _flushing || !Scopes.IsDrill(Case!.Scope))
        {
            return false;
        }

        _unwrittenAt = now;
        return true;
    }

    /// <summary>An activation that goes away (idle, or a node shutting down) writes what it holds unwritten.</summary>
    private async Task FlushOnDeactivation()
    {
        try
        {
            await Flush();
        }
        catch (Exception ex)
        {
            // The drill's checkpoint did not cover it: the drill resumes from its last checkpoint, which its stored state matches.
            LogDeferredWriteLost(_logger, ex, Noun, this.GetPrimaryKeyString());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The deferred write of drill {Noun} {CaseId} failed as it deactivated")]
    private static partial void LogDeferredWriteLost(ILogger logger, Exception exception, string noun, string caseId);
}
