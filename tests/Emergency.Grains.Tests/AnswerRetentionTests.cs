using System.Text;
using System.Text.Json;
using Emergency.Grains.Cases;
using Emergency.Domain.Incidents;

namespace Emergency.Grains.Tests;

/// <summary>What a case keeps of its first answers: the newest ones, each for the window; the command ids stay.</summary>
public sealed class AnswerRetentionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(8));

    private static readonly AnswerRetention Retention = new(TimeSpan.FromHours(1), 2);

    [Fact]
    public void Only_the_newest_answers_within_the_window_are_kept_and_every_command_id_stays()
    {
        var record = new CaseRecord<IncidentState>();
        record.Remember(Applied("a", T0), Retention, T0);
        record.Remember(Applied("b", T0.AddMinutes(1)), Retention, T0.AddMinutes(1));
        record.Remember(Applied("c", T0.AddMinutes(2)), Retention, T0.AddMinutes(2));

        Assert.Equal(["a", "b", "c"], record.Commands.Select(c => c.Id));
        Assert.Equal([false, true, true], record.Commands.Select(c => c.Answer is not null));

        record.Remember(Applied("d", T0.AddMinutes(62)), Retention, T0.AddMinutes(62));

        Assert.Equal([false, false, true, true], record.Commands.Select(c => c.Answer is not null));
        Assert.False(record.FindCommand("c")!.AnswerStands(Retention, T0.AddMinutes(63)));
        Assert.True(record.FindCommand("d")!.AnswerStands(Retention, T0.AddMinutes(63)));
    }

    [Fact]
    public void A_command_stored_before_answers_were_kept_loads_without_one()
    {
        var stored = JsonSerializer.Deserialize<AppliedCommand>("""{"id":"u/k","fingerprint":"AB","version":3}""", JsonSerializerOptions.Web)!;

        Assert.Equal(("u/k", 3L), (stored.Id, stored.Version));
        Assert.Null(stored.Answer);
        Assert.False(stored.AnswerStands(Retention, T0));
    }

    [Fact]
    public void An_answer_is_kept_as_its_json_and_one_over_the_limit_is_not_kept()
    {
        var view = new { id = "pet-1", version = 3, note = "张秀英 \"quoted\"", items = new[] { 1, 2, 3 } };
        var json = JsonSerializer.SerializeToUtf8Bytes(view, Emergency.Contracts.DomainJson.Options);

        var kept = new AnswerRetention(TimeSpan.FromHours(1), 2, MaxBytes: json.Length).Keep(view);

        Assert.Equal(Encoding.UTF8.GetString(json), kept?.GetRawText());
        Assert.Null(new AnswerRetention(TimeSpan.FromHours(1), 2, MaxBytes: json.Length - 1).Keep(view));
    }

    private static AppliedCommand Applied(string id, DateTimeOffset at) =>
        new(id, "F", 1) { Answer = JsonSerializer.SerializeToElement(new { version = 1 }), AnsweredAt = at };
}
