using Emergency.Domain.Cases;
using Emergency.Domain.Decisions;
using Emergency.Domain.Disputes;
using Emergency.Domain.Incidents;
using Emergency.Domain.Messages;
using Emergency.Storage.Serialization;
using Emergency.Storage.Tests.Infrastructure;
using Emergency.Storage.Timelines;

namespace Emergency.Storage.Tests;

/// <summary>
/// Timeline entries stored before every kind of case shared one entry type (<see cref="TimelineEntry{TKind}"/>), each
/// in its kind's old shape, load unchanged: from their rows in <c>CaseTimeline</c>, and from a state's JSON that
/// carried its timeline before timelines had rows. An incident's entry named what it was about <c>obligation</c>; it
/// now says <c>ref</c>, as a petition's always did.
/// </summary>
public abstract class OldTimelineEntryTests
{
    private const string Service = "svc-old-entries";

    private static readonly DateTimeOffset At = new(2026, 5, 1, 8, 40, 0, TimeSpan.FromHours(8));

    private static readonly DateTimeOffset RecordedAt = new(2026, 5, 1, 10, 15, 0, TimeSpan.FromHours(8));

    private readonly JsonGrainStateSerializer _serializer = new(TestSilo.Privacy);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private protected abstract Task<TestDatabase> CreateDatabaseAsync();

    [Fact]
    public async Task An_incident_entry_stored_with_its_obligation_loads_it_as_its_ref_and_is_written_back_with_ref()
    {
        var entry = await LoadRowAsync<TimelineKind>("incident", """
            {"seq":3,"at":"2026-05-01T08:40:00+08:00","recordedAt":"2026-05-01T10:15:00+08:00","actor":"duty.zhang (DutyCommander)",
             "kind":"ObligationCompleted","text":{"code":"incident.completed","args":{"note":{"text":"on site"}}},"obligation":"reachScene"}
            """);

        Assert.Equal(Expected(3, "duty.zhang (DutyCommander)", TimelineKind.ObligationCompleted, new MessageCode("incident.completed", "note").With(("note", "on site")), "reachScene"), entry);
        var written = _serializer.SerializeEntry(entry);
        Assert.Contains("\"ref\":\"reachScene\"", written, StringComparison.Ordinal);
        Assert.DoesNotContain("obligation", written, StringComparison.Ordinal);
        Assert.DoesNotContain("round", written, StringComparison.Ordinal);
        Assert.Equal(entry, _serializer.DeserializeEntry(written, typeof(TimelineEntry<TimelineKind>)));
    }

    [Fact]
    public async Task An_incident_entry_stored_before_texts_had_codes_and_about_no_obligation_loads_unchanged()
    {
        var entry = await LoadRowAsync<TimelineKind>("incident", """
            {"seq":1,"at":"2026-05-01T08:40:00+08:00","recordedAt":"2026-05-01T10:15:00+08:00","actor":"system","kind":"Registered","text":"Registered.","obligation":null}
            """);

        Assert.Equal(Expected(1, "system", TimelineKind.Registered, Message.Literal("Registered."), null), entry);
    }

    [Theory]
    [InlineData("dispute", "ObligationOverdue", "acceptance")]
    [InlineData("suggestion", "WindowLapsed", "window-return-1")]
    [InlineData("disclosure", "CorrectionRequested", null)]
    public async Task A_petition_suggestion_or_disclosure_entry_loads_unchanged(string kind, string what, string? reference)
    {
        var row = """
            {"seq":7,"at":"2026-05-01T08:40:00+08:00","recordedAt":"2026-05-01T10:15:00+08:00","actor":"system","kind":"WHAT",
             "text":{"code":"dispute.x","args":{}},"ref":REF}
            """;
        var entry = await LoadRowAsync<DisputeTimelineKind>(kind, row.Replace("WHAT", what, StringComparison.Ordinal).Replace("REF", reference is null ? "null" : $"\"{reference}\"", StringComparison.Ordinal));

        Assert.Equal(Expected(7, "system", Enum.Parse<DisputeTimelineKind>(what), (Message)new MessageCode("dispute.x"), reference), entry);
    }

    [Fact]
    public async Task A_major_decision_entry_loads_its_round_and_one_before_any_round_loads_none()
    {
        var rated = await LoadRowAsync<MajorDecisionTimelineKind>("decision", """
            {"seq":9,"at":"2026-05-01T08:40:00+08:00","recordedAt":"2026-05-01T10:15:00+08:00","actor":"assessor.li (Assessor)","kind":"RiskRated","text":"Rated low.","round":2}
            """);
        var drafted = await LoadRowAsync<MajorDecisionTimelineKind>("decision", """
            {"seq":1,"at":"2026-05-01T08:40:00+08:00","recordedAt":"2026-05-01T10:15:00+08:00","actor":"system","kind":"Drafted","text":"Drafted.","round":null}
            """);

        Assert.Equal(Expected(9, "assessor.li (Assessor)", MajorDecisionTimelineKind.RiskRated, Message.Literal("Rated low."), null) with { Round = 2 }, rated);
        Assert.Equal(Expected(1, "system", MajorDecisionTimelineKind.Drafted, Message.Literal("Drafted."), null), drafted);
        Assert.Contains("\"round\":2", _serializer.SerializeEntry(rated), StringComparison.Ordinal);
    }

    [Fact]
    public void A_timeline_carried_in_a_state_json_before_rows_loads_in_each_kind_s_old_shape()
    {
        var incident = _serializer.Deserialize<List<TimelineEntry<TimelineKind>>>(BinaryData.FromString("""
            [{"seq":1,"at":"2026-05-01T08:40:00+08:00","recordedAt":"2026-05-01T10:15:00+08:00","actor":"system","kind":"ObligationOverdue","text":"Overdue.","obligation":"firstReport"}]
            """));
        var decision = _serializer.Deserialize<List<TimelineEntry<MajorDecisionTimelineKind>>>(BinaryData.FromString("""
            [{"seq":1,"at":"2026-05-01T08:40:00+08:00","recordedAt":"2026-05-01T10:15:00+08:00","actor":"system","kind":"ViewsHeard","text":"Heard.","round":1}]
            """));

        Assert.Equal(Expected(1, "system", TimelineKind.ObligationOverdue, Message.Literal("Overdue."), "firstReport"), Assert.Single(incident));
        Assert.Equal(Expected(1, "system", MajorDecisionTimelineKind.ViewsHeard, Message.Literal("Heard."), null) with { Round = 1 }, Assert.Single(decision));
    }

    private static TimelineEntry<TKind> Expected<TKind>(int seq, string actor, TKind kind, Message text, string? reference)
        where TKind : struct, Enum =>
        new() { Seq = seq, At = At, RecordedAt = RecordedAt, Actor = actor, Kind = kind, Text = text, Ref = reference };

    /// <summary>Stores <paramref name="json"/> as the first row of a case's timeline and reads it back as the storage does.</summary>
    private async Task<TimelineEntry<TKind>> LoadRowAsync<TKind>(string kind, string json)
        where TKind : struct, Enum
    {
        await using var db = await CreateDatabaseAsync();
        await new SchemaMigrator().MigrateAsync(db.Options, Ct);
        await db.ExecuteAsync(
            $"INSERT INTO CaseTimeline (ServiceId, Kind, CaseId, Seq, Entry) VALUES ('{Service}', '{kind}', 'c-1', 1, '{json.ReplaceLineEndings(" ")}')", Ct);
        await using var store = TimelineStore.For(db.Options, Service);
        var row = Assert.Single(await store.ReadAsync(kind, "c-1", 1, Ct));
        return Assert.IsType<TimelineEntry<TKind>>(_serializer.DeserializeEntry(row, typeof(TimelineEntry<TKind>)));
    }
}

public sealed class SqliteOldTimelineEntryTests : OldTimelineEntryTests
{
    private protected override async Task<TestDatabase> CreateDatabaseAsync() => await SqliteTestDatabase.CreateAsync();
}

public sealed class PostgreSqlOldTimelineEntryTests : OldTimelineEntryTests
{
    private protected override async Task<TestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync();
}
