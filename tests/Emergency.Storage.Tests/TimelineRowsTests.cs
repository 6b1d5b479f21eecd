using System.Text;
using Emergency.Storage.GroupCommit;
using Emergency.Storage.Indexing;
using Emergency.Storage.Tests.Grains;
using Emergency.Storage.Tests.Infrastructure;
using Emergency.Storage.Timelines;

namespace Emergency.Storage.Tests;

/// <summary>
/// Timelines stored as rows on a real database: a write appends only the entries it added, in the same transaction as
/// the state, so neither the state's row nor the write grows with the history; a state stored with its timeline in its
/// JSON is still read, and moves it to rows at its next write.
/// </summary>
public abstract class TimelineRowsTests
{
    private const string Kind = TimelineProbeGrain.StateName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private protected abstract Task<TestDatabase> CreateDatabaseAsync();

    [Theory]
    [InlineData(CommitMode.Group)]
    [InlineData(CommitMode.PerWrite)]
    public async Task A_write_after_ten_thousand_entries_stores_only_its_own_row_and_the_state_does_not_grow(CommitMode commit)
    {
        await using var db = await CreateDatabaseAsync();
        db.Options.Commit = commit;
        long small;
        await using (var silo = await TestSilo.StartAsync(db.Options, "svc-timeline"))
        {
            var probe = silo.Grains.GetGrain<ITimelineProbeGrain>("t-1");
            await probe.AddAsync(1, "first");
            small = await PayloadLength(db, "t-1");
            await probe.AddAsync(9_999, "history");
            Assert.Equal(10_000, await Rows(db, "t-1"));

            // A mark no write of the engine makes: the next write would undo it only by rewriting the old rows.
            await db.ExecuteAsync($"UPDATE CaseTimeline SET Entry = '{{\"seq\":1,\"text\":\"untouched\"}}' WHERE CaseId = 't-1' AND Seq = 1", Ct);
            await probe.AddAsync(1, "latest");
        }

        Assert.Equal(10_001, await Rows(db, "t-1"));
        Assert.Equal(1, await db.CountAsync("SELECT COUNT(*) FROM CaseTimeline WHERE CaseId = 't-1' AND Seq = 1 AND Entry LIKE '%untouched%'", Ct));

        // The state's row holds the count of rows, not the entries: only the count's digits differ.
        Assert.Equal(small + "10001".Length - "1".Length, await PayloadLength(db, "t-1"));

        await using (var silo = await TestSilo.StartAsync(db.Options, "svc-timeline"))
        {
            Assert.Equal(new TimelineSnapshot(10_001, "untouched", "latest"), await silo.Grains.GetGrain<ITimelineProbeGrain>("t-1").GetAsync());
        }
    }

    [Theory]
    [InlineData(CommitMode.Group)]
    [InlineData(CommitMode.PerWrite)]
    public async Task A_state_stored_with_its_timeline_in_its_json_is_read_as_it_is_and_moves_it_to_rows_at_its_next_write(CommitMode commit)
    {
        await using var db = await CreateDatabaseAsync();
        db.Options.Commit = commit;
        await new SchemaMigrator().MigrateAsync(db.Options, Ct);
        var hasKey = db.Provider == StorageProvider.Sqlite ? "1" : "true";
        await db.ExecuteAsync(
            $"""
            INSERT INTO GrainState (ServiceId, StateName, KeyN0, KeyN1, KeyExtension, HasKeyExtension, PayloadBinary, Version, ModifiedUtc)
            VALUES ('svc-old', '{Kind}', 0, 0, 't-old', {hasKey}, {Payload(db, """{"title":"old","timeline":[{"seq":1,"text":"a"},{"seq":2,"text":"b"}]}""")}, 1, CURRENT_TIMESTAMP)
            """, Ct);

        await using (var silo = await TestSilo.StartAsync(db.Options, "svc-old"))
        {
            var probe = silo.Grains.GetGrain<ITimelineProbeGrain>("t-old");
            Assert.Equal(new TimelineSnapshot(2, "a", "b"), await probe.GetAsync());
            Assert.Equal(0, await Rows(db, "t-old"));

            await probe.AddAsync(1, "c");
        }

        Assert.Equal(3, await Rows(db, "t-old"));
        var payload = await PayloadText(db, "t-old");
        Assert.DoesNotContain("\"timeline\":", payload, StringComparison.Ordinal);
        Assert.Contains("\"timelineRows\":3", payload, StringComparison.Ordinal);
        await using (var silo = await TestSilo.StartAsync(db.Options, "svc-old"))
        {
            Assert.Equal(new TimelineSnapshot(3, "a", "c"), await silo.Grains.GetGrain<ITimelineProbeGrain>("t-old").GetAsync());
        }
    }

    [Theory]
    [InlineData(CommitMode.Group)]
    [InlineData(CommitMode.PerWrite)]
    public async Task A_rewrite_replaces_the_stored_entries_and_a_cleared_state_leaves_no_rows(CommitMode commit)
    {
        await using var db = await CreateDatabaseAsync();
        db.Options.Commit = commit;
        await using (var silo = await TestSilo.StartAsync(db.Options, "svc-rewrite"))
        {
            var probe = silo.Grains.GetGrain<ITimelineProbeGrain>("t-2");
            await probe.AddAsync(3, "said");
            await probe.RewriteAsync("erased");
            await silo.Grains.GetGrain<ITimelineProbeGrain>("t-3").AddAsync(2, "kept");
        }

        await using (var silo = await TestSilo.StartAsync(db.Options, "svc-rewrite"))
        {
            var probe = silo.Grains.GetGrain<ITimelineProbeGrain>("t-2");
            Assert.Equal(new TimelineSnapshot(3, "erased", "erased"), await probe.GetAsync());
            await probe.ClearAsync();
            Assert.Equal(new TimelineSnapshot(0, null, null), await probe.GetAsync());
        }

        Assert.Equal(0, await Rows(db, "t-2"));
        Assert.Equal(2, await Rows(db, "t-3"));
    }

    [Fact]
    public async Task A_write_whose_version_check_fails_adds_no_rows_and_one_with_an_index_row_writes_both()
    {
        await using var db = GroupCommitDatabases.Group(await CreateDatabaseAsync());
        await new SchemaMigrator().MigrateAsync(db.Options, Ct);
        var database = GroupCommitDatabase.For(db.Options, "svc-stale");
        StoredQueries queries;
        await using (var connection = await database.OpenAsync(Ct))
        {
            queries = await StoredQueries.LoadAsync(connection, Ct);
        }

        var key = GrainRowKey.Of(Kind, GrainId.Create("probe-direct", "t-4"));
        PendingWrite Write(int? version, int firstSeq, params string[] entries) =>
            new(key, "{}"u8.ToArray(), version, new IndexChange(Kind, "t-4", IndexRows.Row($"at {firstSeq}", open: true, firstSeq, IndexedProbeGrain.Opened)),
                new TimelineChange(Kind, "t-4", firstSeq, [.. entries.Select(e => $$"""{"seq":0,"text":"{{e}}"}""")]));

        Assert.Equal([1], await database.CommitAsync(queries, [Write(null, 1, "one", "two")], Ct));
        Assert.Equal([null], await database.CommitAsync(queries, [Write(7, 3, "stale")], Ct));
        Assert.Equal([2], await database.CommitAsync(queries, [Write(1, 3, "three")], Ct));
        await database.CloseAsync();

        // The index row came with each write that committed, none with the stale one.
        Assert.Equal(1, await db.CountAsync($"SELECT COUNT(*) FROM CaseIndex WHERE Kind = '{Kind}' AND CaseId = 't-4' AND CaseVersion = 3", Ct));

        await using var store = TimelineStore.For(db.Options, "svc-stale");
        var rows = await store.ReadAsync(Kind, "t-4", 10, Ct);
        Assert.Equal(["one", "two", "three"], rows.Select(r => r[(r.IndexOf("text", StringComparison.Ordinal) + 7)..^2]));
        Assert.Equal(2, (await store.ReadAsync(Kind, "t-4", 2, Ct)).Count);
    }

    private static Task<long> Rows(TestDatabase db, string caseId) =>
        db.CountAsync($"SELECT COUNT(*) FROM CaseTimeline WHERE Kind = '{Kind}' AND CaseId = '{caseId}'", Ct);

    private static async Task<long> PayloadLength(TestDatabase db, string caseId) => (await PayloadBytes(db, caseId)).Length;

    private static async Task<string> PayloadText(TestDatabase db, string caseId) => Encoding.UTF8.GetString(await PayloadBytes(db, caseId));

    private static async Task<byte[]> PayloadBytes(TestDatabase db, string caseId) =>
        (byte[])(await db.ScalarAsync($"SELECT PayloadBinary FROM GrainState WHERE StateName = '{Kind}' AND KeyExtension = '{caseId}'", Ct))!;

    private static string Payload(TestDatabase db, string json)
    {
        var hex = Convert.ToHexString(Encoding.UTF8.GetBytes(json));
        return db.Provider == StorageProvider.Sqlite ? $"X'{hex}'" : $"'\\x{hex}'::bytea";
    }
}

public sealed class SqliteTimelineRowsTests : TimelineRowsTests
{
    private protected override async Task<TestDatabase> CreateDatabaseAsync() => await SqliteTestDatabase.CreateAsync();
}

public sealed class PostgreSqlTimelineRowsTests : TimelineRowsTests
{
    private protected override async Task<TestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync();
}
