using System.Text.Json;
using Emergency.Contracts;
using Emergency.Domain.Cases;
using Emergency.Storage.Indexing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Emergency.Grains.Cases;

/// <summary>
/// The list of the cases of one kind in one scope, read from the durable case index (each case writes its row with
/// its state, in one transaction). It stores nothing itself and never holds a list in memory, so a registration costs
/// the same with any number of open cases; it touches the cases only to re-arm their deadlines at start and to purge
/// a drill.
/// </summary>
/// <typeparam name="TSummary">One line of the list.</typeparam>
public abstract class CaseDirectoryGrain<TSummary>(CaseIndex index) : Grain
    where TSummary : class, ICaseSummary
{
    private const int TouchBatch = 64;

    private ILogger? _logger;

    /// <summary>The kind's state name: the index keys the rows of its cases by it.</summary>
    protected abstract string Kind { get; }

    private string Scope => this.GetPrimaryKeyString();

    public Task<IReadOnlyList<TSummary>> List() => Read(closedToo: false);

    public Task<IReadOnlyList<TSummary>> History() => Read(closedToo: true);

    /// <summary>The grain of one case of this directory's kind.</summary>
    protected abstract ICaseGrain<TSummary> CaseGrain(string id);

    /// <summary>
    /// Touches every open case of the scope. A case that cannot be touched now keeps its row and its durable reminder;
    /// one failed touch must never fail the start of a node.
    /// </summary>
    public async Task<int> WarmUp()
    {
        var open = await index.ReadAsync(Kind, Scope, closedToo: false);
        await TouchAsync([.. open.Select(c => c.CaseId)]);
        return open.Count;
    }

    public async Task<int> Purge()
    {
        if (!Scopes.IsDrill(Scope))
        {
            throw new InvalidOperationException("only drill scopes can be purged");
        }

        // Each case's cleared state takes its row out of the index in the same transaction.
        var all = await index.ReadAsync(Kind, Scope, closedToo: true);
        await Task.WhenAll(all.Select(c => CaseGrain(c.CaseId).Purge()));
        return all.Count;
    }

    private async Task<IReadOnlyList<TSummary>> Read(bool closedToo)
    {
        var rows = await index.ReadAsync(Kind, Scope, closedToo);
        return [.. rows.Select(row => JsonSerializer.Deserialize<TSummary>(row.Summary, DomainJson.Options)!)];
    }

    private async Task TouchAsync(IReadOnlyList<string> ids)
    {
        foreach (var batch in ids.Chunk(TouchBatch))
        {
            await Task.WhenAll(batch.Select(TryTouch));
        }
    }

    /// <summary>Touches one case; a failure is logged, never thrown.</summary>
    private async Task TryTouch(string id)
    {
        try
        {
            await CaseGrain(id).Touch();
        }
        catch (Exception ex)
        {
            LogTouchFailed(ex, Scope, id);
        }
    }

    private void LogTouchFailed(Exception exception, string scope, string caseId) =>
        Logger.LogWarning(exception, "The {Scope} directory could not touch case {CaseId}; its durable reminder still wakes it", scope, caseId);

    private ILogger Logger => _logger ??= ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(GetType());
}
