using Emergency.Contracts;
using static Emergency.Grains.Tests.Commands;

namespace Emergency.Grains.Tests;

/// <summary>
/// A database from before the case index: its cases have state rows but no index rows, and the migration marked the
/// service. The first start gives every one of them its row, so they are listed as before.
/// </summary>
public sealed class CaseIndexBackfillTests : IAsyncLifetime
{
    private EngineCluster _engine = null!;

    public async ValueTask InitializeAsync() => _engine = await EngineCluster.StartAsync();

    public ValueTask DisposeAsync() => _engine.DisposeAsync();

    [Fact]
    public async Task Cases_stored_before_the_index_are_listed_after_the_first_start()
    {
        var now = _engine.Clock.GetUtcNow();
        var ids = Enumerable.Range(0, 5).Select(i => $"inc-before{i}").ToList();
        foreach (var id in ids)
        {
            Assert.Equal(CommandStatus.Accepted, (await _engine.Incident(id).Execute(Minor(now), As())).Status);
        }

        await _engine.RestartAsync(() => Execute(
            """
            DELETE FROM CaseIndex;
            INSERT INTO CaseIndexBackfill (ServiceId) VALUES ('emergency-grain-tests');
            UPDATE GrainState SET PayloadBinary = CAST(replace(CAST(PayloadBinary AS TEXT), '"indexed":true', '"indexed":false') AS BLOB)
            WHERE StateName = 'incident';
            """));

        Assert.Equal(ids, (await _engine.OpenIncidentsAsync()).Select(s => s.Id).Order(StringComparer.Ordinal));
        Assert.Equal(0L, Scalar("SELECT COUNT(*) FROM CaseIndexBackfill"));
        Assert.Equal(5L, Scalar("SELECT COUNT(*) FROM GrainState WHERE StateName = 'incident' AND CAST(PayloadBinary AS TEXT) LIKE '%\"indexed\":true%'"));
    }

    private void Execute(string sql) => _engine.Execute(sql);

    private long Scalar(string sql) => (long)_engine.Scalar(sql);
}
