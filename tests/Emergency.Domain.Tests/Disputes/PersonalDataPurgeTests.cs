using System.Text.Encodings.Web;
using System.Text.Json;
using Emergency.Domain.Disputes;
using Emergency.Testing;

namespace Emergency.Domain.Tests.Disputes;

/// <summary>
/// A closed case's personal data erased (<see cref="Emergency.Domain.Cases.IHoldsPersonalData"/>): nothing of the person left anywhere in
/// its state, its procedure kept, one version and one timeline entry more, and only once, and never while open.
/// </summary>
public sealed class PersonalDataPurgeTests
{
    /// <summary>Chinese as it is, not escaped, so that a name can be searched for.</summary>
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] Secrets = ["张三", "13800138000", "11010519491231002X", "12 River Road", "Dear 张三", "water bureau"];

    [Fact]
    public void A_closed_petitions_state_keeps_no_personal_data_after_the_purge_and_keeps_its_procedure()
    {
        var dispute = DisputeDrive.Reviewed(catalog: RealDisputeRules.Henan);
        var open = dispute.D(41);
        Assert.Null(dispute.ClosedAt);
        Assert.False(dispute.PurgePersonalData(TimeSpan.FromDays(1095), open));
        dispute.Handle(new ClosePetition { Note = "张三 was told by phone" }, DisputeDrive.Officer, dispute.D(42)).Accept();
        Assert.Equal(dispute.D(42), dispute.ClosedAt);
        var before = JsonSerializer.Serialize(dispute.State, Readable);
        Assert.Contains("张三", before, StringComparison.Ordinal);
        var (version, entries, phase, answers) = (dispute.State.Version, dispute.State.Timeline.Count, dispute.State.Phase, dispute.State.Answers.Select(a => (a.Stage, a.At)).ToList());

        var at = dispute.D(42 + 1095);
        Assert.True(dispute.PurgePersonalData(TimeSpan.FromDays(1095), at));

        var after = JsonSerializer.Serialize(dispute.State, Readable);
        Assert.All(Secrets, secret => Assert.DoesNotContain(secret, after, StringComparison.Ordinal));
        Assert.DoesNotContain("told by phone", after, StringComparison.Ordinal);
        Assert.Equal(at, dispute.PersonalDataPurgedAt);
        Assert.Equal(version + 1, dispute.State.Version);
        Assert.Equal(entries + 1, dispute.State.Timeline.Count);
        Assert.Equal(phase, dispute.State.Phase);
        Assert.Equal(answers, dispute.State.Answers.Select(a => (a.Stage, a.At)).ToList());
        var note = dispute.State.Timeline[^1];
        Assert.Equal(DisputeTimelineKind.PersonalDataPurged, note.Kind);
        Assert.Equal(PersonalDataPurge.Purged.Code, note.Text.Code);
        Assert.StartsWith("个人信息已删除", note.Text.Zh(), StringComparison.Ordinal);
        Assert.Equal("system", note.Actor);

        Assert.False(dispute.PurgePersonalData(TimeSpan.FromDays(1095), at.AddDays(1)));
        Assert.Equal(version + 1, dispute.State.Version);
    }

    [Fact]
    public void A_closed_suggestion_loses_the_deputys_contact_the_letters_and_the_notes_and_keeps_the_rest()
    {
        var suggestion = SuggestionDrive.Replied();
        suggestion.Handle(new RecordDeputySatisfaction { Satisfaction = Satisfaction.Satisfied, Note = "张三 wants it sooner" }, SuggestionDrive.Office, suggestion.D(31)).Accept();
        Assert.False(suggestion.PurgePersonalData(TimeSpan.FromDays(30), suggestion.D(32)));
        suggestion.Handle(new CloseSuggestion(), SuggestionDrive.Office, suggestion.D(32)).Accept();
        var (title, deputy, content) = (suggestion.State.Title, suggestion.State.Deputy.Name, suggestion.State.Content);

        Assert.True(suggestion.PurgePersonalData(TimeSpan.FromDays(30), suggestion.D(62)));

        var after = JsonSerializer.Serialize(suggestion.State, Readable);
        Assert.DoesNotContain("Dear 张三", after, StringComparison.Ordinal);
        Assert.DoesNotContain("wants it sooner", after, StringComparison.Ordinal);
        Assert.DoesNotContain(SuggestionDrive.DeputyContact, after, StringComparison.Ordinal);
        Assert.Null(suggestion.State.Deputy.Contact);
        Assert.Equal((title, deputy, content), (suggestion.State.Title, suggestion.State.Deputy.Name, suggestion.State.Content));
        Assert.Equal(SuggestionPhase.Closed, suggestion.State.Phase);
        Assert.Equal(Satisfaction.Satisfied, suggestion.State.Satisfactions.Single().Satisfaction);
    }
}
