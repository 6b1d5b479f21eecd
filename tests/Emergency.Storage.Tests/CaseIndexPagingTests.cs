using Emergency.Storage.GroupCommit;
using Emergency.Storage.Indexing;
using Emergency.Storage.Migrations;
using Emergency.Storage.Tests.Grains;
using Emergency.Storage.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Emergency.Storage.Tests;

/// <summary>
/// The lists of open cases read a page at a time from the case index, on a real database: by the earliest open
/// deadline (overdue first), the cases without one last, then by id compared byte by byte, after a position.
/// </summary>
public abstract class CaseIndexPagingTests
{
    private const string Kind = "listed";

    private static readonly DateTimeOffset At = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private protected abstract Task<TestDatabase> CreateDatabaseAsync();

    private static readonly IReadOnlyList<string?> NoLanes = [null];

    private static PendingWrite Listed(string id, DateTimeOffset? dueAt, bool open = true, string scope = "live", string? lane = null) =>
        new(GrainRowKey.Of(Kind, GrainId.Create("probe-list", id)), "{}"u8.ToArray(), null,
            new IndexChange(Kind, id, IndexRows.Row(id, open, 1, At, scope) with { ListDueAt = dueAt, Level = lane }));

    [Fact]
    public async Task Pages_after_a_position_list_every_open_case_once_in_deadline_order_those_without_one_last_ids_byte_by_byte()
    {
        await using var db = await CreateDatabaseAsync();
        await using var index = await WriteAsync(db, "svc-list-order",
        [
            Listed("c-late", At.AddHours(5)), Listed("c-B", At.AddHours(1)), Listed("c-a", At.AddHours(1)), Listed("c-early", At.AddMinutes(-30)),
            Listed("c-none-b", null), Listed("c-none-A", null), Listed("c-closed", At, open: false), Listed("c-drill", At, scope: "drill-x"),
            Listed("c-micro", At.AddHours(1).AddTicks(10)),
        ]);

        // "c-B" before "c-a": uppercase letters come first byte by byte, whatever the database's collation says.
        string[] order = ["c-early", "c-B", "c-a", "c-micro", "c-late", "c-none-A", "c-none-b"];
        foreach (var size in new[] { 1, 2, 3, 7, 50 })
        {
            Assert.Equal(order, await ReadAllAsync(index, "live", overdue: null, At, size));
        }

        Assert.Equal(["c-drill"], await ReadAllAsync(index, "drill-x", overdue: null, At, 5));
    }

    [Fact]
    public async Task With_lanes_the_overdue_come_first_lane_by_lane_then_each_lane_by_deadline_its_cases_without_one_last()
    {
        await using var db = await CreateDatabaseAsync();
        await using var index = await WriteAsync(db, "svc-list-lanes",
        [
            Listed("i4-late", At.AddHours(3), lane: "IV"), Listed("i4-over", At.AddHours(-1), lane: "IV"), Listed("i4-none", null, lane: "IV"),
            Listed("i2-soon", At.AddHours(1), lane: "II"), Listed("i2-over", At.AddHours(-2), lane: "II"), Listed("i2-none", null, lane: "II"),
            Listed("i1-late", At.AddHours(9), lane: "I"),
        ]);

        IReadOnlyList<string?> levels = ["I", "II", "III", "IV"];
        string[] order = ["i2-over", "i4-over", "i1-late", "i2-soon", "i2-none", "i4-late", "i4-none"];
        foreach (var size in new[] { 1, 2, 3, 10 })
        {
            Assert.Equal(order, await ReadAllAsync(index, "live", overdue: null, At, size, levels));
        }

        Assert.Equal(["i4-over", "i4-late", "i4-none"], await ReadAllAsync(index, "live", overdue: null, At, 1, ["IV"]));
        Assert.Equal(["i2-over", "i4-over"], await ReadAllAsync(index, "live", overdue: true, At, 1, levels));
        Assert.Equal(["i1-late", "i2-soon", "i2-none", "i4-late", "i4-none"], await ReadAllAsync(index, "live", overdue: false, At, 2, levels));

        // A page goes on in the part its place was read in, though time has moved: i2-soon fell due between the pages.
        var first = await index.PageAsync(Kind, "live", levels, null, null, At, 3, Ct);
        Assert.Equal(["i2-over", "i4-over", "i1-late"], first.Select(c => c.Place.CaseId));
        var second = await index.PageAsync(Kind, "live", levels, first[^1].Place, null, At.AddHours(2), 10, Ct);
        Assert.Equal(["i2-none", "i4-late", "i4-none"], second.Select(c => c.Place.CaseId));
    }

    [Fact]
    public async Task Overdue_is_a_deadline_behind_the_moment_asked_and_a_deadline_at_that_moment_is_not_yet()
    {
        await using var db = await CreateDatabaseAsync();
        await using var index = await WriteAsync(db, "svc-list-overdue",
            [Listed("c-0", At), Listed("c-1", At.AddHours(1)), Listed("c-2", At.AddHours(2)), Listed("c-none", null)]);

        var now = At.AddHours(1);
        Assert.Equal(["c-0"], await ReadAllAsync(index, "live", overdue: true, now, 1));
        Assert.Equal(["c-1", "c-2", "c-none"], await ReadAllAsync(index, "live", overdue: false, now, 1));
        Assert.Equal(["c-0", "c-1"], await ReadAllAsync(index, "live", overdue: true, now.AddTicks(10), 2));
        Assert.Empty(await ReadAllAsync(index, "live", overdue: true, At, 3));
    }

    [Fact]
    public async Task A_history_is_read_in_ranges_by_id_open_and_closed_cases_alike_and_no_other_scope()
    {
        await using var db = await CreateDatabaseAsync();
        await using var index = await WriteAsync(db, "svc-list-history",
        [
            Listed("h-b", At), Listed("h-A", null, open: false), Listed("h-c", At.AddHours(1), open: false), Listed("h-a", null),
            Listed("h-drill", At, scope: "drill-x"),
        ]);

        var read = new List<string>();
        string? after = null;
        for (var calls = 1; ; calls++)
        {
            var range = await index.HistoryAsync(Kind, "live", after, 2, Ct);
            read.AddRange(range.Select(c => c.Place.CaseId));
            if (range.Count < 2)
            {
                Assert.Equal(3, calls);
                break;
            }

            after = range[^1].Place.CaseId;
        }

        // In the primary key's order, which is the database's collation (byte by byte here, not necessarily elsewhere):
        // each case once, whichever it is.
        Assert.Equal(["h-A", "h-a", "h-b", "h-c"], read.Order(StringComparer.Ordinal));
        Assert.Equal(read.Count, read.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(["h-drill"], (await index.HistoryAsync(Kind, "drill-x", null, 10, Ct)).Select(c => c.Place.CaseId));
    }

    [Fact]
    public async Task Rows_written_before_the_list_order_take_their_deadline_from_their_summary()
    {
        await using var db = await CreateDatabaseAsync();
        var before = SchemaMigrator.LatestVersion(db.Provider) - 1;
        await new SchemaMigrator(NullLogger.Instance, provider => [.. EmbeddedSchemaScripts.For(provider).Take(before)]).MigrateAsync(db.Options, Ct);
        var open = db.Provider == StorageProvider.Sqlite ? "1" : "true";
        var opened = db.Provider == StorageProvider.Sqlite ? "'2026-03-01T08:00:00.0000000Z'" : "'2026-03-01T08:00:00Z'::timestamptz";
        await db.ExecuteAsync(
            $$"""
            INSERT INTO CaseIndex (ServiceId, Kind, CaseId, Scope, IsOpen, OpenedAt, CaseVersion, Summary)
            VALUES ('svc-list-old', '{{Kind}}', 'c-old-late', 'live', {{open}}, {{opened}}, 1, '{"id":"c-old-late","nextDueAt":"2026-03-01T20:00:00.25+08:00"}'),
                   ('svc-list-old', '{{Kind}}', 'c-old-early', 'live', {{open}}, {{opened}}, 1, '{"id":"c-old-early","nextDueAt":"2026-03-01T10:30:00+00:00"}'),
                   ('svc-list-old', '{{Kind}}', 'c-old-none', 'live', {{open}}, {{opened}}, 1, '{"id":"c-old-none","nextDueAt":null}')
            """, Ct);

        await new SchemaMigrator().MigrateAsync(db.Options, Ct);

        await using var index = CaseIndex.For(db.Options, "svc-list-old");
        var page = await index.PageAsync(Kind, "live", NoLanes, null, null, At, 10, Ct);
        Assert.Equal(["c-old-early", "c-old-late", "c-old-none"], page.Select(c => c.Place.CaseId));
        Assert.Equal([At.AddHours(2.5), At.AddHours(4).AddMilliseconds(250), null], page.Select(c => c.Place.DueAt));
        Assert.Equal(["c-old-late"], (await index.PageAsync(Kind, "live", NoLanes, null, true, At.AddHours(5), 10, Ct)).Skip(1).Select(c => c.Place.CaseId));
    }

    private static async Task<CaseIndex> WriteAsync(TestDatabase db, string serviceId, IReadOnlyList<PendingWrite> writes)
    {
        await new SchemaMigrator().MigrateAsync(db.Options, Ct);
        var database = GroupCommitDatabase.For(db.Options, serviceId);
        await using (var connection = await database.OpenAsync(Ct))
        {
            var queries = await StoredQueries.LoadAsync(connection, Ct);
            await database.CommitAsync(queries, writes, Ct);
        }

        await database.CloseAsync();
        return CaseIndex.For(db.Options, serviceId);
    }

    /// <summary>Every page of a list, each read after the last case of the one before, until a page comes back short.</summary>
    private static async Task<List<string>> ReadAllAsync(CaseIndex index, string scope, bool? overdue, DateTimeOffset now, int size, IReadOnlyList<string?>? lanes = null)
    {
        var all = new List<string>();
        ListPlace? after = null;
        while (true)
        {
            var page = await index.PageAsync(Kind, scope, lanes ?? NoLanes, after, overdue, now, size, Ct);
            all.AddRange(page.Select(c => c.Place.CaseId));
            if (page.Count < size)
            {
                return all;
            }

            after = page[^1].Place;
        }
    }
}

public sealed class SqliteCaseIndexPagingTests : CaseIndexPagingTests
{
    private protected override async Task<TestDatabase> CreateDatabaseAsync() => GroupCommitDatabases.Group(await SqliteTestDatabase.CreateAsync());
}

public sealed class PostgreSqlCaseIndexPagingTests : CaseIndexPagingTests
{
    private protected override async Task<TestDatabase> CreateDatabaseAsync() => GroupCommitDatabases.Group(await PostgresTestDatabase.CreateAsync());
}
