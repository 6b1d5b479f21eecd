using Emergency.Contracts;
using Microsoft.Data.Sqlite;
using static Emergency.Grains.Tests.Commands;

namespace Emergency.Grains.Tests;

/// <summary>
/// A restart touches every open case; a case whose next deadline did not change leaves its durable reminder as it is
/// (no write per case per restart), and one whose deadlines moved while the engine was down arms it again.
/// </summary>
public sealed class ReminderRewriteTests : IAsyncLifetime
{
    private EngineCluster _engine = null!;

    public async ValueTask InitializeAsync() => _engine = await EngineCluster.StartAsync();

    public ValueTask DisposeAsync() => _engine.DisposeAsync();

    [Fact]
    public async Task A_restart_leaves_an_unchanged_reminder_alone()
    {
        var registered = await _engine.Incident("inc-keepreminder").Execute(Minor(_engine.Clock.GetUtcNow()), As());
        Assert.Equal(CommandStatus.Accepted, registered.Status);
        var before = await ReminderVersion("inc-keepreminder");
        Assert.NotNull(before);

        await _engine.RestartAsync();
        Assert.Single(await _engine.OpenIncidentsAsync(), s => s.Id == "inc-keepreminder");

        Assert.Equal(before, await ReminderVersion("inc-keepreminder"));
    }

    [Fact]
    public async Task A_deadline_passed_while_down_arms_the_reminder_again_for_the_next_one()
    {
        var registered = await _engine.Incident("inc-movereminder").Execute(Minor(_engine.Clock.GetUtcNow()), As());
        Assert.Equal(CommandStatus.Accepted, registered.Status);
        var before = await ReminderVersion("inc-movereminder");

        // The 2 h reach-scene deadline passes while the engine is down; the next one is the 4 h report.
        await _engine.RestartAsync(() => _engine.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(10)));
        Assert.True(Assert.Single(await _engine.OpenIncidentsAsync(), s => s.Id == "inc-movereminder").Overdue);

        var after = await ReminderVersion("inc-movereminder");
        Assert.NotNull(after);
        Assert.NotEqual(before, after);
    }

    /// <summary>The version of the case's deadline reminder row (each write of the reminder changes it), read from the file.</summary>
    private async Task<long?> ReminderVersion(string id)
    {
        await using var connection = new SqliteConnection($"Data Source={_engine.DatabaseFile};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var query = connection.CreateCommand();
        query.CommandText = "SELECT Version FROM Reminder WHERE ReminderName = 'deadline' AND GrainId LIKE '%' || @id";
        query.Parameters.AddWithValue("@id", id);
        return await query.ExecuteScalarAsync() is long version ? version : null;
    }
}
