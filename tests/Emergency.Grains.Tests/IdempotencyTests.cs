using Emergency.Contracts;
using Emergency.Domain.Cases;
using Emergency.Domain.Incidents;
using static Emergency.Grains.Tests.Commands;

namespace Emergency.Grains.Tests;

public sealed class IdempotencyTests : IAsyncLifetime
{
    private EngineCluster _engine = null!;

    public async ValueTask InitializeAsync() => _engine = await EngineCluster.StartAsync();

    public ValueTask DisposeAsync() => _engine.DisposeAsync();

    [Fact]
    public async Task A_retried_command_is_answered_without_being_applied_twice()
    {
        var grain = _engine.Incident("inc-retry");
        var registered = await grain.Execute(Minor(_engine.Clock.GetUtcNow()), As("reg"));
        var again = await grain.Execute(Minor(_engine.Clock.GetUtcNow()), As("reg"));
        Assert.Equal(CommandStatus.Replayed, again.Status);
        Assert.Equal(registered.View!.Version, again.View!.Version);

        var complete = new CompleteObligation { Obligation = ObligationKind.ReachScene, Note = "team on site" };
        var done = await grain.Execute(complete, As("scene"));
        var retried = await grain.Execute(complete, As("scene"));

        Assert.Equal(CommandStatus.Accepted, done.Status);
        Assert.Equal(CommandStatus.Replayed, retried.Status);
        Assert.Equal(done.View!.Version, retried.View!.Version);
        Assert.Single(retried.View.Timeline, e => e.Kind == TimelineKind.ObligationCompleted);
    }

    [Fact]
    public async Task A_command_id_reused_for_a_different_command_is_refused()
    {
        var grain = _engine.Incident("inc-reuse");
        await grain.Execute(Minor(_engine.Clock.GetUtcNow()), As());
        await grain.Execute(new CompleteObligation { Obligation = ObligationKind.ReachScene }, As("same"));

        var reused = await grain.Execute(new CompleteObligation { Obligation = ObligationKind.ReleaseInformation }, As("same"));

        Assert.Equal(CommandStatus.CommandIdReused, reused.Status);
        Assert.Equal(ObligationStatus.Pending, reused.View!.Obligations.Single(o => o.Kind == ObligationKind.ReleaseInformation).Status);
    }

    [Fact]
    public async Task Registering_an_existing_id_without_its_command_id_is_refused()
    {
        var grain = _engine.Incident("inc-twice");
        await grain.Execute(Minor(_engine.Clock.GetUtcNow()), As("a"));

        var second = await grain.Execute(Minor(_engine.Clock.GetUtcNow(), region: "Other"), As("b"));

        Assert.Equal(CommandStatus.NotAllowed, second.Status);
        Assert.Equal("Changzhi", second.View!.Region);
    }
}
