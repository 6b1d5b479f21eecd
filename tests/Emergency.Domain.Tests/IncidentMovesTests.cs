using System.Text.Json;
using Emergency.Domain.Cases;
using Emergency.Domain.Incidents;
using Emergency.Testing;

namespace Emergency.Domain.Tests;

/// <summary>An incident's moves as data: one record per move, read from JSON by its name, judged by one handler and the machine.</summary>
public sealed class IncidentMovesTests
{
    [Fact]
    public void Every_move_is_a_record_named_as_its_route()
    {
        Assert.Equal(
            [("acknowledgeAlert", typeof(AcknowledgeAlert), false), ("recordSpill", typeof(RecordSpill), false), ("riverObservation", typeof(RiverObservation), false), ("sendWarning", typeof(SendWarning), false),
             ("acknowledgeWarning", typeof(AcknowledgeWarning), false), ("report", typeof(ReportIncident), true), ("reports", typeof(FileReport), false), ("completeObligation", typeof(CompleteObligation), false),
             ("facts", typeof(UpdateFacts), false), ("corrections", typeof(RecordCorrection), false), ("close", typeof(CloseIncident), false),
             ("draftRelease", typeof(DraftRelease), false), ("updateRelease", typeof(UpdateRelease), false), ("correctRelease", typeof(CorrectRelease), false),
             ("withdrawRelease", typeof(WithdrawRelease), false), ("approveRelease", typeof(ApproveRelease), false), ("publishRelease", typeof(PublishRelease), false),
             ("recordHop", typeof(RecordHop), false)],
            Moves.Of<IncidentCommand>().Select(m => (m.Name, m.Type, m.Creates)));
        Assert.All(Moves.Of<IncidentCommand>().Where(m => m.Type != typeof(ApproveRelease)), m => Assert.Equal([Role.DutyCommander], m.Roles));
        Assert.Equal([Role.DecisionMaker, Role.DutyCommander], Moves.Info(typeof(ApproveRelease)).Roles);
    }

    [Fact]
    public void A_move_read_as_an_incident_command_is_its_record()
    {
        const string Json = """{"kind": "followUp", "medium": "written", "move": "reports", "signedOffBy": "Director Li", "contact": "0355-12369", "content": "the plume"}""";

        var command = JsonSerializer.Deserialize<IncidentCommand>(Json, JsonShape.Options);

        Assert.Equal(new FileReport { Kind = ReportKind.FollowUp, Medium = ReportMedium.Written, SignedOffBy = "Director Li", Contact = "0355-12369", Content = "the plume" }, command);
        Assert.Equal("""{"move":"completeObligation","obligation":"reachScene","at":null,"note":null,"notified":null}""",
            JsonSerializer.Serialize<IncidentCommand>(new CompleteObligation { Obligation = ObligationKind.ReachScene }, JsonShape.Options));
    }

    [Fact]
    public void An_unknown_move_is_refused_by_name()
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<IncidentCommand>("""{"move": "fileReport", "kind": "initial"}""", JsonShape.Options));

        Assert.Contains("fileReport", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registering_again_is_refused_by_the_handler()
    {
        var incident = Drive.Register();

        var decision = incident.Refused(incident.T(1), i => i.Handle(Cmd.Register(), Drive.Commander, incident.T(1)), DecisionOutcome.NotAllowed);

        Assert.Equal("the incident is already registered", decision.Reason.En());
    }

    [Theory]
    [InlineData("Registered")]
    [InlineData("Responding")]
    [InlineData("FinalReportFiled")]
    [InlineData("Closed")]
    public void Allowed_moves_are_the_moves_the_handler_accepts(string phase)
    {
        var incident = phase switch
        {
            "Registered" => Drive.Register(Facts.Known with { CrossBoundary = CrossBoundary.CrossCity }),
            "Responding" => Drive.Responding(),
            "FinalReportFiled" => Drive.FinalReportFiled(allDone: true),
            _ => Drive.Closed(),
        };
        var now = incident.State.Timeline[^1].RecordedAt.AddMinutes(1);
        incident.Tick(now);
        var candidates = Enum.GetValues<ReportKind>().Select(k => ((IncidentCommand)Cmd.Report(k), $"reports({JsonNamingPolicy.CamelCase.ConvertName(k.ToString())})"))
            .Concat(Enum.GetValues<ObligationKind>().Select(k => ((IncidentCommand)(Cmd.Complete(k) with { Notified = k == ObligationKind.NotifyNeighbours ? "Handan EPB" : null }), $"completeObligation({k.Name()})")))
            .Append(((IncidentCommand)Cmd.Update(Facts.Known with { Evacuated = 10 }), "facts"))
            .Append((new RecordCorrection { Kind = CorrectionKind.Concealed, Concerns = "registration", Declared = "no one", Actual = "ten", KnownAt = now }, "corrections"))
            .Append((Cmd.Close(), "close"))
            .Append((new RecordSpill { Reach = "longjiang-hechi", PositionKm = 0, At = new(2015, 2, 28, 8, 0, 0, Times.China), Pollutant = "cadmium", MassKg = 20_000 }, "recordSpill"))
            .Append((Cmd.Draft(), "draftRelease"))
            .Concat(incident.State.Obligations.Select(o => ((IncidentCommand)new AcknowledgeAlert { Obligation = o.Id }, $"acknowledgeAlert({o.Id})")))
            .Concat(incident.State.Releases.SelectMany(r => new (IncidentCommand, string)[]
            {
                (new UpdateRelease { Release = r.Number, Headline = "续报", Text = "下游已停止取水" }, $"updateRelease({r.Number})"),
                (new CorrectRelease { Release = r.Number, Headline = "更正", Text = "实测值", Reason = "数值有误" }, $"correctRelease({r.Number})"),
                (new WithdrawRelease { Release = r.Number, Reason = "有误" }, $"withdrawRelease({r.Number})"),
                (Cmd.Approve(r.Number), $"approveRelease({r.Number})"),
                (Cmd.Publish(r.Number), $"publishRelease({r.Number})"),
            }));

        var accepted = candidates
            .Where(c => Incident.Load(JsonSerializer.Deserialize<IncidentState>(JsonSerializer.Serialize(incident.State, JsonShape.Options), JsonShape.Options)!, RealRules.Catalog)
                .WithRivers(Rivers.RealRivers.Catalog)
                .Handle(c.Item1, Drive.Commander, now).Outcome == DecisionOutcome.Accepted)
            .Select(c => c.Item2);

        Assert.Equal(accepted.Order(StringComparer.Ordinal), incident.AllowedMoves(now).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_machine_graph_page_is_current() =>
        MachineGraphs.AssertCurrent("incident", "突发环境事件 — Incident", Incident.Graph());
}
