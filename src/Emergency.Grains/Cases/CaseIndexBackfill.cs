using Emergency.Contracts;
using Emergency.Storage.Indexing;
using Microsoft.Extensions.Logging;

namespace Emergency.Grains.Cases;

/// <summary>
/// Gives the cases stored before the case index existed their rows, at the first start after the migration: each is
/// activated, and a case whose record was never indexed writes itself (its row with its state). The migration marks
/// the service; the mark goes only once no stored case lacks a row, so a start cut short does the rest next time.
/// </summary>
internal sealed partial class CaseIndexBackfill(CaseIndex index, IGrainFactory grains, ILogger<CaseIndexBackfill> logger)
{
    private const int Batch = 64;

    /// <summary>The registry before the major decisions: each matter's activation reads the restrictions from it.</summary>
    private static readonly string[] Kinds = [CaseKinds.Enforcement, CaseKinds.Incident, CaseKinds.Dispute, CaseKinds.Suggestion, CaseKinds.Decision];

    /// <summary>Returns how many cases were given their row.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (!await index.BackfillPendingAsync(cancellationToken))
        {
            return 0;
        }

        var count = 0;
        foreach (var kind in Kinds)
        {
            var cases = await index.UnindexedAsync([kind], cancellationToken);
            foreach (var batch in cases.Chunk(Batch))
            {
                await Task.WhenAll(batch.Select(c => TryTouch(kind, c.CaseId)));
            }

            count += cases.Count;
        }

        var left = await index.UnindexedAsync(Kinds, cancellationToken);
        if (left.Count == 0)
        {
            await index.BackfillDoneAsync(cancellationToken);
        }
        else
        {
            LogLeft(left.Count);
        }

        LogDone(count - left.Count);
        return count - left.Count;
    }

    private async Task TryTouch(string kind, string id)
    {
        try
        {
            await (kind switch
            {
                CaseKinds.Incident => grains.GetGrain<IIncidentGrain>(id).Touch(),
                CaseKinds.Dispute => grains.GetGrain<IDisputeGrain>(id).Touch(),
                CaseKinds.Suggestion => grains.GetGrain<ISuggestionGrain>(id).Touch(),
                CaseKinds.Decision => grains.GetGrain<IMajorDecisionGrain>(id).Touch(),
                CaseKinds.Enforcement => (Task)grains.GetGrain<IEnforcementRegistryGrain>(id).Touch(),
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a kind of case"),
            });
        }
        catch (Exception ex)
        {
            LogTouchFailed(ex, kind, id);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Case index: {Count} cases stored before the index now have their rows")]
    private partial void LogDone(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case index: {Count} stored cases still have no row; the next start tries them again")]
    private partial void LogLeft(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case index: could not activate {Kind} {CaseId} to write its row")]
    private partial void LogTouchFailed(Exception exception, string kind, string caseId);
}
