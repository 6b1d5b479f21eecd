using Emergency.Contracts;
using Emergency.Domain;
using Emergency.Domain.Cases;
using Emergency.Domain.Disputes;
using Emergency.Testing;

namespace Emergency.Grains.Tests;

/// <summary>A petition on the case machinery: durable, listed, redacted by role, and its limits kept across a restart.</summary>
public sealed class DisputeGrainTests : IAsyncLifetime
{
    public static readonly Actor Officer = new("petition.zhao", Role.PetitionOfficer);
    public static readonly Actor Observer = new("observer.chen", Role.Observer);

    private EngineCluster _engine = null!;

    public async ValueTask InitializeAsync() => _engine = await EngineCluster.StartAsync();

    public ValueTask DisposeAsync() => _engine.DisposeAsync();

    public static RegisterDispute Complaint(DateTimeOffset receivedAt, string enterprise = "Zhuozhang Chemical", string? idNumber = null, string? contact = null, PetitionChannel channel = PetitionChannel.Hotline12369) => new()
    {
        Channel = channel,
        ReceivedBy = ReceivedBy.Department,
        ReceivedAt = receivedAt,
        Unit = "Changzhi EPB petition office",
        Complainant = new Complainant { Name = "Li Hua", Contact = contact, IdNumber = idNumber },
        Subject = new DisputeSubject { Enterprise = enterprise, Region = "Changzhi" },
        Content = "A sharp smell from the plant every night; my address is 12 River Road.",
    };

    public static CommandContext As(Actor actor, string? commandId = null) => new(actor, commandId);

    public IDisputeGrain Dispute(string id) => _engine.Client.GetGrain<IDisputeGrain>(id);

    [Fact]
    public async Task A_registered_complaint_is_listed_without_personal_data_and_shown_redacted_to_an_observer()
    {
        var now = _engine.Clock.GetUtcNow();
        var result = await Dispute("pet-redact").Execute(Complaint(now.AddHours(-1), contact: "138-0013-8000"), As(Officer, "r-1"));
        Assert.Equal(CommandStatus.Accepted, result.Status);
        Assert.Equal("Li Hua", result.View!.Complainant!.Name);

        var observed = (await Dispute("pet-redact").GetView(Observer))!;
        Assert.True(observed.PersonalDataRedacted);
        Assert.Null(observed.Complainant);
        Assert.Null(observed.Content);
        var officer = (await Dispute("pet-redact").GetView(Officer))!;
        Assert.Equal("138-0013-8000", officer.Complainant!.Contact);

        var listed = await OpenDisputesAsync();
        var summary = Assert.Single(listed, s => s.Id == "pet-redact");
        Assert.Equal(DisputeObligationKind.Acceptance, Assert.Single(summary.Obligations).Kind);
        var wire = System.Text.Json.JsonSerializer.Serialize(summary, DomainJson.Options);
        Assert.DoesNotContain("Li Hua", wire, StringComparison.Ordinal);
        Assert.DoesNotContain("River Road", wire, StringComparison.Ordinal);

        // A retry of the registration is recognised; a refused move changes nothing.
        var retry = await Dispute("pet-redact").Execute(Complaint(now.AddHours(-1), contact: "138-0013-8000"), As(Officer, "r-1"));
        Assert.Equal(CommandStatus.Replayed, retry.Status);
        var refused = await Dispute("pet-redact").Execute(new ReplyToPetition { Content = "too early" }, As(Officer));
        Assert.Equal(CommandStatus.NotAllowed, refused.Status);
        Assert.Equal(officer.Version, (await Dispute("pet-redact").GetView(Officer))!.Version);
    }

    [Fact]
    public async Task A_restart_in_the_middle_of_a_limit_marks_what_passed_while_down_and_fires_what_is_ahead()
    {
        var start = _engine.Clock.GetUtcNow();
        var id = "pet-restart";
        Assert.Equal(CommandStatus.Accepted, (await Dispute(id).Execute(Complaint(start.AddHours(-2), enterprise: "Restart Coking"), As(Officer))).Status);
        Assert.Equal(CommandStatus.Accepted, (await Dispute(id).Execute(new DecideAcceptance { Outcome = AcceptanceOutcome.Accepted }, As(Officer))).Status);
        var assigned = await Dispute(id).Execute(new AssignPetition
        {
            Leader = "Deputy director Wang",
            Unit = "Pollution control section",
            Requirement = "Inspect the night-time emissions and report",
            Deadline = start.AddDays(10),
        }, As(Officer));
        Assert.Equal(CommandStatus.Accepted, assigned.Status);
        var handlingDue = assigned.View!.Obligations.Single(o => o.Kind == DisputeObligationKind.Handling).DueAt;
        var replyDue = assigned.View.Obligations.Single(o => o.Kind == DisputeObligationKind.Reply).DueAt;
        Assert.True(replyDue > handlingDue.AddDays(30), $"reply due {replyDue}, handling due {handlingDue}");

        // The handling deadline passes while the engine is down; the reply limit does not.
        await _engine.RestartAsync(whileDown: () => _engine.Clock.Advance(TimeSpan.FromDays(12)));
        var restartedAt = _engine.Clock.GetUtcNow();

        // The start-up warm-up, not a request to the case, marks it.
        var summary = Assert.Single(await OpenDisputesAsync(), s => s.Id == id);
        Assert.True(summary.Overdue);
        var view = (await Dispute(id).GetView(Officer))!;
        var marked = view.Timeline.Single(e => e.Kind == DisputeTimelineKind.ObligationOverdue);
        Assert.Equal(handlingDue, marked.At);
        Assert.Equal(restartedAt, marked.RecordedAt);
        Assert.Equal("Deputy director Wang", view.Assignment!.Leader);

        // The reply limit ahead fires on the new activation's timer.
        _engine.Clock.Advance(replyDue - restartedAt + TimeSpan.FromSeconds(1));
        var fired = await Eventually.Until(() => Dispute(id).GetView(Officer),
            v => v!.Obligations.Any(o => o.Kind == DisputeObligationKind.Reply && o.Status == ObligationStatus.Overdue),
            "the reply limit to fire after the restart", TimeSpan.FromSeconds(5));
        Assert.Equal(replyDue, fired!.Timeline.Last(e => e.Kind == DisputeTimelineKind.ObligationOverdue).At);
    }

    [Fact]
    public async Task Suggestions_run_on_the_same_machinery_and_are_listed()
    {
        var now = _engine.Clock.GetUtcNow();
        var grain = _engine.Client.GetGrain<ISuggestionGrain>("sug-one");
        var registered = await grain.Execute(new RegisterSuggestion
        {
            Kind = SuggestionKind.DeputySuggestion,
            Title = "Move the coking plant away from the school",
            Deputy = new Deputy { Name = "Deputy Sun", Contact = "139-0000-0000" },
            Content = "The plant is 300 m from Nanguan primary school.",
            ReceivedAt = now.AddDays(-1),
            Unit = "EPB general office",
        }, As(Officer));
        Assert.Equal(CommandStatus.Accepted, registered.Status);
        Assert.Null((await grain.GetView(Observer))!.DeputyContact);
        var assigned = await grain.Execute(new AssignSuggestion
        {
            Leader = "Deputy director Li",
            Unit = "Air division",
            Requirement = "Answer on moving the plant.",
            Deadline = now.AddDays(30),
        }, As(Officer));
        Assert.Equal(CommandStatus.Accepted, assigned.Status);
        Assert.Equal(SuggestionPhase.Assigned, assigned.View!.Phase);
        Assert.Contains("return", assigned.View.AllowedMoves);
        Assert.Contains(await _engine.Client.GetGrain<ISuggestionDirectoryGrain>(Scopes.Live).List(), s => s.Id == "sug-one");
    }

    private async Task<IReadOnlyList<DisputeSummary>> OpenDisputesAsync()
    {
        return await _engine.Client.GetGrain<IDisputeDirectoryGrain>(Scopes.Live).List();
    }
}
