using Emergency.Storage.Migrations;
using Emergency.Storage.Tests.Infrastructure;
using Emergency.Storage.Users;
using Microsoft.Extensions.Logging.Abstractions;

namespace Emergency.Storage.Tests;

/// <summary>The people who sign in, in the engine's own table (schema version 2, the jurisdiction since version 5), the same on both providers.</summary>
public abstract class UserStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private protected abstract Task<TestDatabase> CreateDatabaseAsync();

    [Fact]
    public async Task A_user_is_added_once_found_listed_disabled_and_enabled_with_a_new_stamp_each_time()
    {
        await using var db = await CreateDatabaseAsync();
        await new SchemaMigrator().MigrateAsync(db.Options, Ct);
        var store = new UserStore(db.Options);
        var user = new StoredUser("duty.qian", "DutyCommander", "hash", false, 0, null, 1, Now, "admin.sun");

        Assert.True(await store.AddAsync(user, Ct));
        Assert.False(await store.AddAsync(user with { Role = "Observer" }, Ct));
        Assert.Equal(user, await store.FindAsync("duty.qian", Ct));
        Assert.Null(await store.FindAsync("duty.qia", Ct));
        Assert.Equal(["duty.qian"], (await store.ListAsync(Ct)).Select(u => u.Name));

        var disabled = await store.SetDisabledAsync("duty.qian", true, Ct);
        Assert.True(disabled!.Disabled);
        Assert.Equal(2, disabled.Stamp);
        var enabled = await store.SetDisabledAsync("duty.qian", false, Ct);
        Assert.False(enabled!.Disabled);
        Assert.Equal(3, enabled.Stamp);
        Assert.Null(await store.SetDisabledAsync("nobody", true, Ct));
    }

    [Fact]
    public async Task A_user_stored_before_jurisdictions_loads_for_the_whole_deployment_and_a_new_one_keeps_its_region()
    {
        await using var db = await CreateDatabaseAsync();
        var before = EmbeddedSchemaScripts.For(db.Provider).Take(4).ToList();
        Assert.Equal(4, await new SchemaMigrator(NullLogger.Instance, _ => before).MigrateAsync(db.Options, Ct));
        await db.ExecuteAsync(
            "INSERT INTO EngineUser (Name, Role, PasswordHash, Disabled, FailedAttempts, LockedUntilMs, Stamp, CreatedMs, CreatedBy) "
            + $"VALUES ('duty.old', 'DutyCommander', 'hash', 0, 0, NULL, 1, {Now.ToUnixTimeMilliseconds()}, 'admin.sun')", Ct);

        await new SchemaMigrator().MigrateAsync(db.Options, Ct);
        var store = new UserStore(db.Options);

        var old = await store.FindAsync("duty.old", Ct);
        Assert.Equal(("DutyCommander", (string?)null), (old!.Role, old.Jurisdiction));
        Assert.True(await store.AddAsync(new StoredUser("duty.lucheng", "DutyCommander", "hash", false, 0, null, 1, Now, "admin.sun") { Jurisdiction = "140406" }, Ct));
        Assert.Equal("140406", (await store.FindAsync("duty.lucheng", Ct))!.Jurisdiction);
        Assert.Equal(["140406", null], (await store.ListAsync(Ct)).Select(u => u.Jurisdiction));
    }

    [Fact]
    public async Task A_user_moved_to_another_jurisdiction_keeps_everything_else_and_gets_a_new_stamp()
    {
        await using var db = await CreateDatabaseAsync();
        await new SchemaMigrator().MigrateAsync(db.Options, Ct);
        var store = new UserStore(db.Options);
        var user = new StoredUser("duty.li", "DutyCommander", "hash", false, 0, null, 1, Now, "admin.sun") { Jurisdiction = "140406" };
        Assert.True(await store.AddAsync(user, Ct));

        var moved = await store.SetJurisdictionAsync("duty.li", "140400", Ct);

        Assert.Equal(user with { Jurisdiction = "140400", Stamp = 2 }, moved);
        Assert.Equal(moved, await store.FindAsync("duty.li", Ct));
        var whole = await store.SetJurisdictionAsync("duty.li", null, Ct);
        Assert.Equal((null, 3L), (whole!.Jurisdiction, whole.Stamp));
        Assert.Null(await store.SetJurisdictionAsync("nobody", "140400", Ct));
    }

    [Fact]
    public async Task The_limit_th_failure_in_a_row_locks_the_user_and_starts_the_count_again()
    {
        await using var db = await CreateDatabaseAsync();
        await new SchemaMigrator().MigrateAsync(db.Options, Ct);
        var store = new UserStore(db.Options);
        await store.AddAsync(new StoredUser("assessor.he", "Assessor", "hash", false, 0, null, 1, Now, "admin.sun"), Ct);
        var until = Now.AddMinutes(15);

        Assert.Equal(1, (await store.RecordFailureAsync("assessor.he", 3, until, Ct))!.FailedAttempts);
        await store.ResetFailuresAsync("assessor.he", Ct);
        Assert.Equal(0, (await store.FindAsync("assessor.he", Ct))!.FailedAttempts);

        await store.RecordFailureAsync("assessor.he", 3, until, Ct);
        await store.RecordFailureAsync("assessor.he", 3, until, Ct);
        var locked = await store.RecordFailureAsync("assessor.he", 3, until, Ct);
        Assert.Equal(until, locked!.LockedUntil);
        Assert.Equal(0, locked.FailedAttempts);
        Assert.Null(await store.RecordFailureAsync("nobody", 3, until, Ct));

        await store.ResetFailuresAsync("assessor.he", Ct);
        Assert.Null((await store.FindAsync("assessor.he", Ct))!.LockedUntil);
    }
}

public sealed class SqliteUserStoreTests : UserStoreTests
{
    private protected override Task<TestDatabase> CreateDatabaseAsync() => SqliteTestDatabase.CreateAsync();
}

public sealed class PostgreSqlUserStoreTests : UserStoreTests
{
    private protected override Task<TestDatabase> CreateDatabaseAsync() => PostgresTestDatabase.CreateAsync();
}
