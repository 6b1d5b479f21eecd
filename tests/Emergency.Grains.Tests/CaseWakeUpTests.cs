using System.Text.Json;
using Emergency.Contracts;
using Emergency.Domain.Incidents;
using Emergency.Testing;
using Emergency.Storage.GroupCommit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using static Emergency.Grains.Tests.Commands;

namespace Emergency.Grains.Tests;

/// <summary>
/// A case keeps no durable reminder of its own: the index row written with its state is its wake-up, and its kind's
/// directory wakes it from there, also when its activation is gone before its deadline.
/// </summary>
public sealed class CaseWakeUpTests : IAsyncLifetime
{
    /// <summary>A deadline has passed once its moment is behind: the clock is moved just past it.</summary>
    private static readonly TimeSpan Passed = TimeSpan.FromMilliseconds(1);

    private EngineCluster _engine = null!;

    public async ValueTask InitializeAsync() => _engine = await EngineCluster.StartAsync();

    public ValueTask DisposeAsync() => _engine.DisposeAsync();

    [Fact]
    public async Task A_case_registers_no_reminder_and_a_deadline_passed_while_down_writes_none()
    {
        var registered = await _engine.Incident("inc-noreminder").Execute(Minor(_engine.Clock.GetUtcNow()), As());
        Assert.Equal(CommandStatus.Accepted, registered.Status);
        Assert.Equal(0L, await RemindersOf("inc-noreminder"));

        // The 2 h reach-scene deadline passes while the engine is down: the start marks it, and arms no reminder for the next.
        await _engine.RestartAsync(() => _engine.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(10)));
        Assert.True(Assert.Single(await _engine.OpenIncidentsAsync(), s => s.Id == "inc-noreminder").Overdue);
        Assert.Equal(0L, await RemindersOf("inc-noreminder"));
    }

    [Fact]
    public async Task A_case_deactivated_before_its_deadline_is_woken_at_it_by_its_directory()
    {
        var view = (await _engine.Incident("inc-idle").Execute(Minor(_engine.Clock.GetUtcNow()), As())).View!;
        var due = view.Obligations.Where(o => o.CompletedAt is null).Min(o => o.DueAt);

        // Nothing asks for the case or lists it (a directory activated for a list would sweep): its directory, told of
        // the deadline when the case wrote it, wakes it on the engine clock. The probe reads the index row from the file.
        await _engine.Incident("inc-idle").Cast<IGrainManagementExtension>().DeactivateOnIdle(TestContext.Current.CancellationToken);
        await Eventually.Until(ActiveIncidentsAsync, active => active == 0, "the incident to be deactivated");
        Assert.False(await MarkedOverdueInIndex("inc-idle"));
        _engine.Clock.SetUtcNow(due + Passed);
        await Eventually.Until(() => MarkedOverdueInIndex("inc-idle"), overdue => overdue, $"inc-idle to be woken at {due:O}", TimeSpan.FromSeconds(20));

        var marked = (await _engine.Incident("inc-idle").GetView())!.Timeline.Where(e => e.Kind == TimelineKind.ObligationOverdue && e.At == due).ToList();
        Assert.NotEmpty(marked);
        Assert.All(marked, e => Assert.Equal(due + Passed, e.RecordedAt));
    }

    [Fact]
    public async Task A_new_case_leaves_memory_once_registered_and_its_next_command_and_deadline_still_find_it()
    {
        var view = (await _engine.Incident("inc-new").Execute(Minor(_engine.Clock.GetUtcNow()), As())).View!;
        var due = view.Obligations.Where(o => o.CompletedAt is null).Min(o => o.DueAt);

        // Nothing deactivates it here: the registration itself leaves memory once answered (Cases:IdleAfter is minutes).
        await Eventually.Until(ActiveIncidentsAsync, active => active == 0, "the new incident to leave memory");

        var updated = await _engine.Incident("inc-new").Execute(new UpdateFacts { Facts = FactsPatch.Empty.With("evacuated", 12) }, As());
        Assert.Equal(CommandStatus.Accepted, updated.Status);
        Assert.Equal(view.Version + 1, updated.View!.Version);
        Assert.Equal(12, updated.View.Facts.Evacuated);

        // Put away again, it is still woken at its deadline by its directory.
        await _engine.Incident("inc-new").Cast<IGrainManagementExtension>().DeactivateOnIdle(TestContext.Current.CancellationToken);
        await Eventually.Until(ActiveIncidentsAsync, active => active == 0, "the updated incident to be deactivated");
        _engine.Clock.SetUtcNow(due + Passed);
        await Eventually.Until(() => MarkedOverdueInIndex("inc-new"), overdue => overdue, $"inc-new to be woken at {due:O}", TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_retried_registration_taken_for_new_after_its_case_left_memory_is_answered_as_the_retry()
    {
        // As the API does with an idempotency key's id: taken for new, so the activation reads nothing.
        var fresh = _engine.SiloServices.GetRequiredService<FreshKeys>();
        var report = Minor(_engine.Clock.GetUtcNow());
        fresh.Add("inc-retried");
        var first = await _engine.Incident("inc-retried").Execute(report, As("register-once"));
        Assert.Equal(CommandStatus.Accepted, first.Status);
        await Eventually.Until(ActiveIncidentsAsync, active => active == 0, "the new incident to leave memory");

        fresh.Add("inc-retried");
        var retry = await _engine.Incident("inc-retried").Execute(report, As("register-once"));
        var other = await _engine.Incident("inc-retried").Execute(report with { Title = "Another spill" }, As("register-other"));

        Assert.False(fresh.Claim("inc-retried"));
        Assert.Equal(CommandStatus.Replayed, retry.Status);
        Assert.Equal(first.View!.Version, retry.View!.Version);
        Assert.Equal(first.View.Title, retry.View.Title);
        Assert.Equal(CommandStatus.NotAllowed, other.Status);
        Assert.Equal(1L, _engine.Scalar("SELECT COUNT(*) FROM CaseIndex WHERE CaseId = 'inc-retried'"));
    }

    private async Task<int> ActiveIncidentsAsync()
    {
        var statistics = await _engine.Client.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics.Where(s => s.GrainType.StartsWith("Emergency.Grains.Incidents.IncidentGrain,", StringComparison.Ordinal)).Sum(s => s.ActivationCount);
    }

    /// <summary>Whether the case's row in the index says it is overdue, read from the engine's file without activating anything.</summary>
    private async Task<bool> MarkedOverdueInIndex(string id)
    {
        await using var connection = new SqliteConnection($"Data Source={_engine.DatabaseFile};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var query = connection.CreateCommand();
        query.CommandText = "SELECT Summary FROM CaseIndex WHERE CaseId = @id";
        query.Parameters.AddWithValue("@id", id);
        var summary = (string)(await query.ExecuteScalarAsync())!;
        return JsonDocument.Parse(summary).RootElement.GetProperty("overdue").GetBoolean();
    }

    /// <summary>The reminder rows stored for the case's grain, read from the engine's file.</summary>
    private async Task<long> RemindersOf(string id)
    {
        await using var connection = new SqliteConnection($"Data Source={_engine.DatabaseFile};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var query = connection.CreateCommand();
        query.CommandText = "SELECT COUNT(*) FROM Reminder WHERE GrainId LIKE '%' || @id";
        query.Parameters.AddWithValue("@id", id);
        return (long)(await query.ExecuteScalarAsync())!;
    }
}
