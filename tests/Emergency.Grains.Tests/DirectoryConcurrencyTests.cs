using Emergency.Contracts;
using static Emergency.Grains.Tests.Commands;

namespace Emergency.Grains.Tests;

/// <summary>
/// Many registrations at once must all be acknowledged, listed and stored: each case's index row is written in the
/// same group commit as its state, however many cases share a transaction.
/// </summary>
public sealed class DirectoryConcurrencyTests : IAsyncLifetime
{
    private EngineCluster _engine = null!;

    public async ValueTask InitializeAsync() => _engine = await EngineCluster.StartAsync();

    public ValueTask DisposeAsync() => _engine.DisposeAsync();

    [Fact]
    public async Task Three_hundred_registrations_at_once_are_all_acknowledged_and_listed()
    {
        var ids = Enumerable.Range(0, 300).Select(i => $"inc-crowd{i}").ToList();
        var now = _engine.Clock.GetUtcNow();

        var results = await Task.WhenAll(ids.Select(id => _engine.Incident(id).Execute(Minor(now), As())));

        Assert.All(results, r => Assert.Equal(CommandStatus.Accepted, r.Status));
        var listed = await _engine.OpenIncidentsAsync();
        Assert.Equal(ids.Order(StringComparer.Ordinal), listed.Select(s => s.Id).Order(StringComparer.Ordinal));

        // And the index holds every one of them: after a restart they are all listed again.
        await _engine.RestartAsync();
        var afterRestart = await _engine.OpenIncidentsAsync();
        Assert.Equal(300, afterRestart.Count);
    }
}
