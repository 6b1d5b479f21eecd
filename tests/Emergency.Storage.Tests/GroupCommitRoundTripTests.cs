using Emergency.Storage.GroupCommit;
using Emergency.Storage.Tests.Infrastructure;
using Npgsql;

namespace Emergency.Storage.Tests;

/// <summary>
/// PostgreSQL's group commit sends a batch without an explicit transaction (the server commits it at the batch's end,
/// in the same round trip) on a connection its committer keeps: what must still hold.
/// </summary>
public sealed class GroupCommitRoundTripTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static GrainRowKey Key(string key) => GrainRowKey.Of("roundtrip", GrainId.Create("probe-direct", key));

    private static byte[] Json(string text) => System.Text.Encoding.UTF8.GetBytes($$"""{"text":"{{text}}"}""");

    private static async Task<(GroupCommitDatabase Database, StoredQueries Queries)> DirectAsync(TestDatabase db)
    {
        await new SchemaMigrator().MigrateAsync(db.Options, Ct);
        var database = GroupCommitDatabase.For(db.Options, "svc-roundtrip");
        await using var connection = await database.OpenAsync(Ct);
        return (database, await StoredQueries.LoadAsync(connection, Ct));
    }

    private static Task<long> RowsAsync(TestDatabase db, string filter = "TRUE") =>
        db.CountAsync($"SELECT COUNT(*) FROM GrainState WHERE StateName = 'roundtrip' AND {filter}", Ct);

    [Fact]
    public async Task An_error_raised_at_commit_fails_the_whole_batch_and_stores_none_of_it()
    {
        await using var db = GroupCommitDatabases.Group(await PostgresTestDatabase.CreateAsync());
        var (database, queries) = await DirectAsync(db);

        // Checked only when the transaction commits, after every statement of the batch has answered.
        await db.ExecuteAsync("""
            CREATE FUNCTION refuse_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.KeyExtension = 'refused-at-commit' THEN
                    RAISE EXCEPTION 'refused at commit';
                END IF;
                RETURN NULL;
            END $$;
            CREATE CONSTRAINT TRIGGER refuse_at_commit AFTER INSERT OR UPDATE ON GrainState
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_at_commit();
            """, Ct);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => database.CommitAsync(queries,
        [
            new PendingWrite(Key("first"), Json("before"), null),
            new PendingWrite(Key("refused-at-commit"), Json("refused"), null),
            new PendingWrite(Key("last"), Json("after"), null),
        ], Ct));
        Assert.Contains("refused at commit", refused.MessageText, StringComparison.Ordinal);
        Assert.Equal(0, await RowsAsync(db));

        // The failed connection is not used again: the next batch commits, each row once.
        Assert.Equal([1, 1], await database.CommitAsync(queries,
        [
            new PendingWrite(Key("first"), Json("again"), null),
            new PendingWrite(Key("last"), Json("again"), null),
        ], Ct));
        Assert.Equal([2], await database.CommitAsync(queries, [new PendingWrite(Key("first"), Json("third"), 1)], Ct));
        await database.CloseAsync();
        Assert.Equal(1, await RowsAsync(db, "KeyExtension = 'first' AND Version = 2"));
        Assert.Equal(1, await RowsAsync(db, "KeyExtension = 'last' AND Version = 1"));
    }

    [Fact]
    public async Task A_kept_connection_the_server_ended_fails_at_most_one_batch_and_the_next_commits()
    {
        await using var db = GroupCommitDatabases.Group(await PostgresTestDatabase.CreateAsync());
        var (database, queries) = await DirectAsync(db);
        Assert.Equal([1], await database.CommitAsync(queries, [new PendingWrite(Key("k-0"), Json("first"), null)], Ct));

        // Every other session on the test database, the committer's kept connection among them.
        await db.ExecuteAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", Ct);
        NpgsqlConnection.ClearAllPools(); // the test's own idle connections were ended too

        var firstAfter = true;
        try
        {
            await database.CommitAsync(queries, [new PendingWrite(Key("k-1"), Json("on the ended connection"), null)], Ct);
        }
        catch (NpgsqlException)
        {
            firstAfter = false;
        }

        Assert.Equal(firstAfter ? 1 : 0, await RowsAsync(db, "KeyExtension = 'k-1'"));
        Assert.Equal([2, firstAfter ? 2 : 1], await database.CommitAsync(queries,
        [
            new PendingWrite(Key("k-0"), Json("second"), 1),
            new PendingWrite(Key("k-1"), Json("again"), firstAfter ? 1 : null),
        ], Ct));
        await database.CloseAsync();
        Assert.Equal(2, await RowsAsync(db));
    }

    [Fact]
    public async Task A_batch_with_a_clear_commits_its_writes_and_the_clear_together_and_a_stale_write_in_it_fails_alone()
    {
        await using var db = GroupCommitDatabases.Group(await PostgresTestDatabase.CreateAsync());
        var (database, queries) = await DirectAsync(db);
        Assert.Equal([1, 1], await database.CommitAsync(queries,
        [
            new PendingWrite(Key("c-0"), Json("to clear"), null),
            new PendingWrite(Key("c-1"), Json("kept"), null),
        ], Ct));

        // The explicit transaction's path (a clear), on the connection the batch before it used and kept.
        Assert.Equal([2, null, 1], await database.CommitAsync(queries,
        [
            new PendingWrite(Key("c-0"), payload: null, expectedVersion: 1),
            new PendingWrite(Key("c-1"), Json("stale"), 7),
            new PendingWrite(Key("c-2"), Json("new"), null),
        ], Ct));

        // And the one round trip's path again after it.
        Assert.Equal([2], await database.CommitAsync(queries, [new PendingWrite(Key("c-1"), Json("updated"), 1)], Ct));
        await database.CloseAsync();
        Assert.Equal(1, await RowsAsync(db, "KeyExtension = 'c-0' AND PayloadBinary IS NULL AND Version = 2"));
        Assert.Equal(1, await RowsAsync(db, "KeyExtension = 'c-1' AND Version = 2"));
        Assert.Equal(1, await RowsAsync(db, "KeyExtension = 'c-2' AND Version = 1"));
    }
}
