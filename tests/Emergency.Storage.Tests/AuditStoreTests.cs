using Emergency.Storage.Audit;
using Emergency.Storage.Tests.Infrastructure;

namespace Emergency.Storage.Tests;

/// <summary>The audit trail's table on a real database: added records read back newest first, filtered and paged.</summary>
public abstract class AuditStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(8));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private protected abstract Task<TestDatabase> CreateDatabaseAsync();

    [Fact]
    public async Task Records_read_back_newest_first_by_user_case_and_time_a_page_at_a_time()
    {
        await using var db = await CreateDatabaseAsync();
        await new SchemaMigrator().MigrateAsync(db.Options, Ct);
        var store = new AuditStore(db.Options);
        await store.AddAsync(new AuditRecord(0, T0, "petition.zhao", "PetitionOfficer", AuditKind.PersonalDataRead, "GET /api/disputes/{id}", "pet-1", 200), Ct);
        await store.AddAsync(new AuditRecord(0, T0.AddMinutes(1), "observer.chen", "Observer", AuditKind.Refused, "POST /api/disputes/{id}/acceptance", "pet-1", 403), Ct);
        await store.AddAsync(new AuditRecord(0, T0.AddMinutes(2), "observer.chen", "Observer", AuditKind.Refused, "POST /api/users", null, 403), Ct);

        var all = await store.QueryAsync(new AuditQuery(null, null, null, null, null, 10), Ct);
        Assert.Equal(["POST /api/users", "POST /api/disputes/{id}/acceptance", "GET /api/disputes/{id}"], all.Select(r => r.Action));
        Assert.Equal(new AuditRecord(all[2].Id, T0, "petition.zhao", "PetitionOfficer", AuditKind.PersonalDataRead, "GET /api/disputes/{id}", "pet-1", 200), all[2]);
        Assert.Null(all[0].CaseId);

        Assert.Equal(2, (await store.QueryAsync(new AuditQuery("observer.chen", null, null, null, null, 10), Ct)).Count);
        Assert.Equal(2, (await store.QueryAsync(new AuditQuery(null, "pet-1", null, null, null, 10), Ct)).Count);
        Assert.Equal("observer.chen", Assert.Single(await store.QueryAsync(new AuditQuery(null, "pet-1", T0.AddMinutes(1), T0.AddMinutes(2), null, 10), Ct)).User);

        var page = await store.QueryAsync(new AuditQuery(null, null, null, null, null, 2), Ct);
        var next = await store.QueryAsync(new AuditQuery(null, null, null, null, page[^1].Id, 2), Ct);
        Assert.Equal(all, [.. page, .. next]);
    }
}

public sealed class SqliteAuditStoreTests : AuditStoreTests
{
    private protected override Task<TestDatabase> CreateDatabaseAsync() => SqliteTestDatabase.CreateAsync();
}

public sealed class PostgreSqlAuditStoreTests : AuditStoreTests
{
    private protected override Task<TestDatabase> CreateDatabaseAsync() => PostgresTestDatabase.CreateAsync();
}
