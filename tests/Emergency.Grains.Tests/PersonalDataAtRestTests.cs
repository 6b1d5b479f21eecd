using System.Text;
using Emergency.Contracts;
using Emergency.Domain.Disputes;
using Emergency.Domain.Disputes.EarlyWarning;
using Emergency.Grains.Cases;
using Emergency.Grains.EarlyWarning;
using Emergency.Testing;
using Microsoft.Data.Sqlite;
using static Emergency.Grains.Tests.DisputeGrainTests;

namespace Emergency.Grains.Tests;

/// <summary>A petition's stored row, read from the SQLite file: no complainant in clear; the keyed link between one person's cases.</summary>
public sealed class PersonalDataAtRestTests : IAsyncLifetime
{
    private const string IdNumber = "11010519491231002X";

    private EngineCluster _engine = null!;

    public async ValueTask InitializeAsync() => _engine = await EngineCluster.StartAsync();

    public ValueTask DisposeAsync() => _engine.DisposeAsync();

    [Fact]
    public async Task A_petition_and_its_kept_answer_are_stored_without_the_complainant_in_clear_and_read_back_after_a_restart()
    {
        var now = _engine.Clock.GetUtcNow();
        var registered = await _engine.Client.GetGrain<IDisputeGrain>("pet-at-rest").Execute(
            Complaint(now.AddHours(-1), idNumber: IdNumber, contact: "138-0013-8000") with { Content = "张秀英 reports a sharp smell; my address is 12 River Road." }, As(Officer, "at-rest-1"));
        Assert.Equal(CommandStatus.Accepted, registered.Status);

        var row = RawRow(CaseKinds.Dispute);

        // The officer's answer to the command is kept for a retry, and it names the complainant: encrypted too.
        Assert.Contains("\"answer\":\"pd1:", row, StringComparison.Ordinal);
        foreach (var clear in new[] { "Li Hua", IdNumber, "138-0013-8000", "River Road", "张秀英" })
        {
            Assert.DoesNotContain(clear, row, StringComparison.Ordinal);
            Assert.DoesNotContain(System.Text.Json.JsonEncodedText.Encode(clear).ToString(), row, StringComparison.Ordinal);
        }

        await _engine.RestartAsync();
        var view = (await _engine.Client.GetGrain<IDisputeGrain>("pet-at-rest").GetView(Officer))!;
        Assert.Equal(("Li Hua", IdNumber, "138-0013-8000"), (view.Complainant!.Name, view.Complainant.IdNumber, view.Complainant.Contact));
        Assert.StartsWith("张秀英", view.Content, StringComparison.Ordinal);
        var retry = await _engine.Client.GetGrain<IDisputeGrain>("pet-at-rest").Execute(
            Complaint(now.AddHours(-1), idNumber: IdNumber, contact: "138-0013-8000") with { Content = "张秀英 reports a sharp smell; my address is 12 River Road." }, As(Officer, "at-rest-1"));
        Assert.Equal((CommandStatus.Replayed, "Li Hua"), (retry.Status, retry.View!.Complainant!.Name));
    }

    [Fact]
    public async Task A_history_kept_under_the_former_salted_key_is_carried_over_to_the_keyed_link_and_forgotten_there()
    {
        var now = _engine.Clock.GetUtcNow();
        var salted = EarlyWarningKeys.Complainant(Scopes.Live, ComplainantHistory.SaltedKeyOf(new Complainant { IdNumber = IdNumber }, ComplainantLinkKey.FormerSalt)!);
        var keyed = ComplainantHistory.KeyOf(new Complainant { IdNumber = IdNumber }, Encoding.UTF8.GetBytes(ComplainantLinkKey.DevelopmentKey))!;
        Assert.NotEqual(salted, EarlyWarningKeys.Complainant(Scopes.Live, keyed));

        // A person's history as an engine before link keys stored it, and the database as it was then (schema version 8):
        // at the next start, the migration to version 9 marks the service as one that may keep histories under the former key.
        await _engine.Client.GetGrain<IComplainantGrain>(salted).Observe("pet-before-keys", now.AddDays(-3), TimeSpan.FromDays(90), formerKey: null);
        await _engine.RestartAsync(() => _engine.Execute(
            "DROP TABLE ComplainantTakeOver; DROP INDEX IX_CaseIndex_List; ALTER TABLE CaseIndex DROP COLUMN ListDueAt; DELETE FROM SchemaVersion WHERE Version >= 9;"));
        Assert.Equal(1, Count("SELECT COUNT(*) FROM ComplainantTakeOver"));

        var second = await _engine.Client.GetGrain<IDisputeGrain>("pet-after-keys").Execute(Complaint(now.AddHours(-1), idNumber: IdNumber), As(Officer));

        Assert.Equal(["pet-before-keys"], second.View!.EarlierCases);
        Assert.Empty(await _engine.Client.GetGrain<IComplainantGrain>(salted).HandOver());
        Assert.Equal(0, Count($"SELECT COUNT(*) FROM GrainState WHERE StateName = 'complainant' AND KeyExtension LIKE '%{salted[(salted.IndexOf('/', StringComparison.Ordinal) + 1)..]}%' AND PayloadBinary IS NOT NULL"));
        Assert.Equal(1, Count($"SELECT COUNT(*) FROM GrainState WHERE StateName = 'complainant' AND KeyExtension LIKE '%{keyed}%' AND PayloadBinary IS NOT NULL"));
    }

    [Fact]
    public async Task A_service_that_kept_no_history_before_link_keys_never_asks_the_former_key()
    {
        var now = _engine.Clock.GetUtcNow();
        var salted = EarlyWarningKeys.Complainant(Scopes.Live, ComplainantHistory.SaltedKeyOf(new Complainant { IdNumber = IdNumber }, ComplainantLinkKey.FormerSalt)!);
        var keyed = EarlyWarningKeys.Complainant(Scopes.Live, ComplainantHistory.KeyOf(new Complainant { IdNumber = IdNumber }, Encoding.UTF8.GetBytes(ComplainantLinkKey.DevelopmentKey))!);

        var first = await _engine.Client.GetGrain<IDisputeGrain>("pet-first-ever").Execute(Complaint(now.AddHours(-2), idNumber: IdNumber), As(Officer));
        var second = await _engine.Client.GetGrain<IDisputeGrain>("pet-second").Execute(Complaint(now.AddHours(-1), idNumber: IdNumber), As(Officer));

        // The person's history is kept and linked as before; the former key's grain was never activated (nor its row read):
        // the keyed history leaves memory once its complaint is counted, and a former one asked to hand over would stay.
        Assert.Equal(CommandStatus.Accepted, first.Status);
        Assert.Equal(["pet-first-ever"], second.View!.EarlierCases);
        Assert.Equal(0, Count("SELECT COUNT(*) FROM ComplainantTakeOver"));
        await Eventually.Until(ActiveComplainantsAsync, active => active == 0, "every complainant history to leave memory");
        Assert.Equal(0, Count($"SELECT COUNT(*) FROM GrainState WHERE StateName = 'complainant' AND KeyExtension LIKE '%{salted[(salted.IndexOf('/', StringComparison.Ordinal) + 1)..]}%'"));
        Assert.Equal(1, Count($"SELECT COUNT(*) FROM GrainState WHERE StateName = 'complainant' AND KeyExtension LIKE '%{keyed[(keyed.IndexOf('/', StringComparison.Ordinal) + 1)..]}%' AND PayloadBinary IS NOT NULL"));
    }

    private async Task<int> ActiveComplainantsAsync()
    {
        var statistics = await _engine.Client.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics.Where(s => s.GrainType.StartsWith(typeof(ComplainantGrain).FullName + ",", StringComparison.Ordinal)).Sum(s => s.ActivationCount);
    }

    private string RawRow(string stateName)
    {
        using var connection = new SqliteConnection($"Data Source={_engine.DatabaseFile}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT PayloadBinary FROM GrainState WHERE StateName = '{stateName}'";
        return Encoding.UTF8.GetString((byte[])command.ExecuteScalar()!);
    }

    private long Count(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_engine.DatabaseFile}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
