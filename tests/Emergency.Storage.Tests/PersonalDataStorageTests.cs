using System.Security.Cryptography;
using System.Text;
using Emergency.Storage.Privacy;
using Emergency.Storage.Tests.Grains;
using Emergency.Storage.Tests.Infrastructure;

namespace Emergency.Storage.Tests;

/// <summary>Personal data in stored grain state, read from the raw rows of a real database.</summary>
public abstract class PersonalDataStorageTests
{
    private const string Name = "张秀英";
    private const string Phone = "138-0013-8000";
    private const string IdNumber = "11010519491231002X";
    private const string Answer = """{"complainant":{"name":"Zhang Xiuying"},"phase":"Registered"}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private protected abstract Task<TestDatabase> CreateDatabaseAsync();

    [Fact]
    public async Task A_stored_row_carries_no_name_phone_id_number_or_answer_in_clear_and_reads_back_after_a_restart()
    {
        await using var db = await CreateDatabaseAsync();
        await using (var silo = await TestSilo.StartAsync(db.Options, "svc-person"))
        {
            await silo.Grains.GetGrain<IPersonProbeGrain>("dsp-1").SetAsync(Name, Phone, IdNumber, Answer);
        }

        var row = await RawRowAsync(db);
        AssertNotInClear(row);

        // Only the marked fields: the rest of the row stays readable.
        Assert.Contains("\"caseId\":\"dsp-1\"", row, StringComparison.Ordinal);
        Assert.Contains($"\"name\":\"pd1:{PersonalDataKeys.Development.CurrentId}:", row, StringComparison.Ordinal);

        await using (var silo = await TestSilo.StartAsync(db.Options, "svc-person"))
        {
            Assert.Equal(new PersonSnapshot(Name, Phone, IdNumber, Answer, 1), await silo.Grains.GetGrain<IPersonProbeGrain>("dsp-1").GetAsync());
        }
    }

    [Fact]
    public async Task A_row_stored_in_clear_before_loads_and_is_encrypted_at_its_next_write()
    {
        await using var db = await CreateDatabaseAsync();

        // The engine before encryption: the same serializer, marking nothing.
        var before = TestSilo.Privacy with { Marker = typeof(ObsoleteAttribute) };
        await using (var silo = await TestSilo.StartAsync(db.Options, "svc-clear-row", privacy: before))
        {
            await silo.Grains.GetGrain<IPersonProbeGrain>("dsp-2").SetAsync(Name, Phone, IdNumber, Answer);
        }

        Assert.Contains(IdNumber, await RawRowAsync(db), StringComparison.Ordinal);
        Assert.Contains(Escaped(Name), await RawRowAsync(db), StringComparison.Ordinal);

        await using (var silo = await TestSilo.StartAsync(db.Options, "svc-clear-row"))
        {
            var grain = silo.Grains.GetGrain<IPersonProbeGrain>("dsp-2");
            Assert.Equal(new PersonSnapshot(Name, Phone, IdNumber, Answer, 1), await grain.GetAsync());

            await grain.TouchAsync();
        }

        AssertNotInClear(await RawRowAsync(db));
    }

    [Fact]
    public async Task A_rotated_key_reads_rows_of_the_former_key_and_writes_with_the_new_one()
    {
        await using var db = await CreateDatabaseAsync();
        var former = NewKey();
        var current = NewKey();
        await using (var silo = await TestSilo.StartAsync(db.Options, "svc-rotate", privacy: TestSilo.Privacy with { Keys = PersonalDataKeys.Of(former) }))
        {
            await silo.Grains.GetGrain<IPersonProbeGrain>("dsp-3").SetAsync(Name, Phone, IdNumber, Answer);
        }

        var rotated = PersonalDataKeys.Of(current, former);
        await using (var silo = await TestSilo.StartAsync(db.Options, "svc-rotate", privacy: TestSilo.Privacy with { Keys = rotated }))
        {
            var grain = silo.Grains.GetGrain<IPersonProbeGrain>("dsp-3");
            Assert.Equal(Name, (await grain.GetAsync()).Name);
            await grain.TouchAsync();
        }

        Assert.Contains($"pd1:{rotated.CurrentId}:", await RawRowAsync(db), StringComparison.Ordinal);
        Assert.DoesNotContain($"pd1:{PersonalDataKeys.Of(former).CurrentId}:", await RawRowAsync(db), StringComparison.Ordinal);

        // Once every row was written again, the former key can go.
        await using (var silo = await TestSilo.StartAsync(db.Options, "svc-rotate", privacy: TestSilo.Privacy with { Keys = PersonalDataKeys.Of(current) }))
        {
            Assert.Equal(new PersonSnapshot(Name, Phone, IdNumber, Answer, 2), await silo.Grains.GetGrain<IPersonProbeGrain>("dsp-3").GetAsync());
        }
    }

    /// <summary>JSON may write a name as it is or escaped (<c>\u5F20…</c>): neither form may be in the row.</summary>
    private static void AssertNotInClear(string row)
    {
        foreach (var value in new[] { Name, Phone, "13800138000", IdNumber, "Zhang Xiuying", "complainant" })
        {
            Assert.DoesNotContain(value, row, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Escaped(value), row, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain("13800138000", row.Replace("-", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private static string Escaped(string value) => System.Text.Json.JsonEncodedText.Encode(value).ToString();

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static async Task<string> RawRowAsync(TestDatabase db) =>
        Encoding.UTF8.GetString((byte[])(await db.ScalarAsync($"SELECT PayloadBinary FROM GrainState WHERE StateName = '{PersonProbeGrain.StateName}'", Ct))!);
}

public sealed class SqlitePersonalDataStorageTests : PersonalDataStorageTests
{
    private protected override Task<TestDatabase> CreateDatabaseAsync() => SqliteTestDatabase.CreateAsync();
}

public sealed class PostgreSqlPersonalDataStorageTests : PersonalDataStorageTests
{
    private protected override Task<TestDatabase> CreateDatabaseAsync() => PostgresTestDatabase.CreateAsync();
}
