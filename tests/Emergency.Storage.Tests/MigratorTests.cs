using Emergency.Storage.Migrations;
using Emergency.Storage.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Emergency.Storage.Tests;

public abstract class MigratorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private protected abstract Task<TestDatabase> CreateDatabaseAsync();

    [Fact]
    public async Task Fresh_database_is_migrated_to_the_latest_version_with_every_query()
    {
        await using var db = await CreateDatabaseAsync();

        var version = await new SchemaMigrator().MigrateAsync(db.Options, Ct);

        Assert.Equal(SchemaMigrator.LatestVersion(db.Provider), version);
        Assert.Equal(version, await db.CountAsync("SELECT COUNT(*) FROM SchemaVersion", Ct));
        var keys = await ReadQueryKeysAsync(db);
        Assert.Equal(QueryKeys.For(db.Provider).Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Second_run_is_a_no_op()
    {
        await using var db = await CreateDatabaseAsync();
        var migrator = new SchemaMigrator();
        await migrator.MigrateAsync(db.Options, Ct);
        var appliedBefore = Convert.ToString(await db.ScalarAsync("SELECT MAX(AppliedUtc) FROM SchemaVersion", Ct));

        var version = await migrator.MigrateAsync(db.Options, Ct);

        Assert.Equal(SchemaMigrator.LatestVersion(db.Provider), version);
        Assert.Equal(version, await db.CountAsync("SELECT COUNT(*) FROM SchemaVersion", Ct));
        Assert.Equal(appliedBefore, Convert.ToString(await db.ScalarAsync("SELECT MAX(AppliedUtc) FROM SchemaVersion", Ct)));
    }

    [Fact]
    public async Task Concurrent_migrations_apply_each_script_once()
    {
        await using var db = await CreateDatabaseAsync();

        var versions = await Task.WhenAll(Enumerable.Range(0, 4)
            .Select(_ => Task.Run(() => new SchemaMigrator().MigrateAsync(db.Options, Ct), Ct)));

        var latest = SchemaMigrator.LatestVersion(db.Provider);
        Assert.All(versions, version => Assert.Equal(latest, version));
        Assert.Equal(latest, await db.CountAsync("SELECT COUNT(*) FROM SchemaVersion", Ct));
        Assert.Equal(QueryKeys.For(db.Provider).Length, await db.CountAsync("SELECT COUNT(*) FROM OrleansQuery", Ct));
    }

    [Fact]
    public async Task Newer_database_version_stops_with_a_clear_error()
    {
        await using var db = await CreateDatabaseAsync();
        var latest = await new SchemaMigrator().MigrateAsync(db.Options, Ct);
        await db.ExecuteAsync(
            $"INSERT INTO SchemaVersion (Version, Script, AppliedUtc) VALUES ({latest + 1}, '{latest + 1:0000}_future.sql', CURRENT_TIMESTAMP)", Ct);

        var error = await Assert.ThrowsAsync<StorageSchemaException>(() => new SchemaMigrator().MigrateAsync(db.Options, Ct));

        Assert.Contains($"schema version {latest + 1}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"only knows versions up to {latest}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_scripts_are_applied_in_order_and_a_failing_script_changes_nothing()
    {
        await using var db = await CreateDatabaseAsync();
        var one = new SchemaScript(1, "0001_one.sql", "CREATE TABLE StepOne (Id integer PRIMARY KEY);");
        var two = new SchemaScript(2, "0002_two.sql", "INSERT INTO StepOne (Id) VALUES (2); CREATE TABLE StepTwo (Id integer);");
        var broken = new SchemaScript(3, "0003_broken.sql", "CREATE TABLE StepThree (Id integer); SELECT * FROM NoSuchTable;");

        Assert.Equal(1, await MigratorWith(one).MigrateAsync(db.Options, Ct));
        Assert.Equal(2, await MigratorWith(one, two).MigrateAsync(db.Options, Ct));
        await Assert.ThrowsAnyAsync<Exception>(() => MigratorWith(one, two, broken).MigrateAsync(db.Options, Ct));

        Assert.Equal(2, await db.CountAsync("SELECT MAX(Version) FROM SchemaVersion", Ct));
        Assert.Equal(1, await db.CountAsync("SELECT COUNT(*) FROM StepOne", Ct));
        await Assert.ThrowsAnyAsync<Exception>(() => db.CountAsync("SELECT COUNT(*) FROM StepThree", Ct));
    }

    [Fact]
    public async Task Probe_is_ready_only_at_the_expected_version()
    {
        await using var db = await CreateDatabaseAsync();

        Assert.False(await StorageProbe.IsReadyAsync(db.Options, Ct));

        var latest = await new SchemaMigrator().MigrateAsync(db.Options, Ct);
        Assert.True(await StorageProbe.IsReadyAsync(db.Options, Ct));

        await db.ExecuteAsync(
            $"INSERT INTO SchemaVersion (Version, Script, AppliedUtc) VALUES ({latest + 1}, 'future.sql', CURRENT_TIMESTAMP)", Ct);
        Assert.False(await StorageProbe.IsReadyAsync(db.Options, Ct));
    }

    [Fact]
    public async Task Silo_does_not_start_on_a_newer_schema()
    {
        await using var db = await CreateDatabaseAsync();
        var latest = await new SchemaMigrator().MigrateAsync(db.Options, Ct);
        await db.ExecuteAsync(
            $"INSERT INTO SchemaVersion (Version, Script, AppliedUtc) VALUES ({latest + 1}, 'future.sql', CURRENT_TIMESTAMP)", Ct);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestSilo.StartAsync(db.Options, "svc-newer"));

        Assert.Contains(Flatten(error), e => e is StorageSchemaException);
    }

    [Fact]
    public async Task Version_7_deletes_the_reminders_cases_kept_leaves_the_directories_sweeps_and_marks_the_open_overdue_rows()
    {
        await using var db = await CreateDatabaseAsync();
        var scripts = EmbeddedSchemaScripts.For(db.Provider);
        Assert.Equal(6, await MigratorWith([.. scripts.Take(6)]).MigrateAsync(db.Options, Ct));
        foreach (var (grain, name) in new[] { ("incident/inc-1", "deadline"), ("incidentdirectory/live", "sweep") })
        {
            await db.ExecuteAsync(
                "INSERT INTO Reminder (ServiceId, GrainId, ReminderName, GrainHash, StartTime, Period, Version) " +
                $"VALUES ('svc-v7', '{grain}', '{name}', 1, CURRENT_TIMESTAMP, 600000, 0)", Ct);
        }

        foreach (var (id, open, overdue) in new[] { ("c-late", true, "true"), ("c-ontime", true, "false"), ("c-shut", false, "true") })
        {
            await db.ExecuteAsync(
                "INSERT INTO CaseIndex (ServiceId, Kind, CaseId, Scope, IsOpen, OpenedAt, CaseVersion, Summary) " +
                $"VALUES ('svc-v7', 'incident', '{id}', 'live', {(open ? "true" : "false")}, CURRENT_TIMESTAMP, 1, '{{\"id\":\"{id}\",\"overdue\":{overdue}}}')", Ct);
        }

        Assert.Equal(7, await MigratorWith([.. scripts.Take(7)]).MigrateAsync(db.Options, Ct));

        Assert.Equal(0, await db.CountAsync("SELECT COUNT(*) FROM Reminder WHERE ReminderName = 'deadline'", Ct));
        Assert.Equal(1, await db.CountAsync("SELECT COUNT(*) FROM CaseIndex WHERE Overdue = true", Ct));
        Assert.Equal(1, await db.CountAsync("SELECT COUNT(*) FROM CaseIndex WHERE Overdue = true AND CaseId = 'c-late'", Ct));
        Assert.Equal(1, await db.CountAsync("SELECT COUNT(*) FROM Reminder WHERE ReminderName = 'sweep'", Ct));
    }

    [Fact]
    public async Task Version_9_marks_only_the_services_that_kept_a_complainant_history_before_it()
    {
        await using var db = await CreateDatabaseAsync();
        var scripts = EmbeddedSchemaScripts.For(db.Provider);
        Assert.Equal(8, await MigratorWith([.. scripts.Take(8)]).MigrateAsync(db.Options, Ct));
        var payload = db.Provider == StorageProvider.PostgreSql ? "convert_to('{}', 'UTF8')" : "CAST('{}' AS BLOB)";
        foreach (var (service, state, stored) in new[] { ("svc-kept", "complainant", true), ("svc-cleared", "complainant", false), ("svc-cases", "dispute", true) })
        {
            await db.ExecuteAsync(
                "INSERT INTO GrainState (ServiceId, StateName, KeyN0, KeyN1, KeyExtension, HasKeyExtension, PayloadBinary, Version, ModifiedUtc) " +
                $"VALUES ('{service}', '{state}', 0, 0, 'live/p-1', true, {(stored ? payload : "NULL")}, 1, CURRENT_TIMESTAMP)", Ct);
        }

        Assert.Equal(9, await MigratorWith([.. scripts.Take(9)]).MigrateAsync(db.Options, Ct));

        Assert.Equal(1, await db.CountAsync("SELECT COUNT(*) FROM ComplainantTakeOver", Ct));
        Assert.Equal(1, await db.CountAsync("SELECT COUNT(*) FROM ComplainantTakeOver WHERE ServiceId = 'svc-kept'", Ct));
    }

    private static SchemaMigrator MigratorWith(params SchemaScript[] scripts) =>
        new(NullLogger.Instance, _ => scripts);

    private static async Task<List<string>> ReadQueryKeysAsync(TestDatabase db)
    {
        await using var connection = db.CreateConnection();
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT QueryKey FROM OrleansQuery";
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var keys = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    private static IEnumerable<Exception> Flatten(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }
}

public sealed class SqliteMigratorTests : MigratorTests
{
    private protected override Task<TestDatabase> CreateDatabaseAsync() => SqliteTestDatabase.CreateAsync();
}

public sealed class PostgreSqlMigratorTests : MigratorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private protected override Task<TestDatabase> CreateDatabaseAsync() => PostgresTestDatabase.CreateAsync();

    [Fact]
    public async Task Version_10_compresses_what_every_command_writes_with_lz4()
    {
        await using var db = await CreateDatabaseAsync();
        await new SchemaMigrator().MigrateAsync(db.Options, Ct);
        var large = string.Concat(Enumerable.Range(0, 400).Select(i => $"{{\"entry\":{i}}}"));
        await db.ExecuteAsync(
            "INSERT INTO GrainState (ServiceId, StateName, KeyN0, KeyN1, KeyExtension, HasKeyExtension, PayloadBinary, Version, ModifiedUtc) " +
            $"VALUES ('svc-v10', 'incident', 0, 0, 'inc-1', true, convert_to('{large}', 'UTF8'), 1, CURRENT_TIMESTAMP)", Ct);
        await db.ExecuteAsync(
            "INSERT INTO CaseIndex (ServiceId, Kind, CaseId, Scope, IsOpen, OpenedAt, CaseVersion, Summary) " +
            $"VALUES ('svc-v10', 'incident', 'inc-1', 'live', true, CURRENT_TIMESTAMP, 1, '{large}')", Ct);
        await db.ExecuteAsync(
            "INSERT INTO CaseTimeline (ServiceId, Kind, CaseId, Seq, Entry) " +
            $"VALUES ('svc-v10', 'incident', 'inc-1', 1, '{large}')", Ct);

        Assert.Equal(1, await db.CountAsync("SELECT COUNT(*) FROM GrainState WHERE pg_column_compression(PayloadBinary) = 'lz4'", Ct));
        Assert.Equal(1, await db.CountAsync("SELECT COUNT(*) FROM CaseIndex WHERE pg_column_compression(Summary) = 'lz4'", Ct));
        Assert.Equal(1, await db.CountAsync("SELECT COUNT(*) FROM CaseTimeline WHERE pg_column_compression(Entry) = 'lz4'", Ct));
    }
}
