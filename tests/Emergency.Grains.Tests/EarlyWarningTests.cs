using Emergency.Contracts;
using Emergency.Domain;
using Emergency.Domain.Disputes;
using Emergency.Domain.Disputes.EarlyWarning;
using static Emergency.Grains.Tests.DisputeGrainTests;
using Emergency.Testing;

namespace Emergency.Grains.Tests;

/// <summary>N complaints about one enterprise raise a warning with its evidence; repeat complainants are linked; a warning becomes an incident.</summary>
public sealed class EarlyWarningTests : IAsyncLifetime
{
    private static readonly Actor Commander = new("duty.zhang", Role.DutyCommander);

    private EngineCluster _engine = null!;

    public async ValueTask InitializeAsync() => _engine = await EngineCluster.StartAsync();

    public ValueTask DisposeAsync() => _engine.DisposeAsync();

    [Fact]
    public async Task Five_complaints_within_the_window_raise_one_warning_that_escalates_into_an_incident_the_complaints_name()
    {
        var now = _engine.Clock.GetUtcNow();

        // cn-2022: 5 complaints about one enterprise within 7 days. Spellings differ; the subject is one.
        var spellings = new[] { "Zhuozhang Chemical", "ZHUOZHANG  chemical", " zhuozhang chemical", "Ｚｈｕｏｚｈａｎｇ Ｃｈｅｍｉｃａｌ", "Zhuozhang Chemical" };
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add($"pet-ew{i}");
            Assert.Equal(CommandStatus.Accepted, (await Grain(ids[i]).Execute(Complaint(now.AddDays(-6 + i), spellings[i]), As(Officer))).Status);
        }

        Assert.Empty(await Warnings());

        // The fifth, and a retry of it, raise exactly one warning.
        ids.Add("pet-ew4");
        Assert.Equal(CommandStatus.Accepted, (await Grain("pet-ew4").Execute(Complaint(now.AddHours(-1), spellings[4]), As(Officer, "fifth"))).Status);
        Assert.Equal(CommandStatus.Replayed, (await Grain("pet-ew4").Execute(Complaint(now.AddHours(-1), spellings[4]), As(Officer, "fifth"))).Status);
        var warning = Assert.Single(await Warnings());
        Assert.Equal(ClusterSubjectKind.Enterprise, warning.SubjectKind);
        Assert.Equal(ids, warning.Evidence.Select(e => e.CaseId));
        Assert.Equal(now.AddHours(-1), warning.RaisedAt);
        Assert.Equal(now.AddDays(-6), warning.FirstAt);
        Assert.Contains("5 complaints within", warning.Rule.En(), StringComparison.Ordinal);
        var stored = (await _engine.Client.GetGrain<IWarningGrain>(warning.Id).Get())!;
        Assert.Equal(ids, stored.Evidence.Select(e => e.CaseId));

        // A sixth joins the burst: no second warning.
        Assert.Equal(CommandStatus.Accepted, (await Grain("pet-ew5").Execute(Complaint(now, "Zhuozhang Chemical"), As(Officer))).Status);
        Assert.Single(await Warnings());

        var escalated = await _engine.Client.GetGrain<IWarningGrain>(warning.Id).Escalate(new EscalateWarning { Note = "night-time releases suspected" }, new CommandContext(Commander, "esc-1"));
        Assert.Equal(CommandStatus.Accepted, escalated.Status);
        var incidentId = escalated.View!.Escalation!.IncidentId;
        var incident = (await _engine.Incident(incidentId).GetView())!;
        Assert.Equal("Changzhi", incident.Region);
        Assert.All(ids, id => Assert.Contains(id, incident.Description!, StringComparison.Ordinal));
        foreach (var id in ids)
        {
            var noted = (await Grain(id).GetView(Officer))!.Timeline.Single(e => e.Kind == DisputeTimelineKind.EscalatedToIncident);
            Assert.Equal(incidentId, noted.Ref);
        }

        // Once only: a retry replays, another escalation is refused and changes nothing.
        Assert.Equal(CommandStatus.Replayed, (await _engine.Client.GetGrain<IWarningGrain>(warning.Id).Escalate(new EscalateWarning { Note = "night-time releases suspected" }, new CommandContext(Commander, "esc-1"))).Status);
        var again = await _engine.Client.GetGrain<IWarningGrain>(warning.Id).Escalate(new EscalateWarning(), new CommandContext(Commander, "esc-2"));
        Assert.Equal(CommandStatus.NotAllowed, again.Status);
        Assert.Equal(2, Assert.Single(await Warnings()).Version);
    }

    [Fact]
    public async Task Complaints_outside_the_window_raise_nothing_and_a_repeat_complainant_is_linked_across_subjects()
    {
        var now = _engine.Clock.GetUtcNow();
        for (var i = 0; i < 5; i++)
        {
            // Eight days apart: never five within seven days.
            Assert.Equal(CommandStatus.Accepted, (await Grain($"pet-slow{i}").Execute(Complaint(now.AddDays(-40 + (8 * i)), "Slow Paper Mill"), As(Officer))).Status);
        }

        Assert.Empty(await Warnings());

        var first = await Grain("pet-first").Execute(Complaint(now.AddDays(-30), "Nanguan Coking", idNumber: "11010519491231002X"), As(Officer));
        Assert.Equal(CommandStatus.Accepted, first.Status);
        var second = await Grain("pet-second").Execute(Complaint(now.AddDays(-1), "Another Plant", idNumber: " 11010519491231002x"), As(Officer));
        Assert.True(second.Status == CommandStatus.Accepted, second.Decision?.Reason.En());
        Assert.Contains("pet-first", second.View!.EarlierCases);
        Assert.False(second.View.PersonalDataRedacted);
        Assert.Contains(second.View.Timeline, e => e.Kind == DisputeTimelineKind.EarlierCasesLinked && e.Text.En().Contains("pet-first", StringComparison.Ordinal));
        Assert.Contains("pet-first", (await Grain("pet-second").GetView(Officer))!.EarlierCases);
    }

    [Fact]
    public async Task A_complainants_history_leaves_memory_once_counted_and_the_persons_next_complaint_still_finds_the_first()
    {
        var now = _engine.Clock.GetUtcNow();
        var first = await Grain("pet-once").Execute(Complaint(now.AddHours(-3), "Once Cement", contact: "139-0000-7001"), As(Officer));
        Assert.Equal(CommandStatus.Accepted, first.Status);

        // Nothing deactivates it here: the count itself leaves memory once answered (Cases:IdleAfter is minutes).
        await Eventually.Until(ActiveHistoriesAsync, active => active == 0, "the complainant's history to leave memory");

        var again = await Grain("pet-again").Execute(Complaint(now.AddHours(-1), "Other Cement", contact: "139-0000-7001"), As(Officer));
        Assert.Equal(CommandStatus.Accepted, again.Status);
        Assert.Equal(["pet-once"], again.View!.EarlierCases);
        await Eventually.Until(ActiveHistoriesAsync, active => active == 0, "the complainant's history to leave memory again");
    }

    [Fact]
    public async Task The_count_and_the_complainants_survive_a_restart()
    {
        var now = _engine.Clock.GetUtcNow();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(CommandStatus.Accepted, (await Grain($"pet-before{i}").Execute(Complaint(now.AddHours(-10 + i), "Restart Smelter", idNumber: i == 0 ? "11010519491231002X" : null), As(Officer))).Status);
        }

        await _engine.RestartAsync();

        Assert.Equal(CommandStatus.Accepted, (await Grain("pet-after0").Execute(Complaint(now.AddHours(-2), "Restart Smelter"), As(Officer))).Status);
        Assert.Empty(await Warnings());
        var fifth = await Grain("pet-after1").Execute(Complaint(now.AddHours(-1), "Restart Smelter", idNumber: "11010519491231002X"), As(Officer));
        Assert.Equal(["pet-before0"], fifth.View!.EarlierCases);
        var warning = Assert.Single(await Warnings());
        Assert.Equal(["pet-before0", "pet-before1", "pet-before2", "pet-after0", "pet-after1"], warning.Evidence.Select(e => e.CaseId));
    }

    [Fact]
    public async Task Warnings_raised_together_share_the_lists_writes_and_are_all_listed_once_also_after_a_restart_and_a_retry()
    {
        var now = _engine.Clock.GetUtcNow();
        const int enterprises = 40;
        for (var i = 0; i < 4; i++)
        {
            await Task.WhenAll(Enumerable.Range(0, enterprises).Select(async e =>
                Assert.Equal(CommandStatus.Accepted, (await Grain($"pet-together{e}x{i}").Execute(Complaint(now.AddHours(-10 + i), $"Together Works {e}"), As(Officer))).Status)));
        }

        // The fifth complaints about forty enterprises at once: forty warnings stored and listed while the list writes.
        var fifths = await Task.WhenAll(Enumerable.Range(0, enterprises).Select(e => Grain($"pet-together{e}x4").Execute(Complaint(now.AddHours(-5), $"Together Works {e}"), As(Officer, $"fifth-{e}"))));
        Assert.All(fifths, f => Assert.Equal(CommandStatus.Accepted, f.Status));
        Assert.Equal(enterprises, (await Warnings()).Select(w => w.Id).Distinct().Count());

        await _engine.RestartAsync();
        var retried = await Task.WhenAll(Enumerable.Range(0, enterprises).Select(e => Grain($"pet-together{e}x4").Execute(Complaint(now.AddHours(-5), $"Together Works {e}"), As(Officer, $"fifth-{e}"))));
        Assert.All(retried, r => Assert.Equal(CommandStatus.Replayed, r.Status));
        var listed = await Warnings();
        Assert.Equal(enterprises, listed.Count);
        Assert.Equal(Enumerable.Range(0, enterprises).Select(e => $"Together Works {e}").Order(), listed.Select(w => w.Subject).Order());
        Assert.All(listed, w => Assert.Equal(5, w.Evidence.Count));
    }

    private async Task<int> ActiveHistoriesAsync()
    {
        var statistics = await _engine.Client.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics.Where(s => s.GrainType.StartsWith("Emergency.Grains.EarlyWarning.ComplainantGrain,", StringComparison.Ordinal)).Sum(s => s.ActivationCount);
    }

    private IDisputeGrain Grain(string id) => _engine.Client.GetGrain<IDisputeGrain>(id);

    private Task<IReadOnlyList<EarlyWarningRecord>> Warnings() => _engine.Client.GetGrain<IWarningDirectoryGrain>(Scopes.Live).List();
}
