using System.Data.Common;
using Emergency.Contracts;
using Emergency.Domain;
using Emergency.Domain.Cases;
using Emergency.Storage.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Emergency.Grains.Cases;

/// <summary>
/// The purge of a closed case's personal data (<see cref="IHoldsPersonalData"/>): <see cref="PersonalDataRetention"/>
/// after the closing move, on the engine's clock, by the same timer and reminder as a deadline. The purge is written
/// like any change of the case (its index row and board line carry no personal data, and stay), the answers kept for
/// retries go with it, and the audit trail records it. Drill cases are never purged this way: their drill purges them whole.
/// </summary>
public abstract partial class CaseGrain<TCase, TState, TView, TSummary>
{
    private PersonalDataRetention? _retention;

    private PersonalDataRetention Retention => _retention ??= ServiceProvider.GetRequiredService<PersonalDataRetention>();

    /// <summary>When this case's personal data is to be erased: a live case that closed and still holds it; null otherwise.</summary>
    private DateTimeOffset? PurgeDueAt =>
        Case is IHoldsPersonalData { PersonalDataPurgedAt: null, ClosedAt: { } closed } && !Scopes.IsDrill(Case.Scope) ? closed + Retention.AfterClosure : null;

    /// <summary>When the engine must look at the case again: its next deadline, or the purge, whichever comes first.</summary>
    private DateTimeOffset? NextWakeAt => (Case!.NextDueAt, PurgeDueAt) switch
    {
        ({ } due, { } purge) => due < purge ? due : purge,
        var (due, purge) => due ?? purge,
    };

    /// <summary>Runs before a case's personal data is erased: a grain that linked it elsewhere by the person (a petition's complainant) unlinks it here.</summary>
    protected virtual Task OnPurgingPersonalData(TCase @case) => Task.CompletedTask;

    /// <summary>Erases the personal data when its time has come; true when it did (the caller writes the case).</summary>
    private async Task<bool> PurgePersonalDataIfDue(DateTimeOffset now)
    {
        if (PurgeDueAt is not { } due || due > now)
        {
            return false;
        }

        await OnPurgingPersonalData(Case!);
        ((IHoldsPersonalData)Case!).PurgePersonalData(Retention.AfterClosure, now);

        // The purge rewrites entries already stored (an officer's note erased), not only adds one.
        _record.State.RewriteTimeline();

        // A kept answer is a view as given, a petition officer's with the complainant in it.
        var commands = _record.State.Commands;
        for (var i = 0; i < commands.Count; i++)
        {
            if (commands[i].Answer is not null)
            {
                commands[i] = commands[i] with { Answer = null, AnsweredAt = null, AnsweredTo = null };
            }
        }

        return true;
    }

    /// <summary>The audit trail's record of a purge, once it is durable; a record the database refuses is logged instead.</summary>
    private async Task RecordPurge(DateTimeOffset now)
    {
        var id = this.GetPrimaryKeyString();
        LogPurged(_logger, Noun, id, Retention.AfterClosure);
        try
        {
            await ServiceProvider.GetRequiredService<AuditStore>().AddAsync(
                new AuditRecord(0, now, Actor.System.Id, nameof(Role.System), AuditKind.PersonalDataPurged, $"purge personal data of the {Noun}", id, AuditRecord.EngineStatus),
                CancellationToken.None);
        }
        catch (DbException ex)
        {
            LogPurgeNotAudited(_logger, ex, Noun, id);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit: the personal data of {Noun} {CaseId} was erased, {Retention} after it closed")]
    private static partial void LogPurged(ILogger logger, string noun, string caseId, TimeSpan retention);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit record not stored (the purge of {Noun} {CaseId}); the database refused it")]
    private static partial void LogPurgeNotAudited(ILogger logger, Exception exception, string noun, string caseId);
}
