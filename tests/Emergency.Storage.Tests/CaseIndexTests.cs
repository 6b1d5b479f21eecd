using Emergency.Storage.GroupCommit;
using Emergency.Storage.Indexing;
using Emergency.Storage.Migrations;
using Emergency.Storage.Tests.Grains;
using Emergency.Storage.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Emergency.Storage.Tests;

/// <summary>The durable case index on a real database: each case's row is written in the same transaction as its state.</summary>
public abstract class CaseIndexTests
{
    private const string Kind = "indexed";

    private static readonly DateTimeOffset At = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private protected abstract Task<TestDatabase> CreateDatabaseAsync();

    private static GrainRowKey Key(string id) => GrainRowKey.Of(Kind, GrainId.Create("probe-direct", id));

    private static PendingWrite Write(string id, string text, int? version, bool open = true, long caseVersion = 1, DateTimeOffset? at = null) =>
        new(Key(id), System.Text.Encoding.UTF8.GetBytes($$"""{"text":"{{text}}"}"""), version,
            new IndexChange(Kind, id, IndexRows.Row(text, open, caseVersion, at ?? At)));

    private static async Task<(GroupCommitDatabase Database, StoredQueries Queries)> DirectAsync(TestDatabase db, string serviceId)
    {
        await new SchemaMigrator().MigrateAsync(db.Options, Ct);
        var database = GroupCommitDatabase.For(db.Options, serviceId);
        await using var connection = await database.OpenAsync(Ct);
        return (database, await StoredQueries.LoadAsync(connection, Ct));
    }

    [Fact]
    public async Task A_write_and_its_index_row_commit_together_and_a_stale_write_changes_neither()
    {
        await using var db = await CreateDatabaseAsync();
        var (database, queries) = await DirectAsync(db, "svc-index");
        Assert.Equal([1], await database.CommitAsync(queries, [Write("c-0", "first", null)], Ct));

        var versions = await database.CommitAsync(queries,
        [
            Write("c-1", "one", null),
            Write("c-0", "stale", 7, caseVersion: 9),
            Write("c-2", "two", null, open: false),
        ], Ct);
        await database.CloseAsync();

        Assert.Equal([1, null, 1], versions);
        await using var index = CaseIndex.For(db.Options, "svc-index");
        var open = await index.ReadAsync(Kind, "live", closedToo: false, Ct);
        Assert.Equal(["c-0:{\"text\":\"first\"}", "c-1:{\"text\":\"one\"}"], open.Select(c => $"{c.CaseId}:{c.Summary}").Order(StringComparer.Ordinal));
        var all = await index.ReadAsync(Kind, "live", closedToo: true, Ct);
        Assert.Equal(["c-0", "c-1", "c-2"], all.Select(c => c.CaseId).Order(StringComparer.Ordinal));
        Assert.False(Assert.Single(all, c => c.CaseId == "c-2").IsOpen);
        Assert.Empty(await index.ReadAsync(Kind, "drill-x", closedToo: true, Ct));
    }

    [Fact]
    public async Task A_failing_index_statement_fails_the_whole_transaction_so_no_state_is_stored_without_its_row()
    {
        await using var db = await CreateDatabaseAsync();
        var (database, queries) = await DirectAsync(db, "svc-index-fail");
        await db.ExecuteAsync("DROP TABLE CaseIndex", Ct);

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => database.CommitAsync(queries, [Write("c-0", "never", null)], Ct));
        await database.CloseAsync();

        Assert.Equal(0, await db.CountAsync($"SELECT COUNT(*) FROM GrainState WHERE StateName = '{Kind}'", Ct));
    }

    [Fact]
    public async Task A_closed_case_keeps_the_moment_it_first_closed_and_an_older_version_never_replaces_a_newer_row()
    {
        await using var db = await CreateDatabaseAsync();
        var (database, queries) = await DirectAsync(db, "svc-index-close");
        await database.CommitAsync(queries, [Write("c-0", "open", null, caseVersion: 1)], Ct);
        await database.CommitAsync(queries, [Write("c-0", "closed", 1, open: false, caseVersion: 2, at: At.AddDays(1))], Ct);
        await database.CommitAsync(queries, [Write("c-0", "closed, noted", 2, open: false, caseVersion: 3, at: At.AddDays(2))], Ct);

        await database.Index.ApplyAsync(new IndexChange(Kind, "c-0", IndexRows.Row("older", open: true, version: 1, At)), Ct);
        await database.CloseAsync();

        Assert.Equal(1, await db.CountAsync($"SELECT COUNT(*) FROM CaseIndex WHERE CaseId = 'c-0' AND CaseVersion = 3 AND ClosedAt IS NOT NULL", Ct));
        var closedAt = await db.ScalarAsync("SELECT ClosedAt FROM CaseIndex WHERE CaseId = 'c-0'", Ct);
        Assert.Equal(At.AddDays(1), closedAt switch
        {
            DateTime t => new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)),
            string text => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture),
            _ => throw new InvalidOperationException($"unexpected {closedAt?.GetType()}"),
        });
    }

    [Fact]
    public async Task The_due_cases_are_those_whose_wake_up_has_passed_earliest_first_and_the_next_is_the_earliest_not_passed()
    {
        await using var db = await CreateDatabaseAsync();
        var (database, queries) = await DirectAsync(db, "svc-index-due");

        // Each row is due an hour after its write (IndexRows.Row): c-0 at 09:00, c-1 at 10:00, ..., c-4 at 13:00.
        await database.CommitAsync(queries, [.. Enumerable.Range(0, 5).Select(i => Write($"c-{i}", $"case {i}", null, at: At.AddHours(i)))], Ct);
        await database.CommitAsync(queries, [Write("c-closed", "closed", null, open: false, at: At)], Ct);

        // A closed case still wakes for the purge of its personal data (here at 11:30).
        await database.CommitAsync(queries, [new PendingWrite(Key("c-purge"), "{}"u8.ToArray(), null,
            new IndexChange(Kind, "c-purge", IndexRows.Row("purge", false, 1, At) with { NextDueAt = At.AddHours(3.5) }))], Ct);
        await database.CommitAsync(queries, [new PendingWrite(Key("c-drill"), "{}"u8.ToArray(), null,
            new IndexChange(Kind, "c-drill", IndexRows.Row("drill", true, 1, At, scope: "drill-x")))], Ct);
        await database.CloseAsync();

        await using var index = CaseIndex.For(db.Options, "svc-index-due");
        var afterNoon = At.AddHours(4).AddMinutes(30);
        Assert.Equal(["c-0", "c-1", "c-2", "c-purge", "c-3"], await index.DueAsync(Kind, "live", afterNoon, Ct));
        Assert.Equal(At.AddHours(5), await index.NextDueAsync(Kind, "live", afterNoon, Ct));

        // A deadline passes after its moment, as the domain marks it: at 11:00 exactly c-2 is not due yet, and is next.
        Assert.Equal(["c-0", "c-1"], await index.DueAsync(Kind, "live", At.AddHours(3), Ct));
        Assert.Equal(At.AddHours(3), await index.NextDueAsync(Kind, "live", At.AddHours(3), Ct));
        Assert.Null(await index.NextDueAsync(Kind, "live", At.AddDays(1), Ct));
        Assert.Equal(["c-drill"], await index.DueAsync(Kind, "drill-x", At.AddDays(1), Ct));
    }

    [Fact]
    public async Task The_overdue_count_is_the_open_cases_marked_overdue_or_with_a_deadline_behind_without_reading_a_summary()
    {
        await using var db = await CreateDatabaseAsync();
        var (database, queries) = await DirectAsync(db, "svc-index-overdue");

        // Open, next deadline at 09:00 and 10:00 (IndexRows.Row: an hour after the write); open and marked overdue with no
        // deadline left; closed though marked overdue when it closed; another scope.
        await database.CommitAsync(queries, [.. Enumerable.Range(0, 2).Select(i => Write($"c-{i}", $"case {i}", null, at: At.AddHours(i)))], Ct);
        await database.CommitAsync(queries, [Change("c-marked", IndexRows.Row("marked", true, 1, At) with { NextDueAt = null, Overdue = true })], Ct);
        await database.CommitAsync(queries, [Change("c-closed", IndexRows.Row("closed", false, 1, At) with { Overdue = true })], Ct);
        await database.CommitAsync(queries, [Change("c-drill", IndexRows.Row("drill", true, 1, At, scope: "drill-x") with { Overdue = true })], Ct);
        await database.CloseAsync();

        await using var index = CaseIndex.For(db.Options, "svc-index-overdue");
        Assert.Equal(1, await index.CountOverdueAsync(Kind, "live", At, Ct));
        Assert.Equal(1, await index.CountOverdueAsync(Kind, "live", At.AddHours(1), Ct));
        Assert.Equal(2, await index.CountOverdueAsync(Kind, "live", At.AddHours(1).AddMilliseconds(1), Ct));
        Assert.Equal(3, await index.CountOverdueAsync(Kind, "live", At.AddHours(3), Ct));
        Assert.Equal(1, await index.CountOverdueAsync(Kind, "drill-x", At, Ct));
    }

    private static PendingWrite Change(string id, CaseIndexRow row) =>
        new(Key(id), "{}"u8.ToArray(), null, new IndexChange(Kind, id, row));

    [Theory]
    [InlineData(CommitMode.Group)]
    [InlineData(CommitMode.PerWrite)]
    public async Task An_acknowledged_write_is_in_the_index_after_the_silo_stops_and_a_cleared_state_leaves_it(CommitMode commit)
    {
        await using var db = await CreateDatabaseAsync();
        db.Options.Commit = commit;
        await using (var silo = await TestSilo.StartAsync(db.Options, "svc-index-silo"))
        {
            await Task.WhenAll(Enumerable.Range(0, 50).Select(i => silo.Grains.GetGrain<IIndexedProbeGrain>($"p-{i}").SetAsync($"case {i}", open: i % 5 != 0)));
            await silo.Grains.GetGrain<IIndexedProbeGrain>("p-1").SetAsync("case 1 again", open: true);
            await silo.Grains.GetGrain<IIndexedProbeGrain>("p-2").ClearAsync();
        }

        await using var index = CaseIndex.For(db.Options, "svc-index-silo");
        var all = await index.ReadAsync(IndexedProbeGrain.StateName, "live", closedToo: true, Ct);
        Assert.Equal(49, all.Count);
        Assert.DoesNotContain(all, c => c.CaseId == "p-2");
        Assert.Equal("{\"text\":\"case 1 again\"}", Assert.Single(all, c => c.CaseId == "p-1").Summary);
        Assert.Equal(39, (await index.ReadAsync(IndexedProbeGrain.StateName, "live", closedToo: false, Ct)).Count);
    }

    [Fact]
    public async Task The_migration_marks_a_service_whose_cases_were_stored_before_the_index_and_lists_them_as_unindexed()
    {
        await using var db = await CreateDatabaseAsync();
        var first = new SchemaMigrator(NullLogger.Instance, provider => [.. EmbeddedSchemaScripts.For(provider).Take(1)]);
        await first.MigrateAsync(db.Options, Ct);
        var hasKey = db.Provider == StorageProvider.Sqlite ? "1" : "true";
        await db.ExecuteAsync(
            $"""
            INSERT INTO GrainState (ServiceId, StateName, KeyN0, KeyN1, KeyExtension, HasKeyExtension, PayloadBinary, Version, ModifiedUtc)
            VALUES ('svc-old', 'incident', 0, 0, 'inc-old1', {hasKey}, {Payload(db)}, 3, CURRENT_TIMESTAMP),
                   ('svc-old', 'dispute', 0, 0, 'pet-old1', {hasKey}, {Payload(db)}, 1, CURRENT_TIMESTAMP),
                   ('svc-old', 'incidentDirectory', 0, 0, 'live/03', {hasKey}, {Payload(db)}, 1, CURRENT_TIMESTAMP),
                   ('svc-other', 'probe', 0, 0, 'p-1', {hasKey}, {Payload(db)}, 1, CURRENT_TIMESTAMP)
            """, Ct);

        await new SchemaMigrator().MigrateAsync(db.Options, Ct);

        await using var old = CaseIndex.For(db.Options, "svc-old");
        Assert.True(await old.BackfillPendingAsync(Ct));
        var unindexed = await old.UnindexedAsync(["incident", "dispute", "decision"], Ct);
        Assert.Equal(["dispute/pet-old1", "incident/inc-old1"], unindexed.Select(c => $"{c.Kind}/{c.CaseId}").Order(StringComparer.Ordinal));
        await old.BackfillDoneAsync(Ct);
        Assert.False(await old.BackfillPendingAsync(Ct));

        await using var other = CaseIndex.For(db.Options, "svc-other");
        Assert.False(await other.BackfillPendingAsync(Ct));
    }

    private static string Payload(TestDatabase db) => db.Provider == StorageProvider.Sqlite ? "X'7B7D'" : "'\\x7b7d'::bytea";
}

public sealed class SqliteCaseIndexTests : CaseIndexTests
{
    private protected override async Task<TestDatabase> CreateDatabaseAsync() => GroupCommitDatabases.Group(await SqliteTestDatabase.CreateAsync());
}

public sealed class PostgreSqlCaseIndexTests : CaseIndexTests
{
    private protected override async Task<TestDatabase> CreateDatabaseAsync() => GroupCommitDatabases.Group(await PostgresTestDatabase.CreateAsync());
}
