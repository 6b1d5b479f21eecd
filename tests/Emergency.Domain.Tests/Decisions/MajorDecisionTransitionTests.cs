using Emergency.Domain.Decisions;
using Emergency.Testing;

namespace Emergency.Domain.Tests.Decisions;

/// <summary>
/// Every command in every stage of Draft → … → Decided: accepted and moving the matter as the procedure says, or
/// refused with a reason, the possible moves, and no change at all.
/// </summary>
public sealed class MajorDecisionTransitionTests
{
    private static readonly string[] Commands =
    [
        "submit", "planAssessment", "openPublicComment", "closePublicComment", "recordViews", "attachPublicOpinion", "finishHearingViews",
        "recordFinding", "rateRisk", "recordMitigation", "writeReport", "recordReview", "takeCollectiveDecision", "changeProposal",
    ];

    /// <summary>What each stage accepts (at low risk, with a questionnaire heard and the comment period just opened); everything else is refused.</summary>
    private static readonly Dictionary<string, (string[] Accepted, string After)[]> Accepts = new()
    {
        ["Draft"] = [(["submit"], "Submitted"), (["changeProposal"], "Draft")],
        ["Submitted"] = [(["planAssessment"], "AssessmentPlanned"), (["attachPublicOpinion", "changeProposal"], "Submitted")],
        ["AssessmentPlanned"] = [(["openPublicComment", "recordViews"], "HearingViews"), (["planAssessment", "attachPublicOpinion", "changeProposal"], "AssessmentPlanned")],
        ["HearingViews"] = [(["recordViews", "attachPublicOpinion"], "HearingViews"), (["changeProposal"], "AssessmentPlanned")],
        ["ViewsHeard"] = [(["recordFinding", "attachPublicOpinion"], "ViewsHeard"), (["changeProposal"], "AssessmentPlanned")],
        ["Analysed"] = [(["rateRisk"], "RiskRated"), (["attachPublicOpinion"], "Analysed"), (["changeProposal"], "AssessmentPlanned")],
        ["RiskRated"] = [(["rateRisk", "recordMitigation", "attachPublicOpinion"], "RiskRated"), (["writeReport"], "Reported"), (["changeProposal"], "AssessmentPlanned")],
        ["Reported"] = [(["recordReview", "attachPublicOpinion"], "Reported"), (["changeProposal"], "AssessmentPlanned")],
        ["Reviewed"] = [(["takeCollectiveDecision"], "Decided"), (["attachPublicOpinion"], "Reviewed"), (["changeProposal"], "AssessmentPlanned")],
        ["Postponed"] = [(["takeCollectiveDecision"], "Decided"), (["attachPublicOpinion"], "Postponed"), (["changeProposal"], "AssessmentPlanned")],
        ["Decided"] = [],
    };

    public static TheoryData<string, string, bool, string> Matrix { get; } = BuildMatrix();

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Command_in_stage(string stage, string command, bool accepted, string after)
    {
        var c = MatterCase.InStage(stage);
        c.Later(TimeSpan.FromHours(1));
        var allowed = c.Matter.AllowedMoves(c.Now);
        Assert.Equal(accepted, allowed.Contains(MoveName(command)));

        if (accepted)
        {
            var version = c.State.Version;
            var entries = c.State.Timeline.Count;

            Run(c, command).Accept();

            Assert.Equal(version + 1, c.State.Version);
            Assert.True(c.State.Timeline.Count > entries);
            Assert.Equal(after, c.State.Stage.ToString());
        }
        else
        {
            var decision = c.Refused(_ => Run(c, command));

            Assert.Equal(allowed, decision.AllowedMoves);
            Assert.Equal(stage, c.State.Stage.ToString());
        }
    }

    [Theory]
    [InlineData("Draft", new[] { "submit", "changeProposal" })]
    [InlineData("Submitted", new[] { "planAssessment", "attachPublicOpinion", "changeProposal" })]
    [InlineData("AssessmentPlanned", new[] { "planAssessment", "openPublicComment", "recordViews(questionnaire)", "recordViews(visit)", "recordViews(hearing)", "attachPublicOpinion", "changeProposal" })]
    [InlineData("HearingViews", new[] { "recordViews(questionnaire)", "recordViews(visit)", "recordViews(hearing)", "attachPublicOpinion", "changeProposal" })]
    [InlineData("ViewsHeard", new[] { "recordFinding(legality)", "recordFinding(reasonableness)", "recordFinding(feasibility)", "recordFinding(controllability)", "attachPublicOpinion", "changeProposal" })]
    [InlineData("Analysed", new[] { "rateRisk", "attachPublicOpinion", "changeProposal" })]
    [InlineData("RiskRated", new[] { "rateRisk", "recordMitigation", "writeReport", "attachPublicOpinion", "changeProposal" })]
    [InlineData("Reported", new[] { "recordReview(stabilityOffice)", "recordReview(legalOffice)", "attachPublicOpinion", "changeProposal" })]
    [InlineData("Reviewed", new[] { "takeCollectiveDecision(implement)", "takeCollectiveDecision(implementAfterMitigation)", "takeCollectiveDecision(postpone)", "takeCollectiveDecision(doNotImplement)", "attachPublicOpinion", "changeProposal" })]
    [InlineData("Postponed", new[] { "takeCollectiveDecision(implement)", "takeCollectiveDecision(implementAfterMitigation)", "takeCollectiveDecision(doNotImplement)", "attachPublicOpinion", "changeProposal" })]
    [InlineData("Decided", new string[0])]
    public void Allowed_moves_of_each_stage(string stage, string[] expected)
    {
        var c = MatterCase.InStage(stage);

        Assert.Equal(expected, c.Matter.AllowedMoves(c.Now));
    }

    [Theory]
    [InlineData("Draft", "rateRisk", "cannot rate the risk: the matter is a draft; submit it first")]
    [InlineData("Draft", "attachPublicOpinion", "cannot attach public opinion: the matter is a draft; submit it first")]
    [InlineData("Submitted", "submit", "the matter was already submitted at 2026-11-27 09:00 Beijing time")]
    [InlineData("Submitted", "openPublicComment", "cannot open public comment before the assessment is planned (planAssessment)")]
    [InlineData("AssessmentPlanned", "closePublicComment", "public comment has not been opened")]
    [InlineData("AssessmentPlanned", "finishHearingViews", "no view has been heard yet")]
    [InlineData("HearingViews", "planAssessment", "the assessment plan cannot change once views are being heard; a change to the proposal reopens the assessment")]
    [InlineData("HearingViews", "openPublicComment", "public comment was already opened at 2026-11-27 11:00 Beijing time on the bureau's website")]
    [InlineData("HearingViews", "recordFinding", "the analysis starts once views are heard (finishHearingViews)")]
    [InlineData("ViewsHeard", "recordViews", "cannot record views by questionnaire (问卷调查): hearing views ended at 2026-12-27 12:00 Beijing time; a change to the proposal reopens the assessment")]
    [InlineData("ViewsHeard", "rateRisk", "the risk is rated once every dimension is analysed: still to analyse: legality (合法性), reasonableness (合理性), feasibility (可行性), controllability (可控性)")]
    [InlineData("Analysed", "recordMitigation", "mitigation measures answer a risk rating: rate the risk first")]
    [InlineData("Analysed", "writeReport", "the report needs a risk rating first")]
    [InlineData("Analysed", "recordFinding", "every dimension is already analysed")]
    [InlineData("RiskRated", "recordReview", "there is no report to review yet")]
    [InlineData("Reported", "rateRisk", "the risk cannot be rated again once report #1 is written; a review that returns the report sends it back")]
    [InlineData("Reported", "takeCollectiveDecision", "the collective decision needs the preliminary reviews of both offices: waiting for the stability office (维稳办), the legal office (法制机构)")]
    [InlineData("Reviewed", "recordReview", "both offices already agreed to report #1")]
    [InlineData("Decided", "changeProposal", "cannot change the proposal: the matter was decided (do not implement (不实施)) at 2026-12-27 22:00 Beijing time")]
    public void A_refusal_says_why(string stage, string command, string reason)
    {
        var c = MatterCase.InStage(stage);

        var decision = c.Refused(_ => Run(c, command));

        Assert.Equal(reason, decision.Reason.En());
    }

    [Fact]
    public void Findings_on_a_dimension_are_kept_as_recorded()
    {
        var c = MatterCase.InStage("ViewsHeard").Step((m, now) => m.Handle(DecisionCmd.Finding(AnalysisDimension.Legality), People.Assessor, now));

        var decision = c.Refused(m => m.Handle(DecisionCmd.Finding(AnalysisDimension.Legality) with { Findings = "rewritten" }, People.Assessor, c.Now));

        Assert.Equal("legality (合法性) was already analysed at 2026-12-27 13:00 Beijing time by assessor.zhao (Assessor); findings are kept as recorded", decision.Reason.En());
    }

    [Fact]
    public void The_last_dimension_completes_the_analysis()
    {
        var c = MatterCase.InStage("ViewsHeard");
        foreach (var dimension in new[] { AnalysisDimension.Legality, AnalysisDimension.Reasonableness, AnalysisDimension.Feasibility })
        {
            c.Step((m, now) => m.Handle(DecisionCmd.Finding(dimension), People.Assessor, now));
            Assert.Equal(MajorDecisionStage.ViewsHeard, c.State.Stage);
        }

        c.Step((m, now) => m.Handle(DecisionCmd.Finding(AnalysisDimension.Controllability), People.Assessor, now));

        Assert.Equal(MajorDecisionStage.Analysed, c.State.Stage);
    }

    [Fact]
    public void A_dimension_the_rule_set_does_not_ask_for_is_invalid()
    {
        var c = MatterCase.InStage("ViewsHeard");

        var decision = c.Refused(m => m.Handle(DecisionCmd.Finding(AnalysisDimension.Safety), People.Assessor, c.Now), DecisionOutcome.Invalid);

        var error = Assert.Single(decision.Errors);
        Assert.Equal("dimension", error.Field);
        Assert.Equal(DecisionTexts.DimensionNotAnalysed.Code, error.Message.Code);
        Assert.StartsWith("safety (安全性) is not analysed under rule set decisions-cn-2019 (dimensions: legality", error.Message.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void Matters_judged_by_the_2012_rules_are_analysed_on_controllability_as_their_source_says()
    {
        var c = new MatterCase(start: new DateTimeOffset(2013, 5, 6, 9, 0, 0, MatterCase.China)).ViewsHeard();

        Assert.Equal(
            ["recordFinding(legality)", "recordFinding(reasonableness)", "recordFinding(feasibility)", "recordFinding(controllability)", "attachPublicOpinion", "changeProposal"],
            c.Matter.AllowedMoves(c.Now));
        foreach (var dimension in new[] { AnalysisDimension.Legality, AnalysisDimension.Reasonableness, AnalysisDimension.Feasibility, AnalysisDimension.Controllability })
        {
            c.Step((m, now) => m.Handle(DecisionCmd.Finding(dimension), People.Assessor, now));
        }

        Assert.Equal(MajorDecisionStage.Analysed, c.State.Stage);
    }

    [Fact]
    public void Under_the_2012_rules_a_finding_on_safety_is_the_older_word_for_controllability()
    {
        var c = new MatterCase(start: new DateTimeOffset(2013, 5, 6, 9, 0, 0, MatterCase.China)).ViewsHeard();
        foreach (var dimension in new[] { AnalysisDimension.Legality, AnalysisDimension.Reasonableness, AnalysisDimension.Feasibility, AnalysisDimension.Safety })
        {
            c.Step((m, now) => m.Handle(DecisionCmd.Finding(dimension), People.Assessor, now));
        }

        Assert.Equal(MajorDecisionStage.Analysed, c.State.Stage);
        Assert.Equal(AnalysisDimension.Controllability, c.State.Round!.Findings[^1].Dimension);
        var again = c.Refused(m => m.Handle(DecisionCmd.Finding(AnalysisDimension.Controllability), People.Assessor, c.Now), DecisionOutcome.NotAllowed);
        Assert.Equal(DecisionRefusals.OutOfOrder, DecisionRefusals.CodeOf(again.Reason));
    }

    [Fact]
    public void The_plan_must_include_the_methods_the_rule_set_requires()
    {
        var c = MatterCase.InStage("Submitted");

        var decision = c.Refused(m => m.Handle(DecisionCmd.Plan(ViewMethod.Questionnaire), People.Assessor, c.Now), DecisionOutcome.Invalid);

        var error = Assert.Single(decision.Errors);
        Assert.Equal("methods", error.Field);
        Assert.Equal(DecisionTexts.MethodRequired.Code, error.Message.Code);
        Assert.StartsWith("must include public comment (公开征求意见), which rule set decisions-cn-2019 requires", error.Message.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void Revising_the_plan_before_any_view_keeps_one_round()
    {
        var c = MatterCase.InStage("AssessmentPlanned");

        c.Step((m, now) => m.Handle(DecisionCmd.Plan(ViewMethod.PublicComment, ViewMethod.Hearing), People.Assessor, now));

        var round = Assert.Single(c.State.Rounds);
        Assert.Equal([ViewMethod.PublicComment, ViewMethod.Hearing], round.PlannedMethods);
        Assert.StartsWith("Assessment plan revised", c.State.Timeline[^1].Text.En(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(MalformedCommands))]
    public void Malformed_commands_are_invalid_and_change_nothing(string stage, string field, Func<MajorDecision, DateTimeOffset, Decision> command)
    {
        var c = MatterCase.InStage(stage);

        var decision = c.Refused(m => command(m, c.Now), DecisionOutcome.Invalid);

        Assert.Contains(decision.Errors, e => e.Field == field);
    }

    public static TheoryData<string, string, Func<MajorDecision, DateTimeOffset, Decision>> MalformedCommands() => new()
    {
        { "Draft", "note", (m, now) => m.Handle(new SubmitMajorDecision { Note = new string('n', 30_000) }, People.Maker, now) },
        { "Submitted", "assessedBy", (m, now) => m.Handle(DecisionCmd.Plan() with { AssessedBy = " " }, People.Assessor, now) },
        { "Submitted", "methods", (m, now) => m.Handle(DecisionCmd.Plan() with { Methods = [] }, People.Assessor, now) },
        { "Submitted", "methods[1]", (m, now) => m.Handle(DecisionCmd.Plan() with { Methods = [ViewMethod.PublicComment, (ViewMethod)9] }, People.Assessor, now) },
        { "AssessmentPlanned", "channel", (m, now) => m.Handle(DecisionCmd.Open() with { Channel = "" }, People.Assessor, now) },
        { "AssessmentPlanned", "at", (m, now) => m.Handle(DecisionCmd.Open(now.AddHours(1)), People.Assessor, now) },
        { "AssessmentPlanned", "at", (m, now) => m.Handle(DecisionCmd.Open(now.AddDays(-3)), People.Assessor, now) },
        { "AssessmentPlanned", "from", (m, now) => m.Handle(DecisionCmd.Views(ViewMethod.Visit, now.AddDays(-3), now), People.Assessor, now) },
        { "AssessmentPlanned", "method", (m, now) => m.Handle(DecisionCmd.Views(ViewMethod.PublicComment, now, now), People.Assessor, now) },
        { "AssessmentPlanned", "to", (m, now) => m.Handle(DecisionCmd.Views(ViewMethod.Visit, now, now.AddMinutes(-1)), People.Assessor, now) },
        { "AssessmentPlanned", "to", (m, now) => m.Handle(DecisionCmd.Views(ViewMethod.Visit, now, now.AddHours(2)), People.Assessor, now) },
        { "AssessmentPlanned", "people", (m, now) => m.Handle(DecisionCmd.Views(ViewMethod.Visit, now, now, people: -1, opposed: null), People.Assessor, now) },
        { "AssessmentPlanned", "opposed", (m, now) => m.Handle(DecisionCmd.Views(ViewMethod.Visit, now, now, people: 10, opposed: 11), People.Assessor, now) },
        { "HearingViews", "commentsReceived", (m, now) => m.Handle(DecisionCmd.Close(received: -4), People.Assessor, now) },
        { "HearingViews", "at", (m, now) => m.Handle(DecisionCmd.Close(at: now.AddDays(-2)), People.Assessor, now) },
        { "Submitted", "ids", (m, now) => m.Handle(DecisionCmd.Opinion(now, now) with { Ids = [] }, People.Assessor, now) },
        { "Submitted", "ids[1]", (m, now) => m.Handle(DecisionCmd.Opinion(now, now) with { Ids = ["a", " "] }, People.Assessor, now) },
        { "Submitted", "ids", (m, now) => m.Handle(DecisionCmd.Opinion(now, now) with { Ids = [.. Enumerable.Range(0, 201).Select(i => $"c-{i}")] }, People.Assessor, now) },
        { "Analysed", "reasons", (m, now) => m.Handle(DecisionCmd.Rate(RiskLevel.Low) with { Reasons = [.. Enumerable.Repeat("r", 201)] }, People.Assessor, now) },
        { "Submitted", "count", (m, now) => m.Handle(DecisionCmd.Opinion(now, now, count: 0), People.Assessor, now) },
        { "Submitted", "kind", (m, now) => m.Handle(DecisionCmd.Opinion(now, now, kind: (PublicOpinionKind)5), People.Assessor, now) },
        { "ViewsHeard", "findings", (m, now) => m.Handle(DecisionCmd.Finding(AnalysisDimension.Legality) with { Findings = "" }, People.Assessor, now) },
        { "Analysed", "reasons", (m, now) => m.Handle(DecisionCmd.Rate(RiskLevel.Low) with { Reasons = [] }, People.Assessor, now) },
        { "Analysed", "reasons[0]", (m, now) => m.Handle(DecisionCmd.Rate(RiskLevel.Low) with { Reasons = [""] }, People.Assessor, now) },
        { "Analysed", "level", (m, now) => m.Handle(DecisionCmd.Rate((RiskLevel)7), People.Assessor, now) },
        { "RiskRated", "responsibleUnit", (m, now) => m.Handle(DecisionCmd.Mitigation() with { ResponsibleUnit = "" }, People.Assessor, now) },
        { "RiskRated", "emergencyPlan", (m, now) => m.Handle(DecisionCmd.Report() with { EmergencyPlan = " " }, People.Assessor, now) },
        { "Reported", "office", (m, now) => m.Handle(DecisionCmd.Review((ReviewOffice)3), People.Legal, now) },
        { "Reported", "verdict", (m, now) => m.Handle(DecisionCmd.Review(ReviewOffice.LegalOffice, (ReviewVerdict)3), People.Legal, now) },
        { "Reviewed", "meeting", (m, now) => m.Handle(DecisionCmd.Decide(CollectiveDecisionOutcome.Implement) with { Meeting = "" }, People.Maker, now) },
        { "Reviewed", "outcome", (m, now) => m.Handle(DecisionCmd.Decide((CollectiveDecisionOutcome)9), People.Maker, now) },
        { "Reviewed", "explanation", (m, now) => m.Handle(DecisionCmd.Decide(CollectiveDecisionOutcome.Implement, explanation: null), People.Maker, now) },
        { "Reviewed", "proposal", (m, now) => m.Handle(DecisionCmd.Change(proposal: m.State.Proposal), People.Maker, now) },
        { "Reviewed", "whatChanged", (m, now) => m.Handle(DecisionCmd.Change(what: ""), People.Maker, now) },
    };

    private static string MoveName(string command) => command switch
    {
        "recordViews" => "recordViews(questionnaire)",
        "recordFinding" => "recordFinding(legality)",
        "recordReview" => "recordReview(stabilityOffice)",
        "takeCollectiveDecision" => "takeCollectiveDecision(doNotImplement)",
        _ => command,
    };

    private static Decision Run(MatterCase c, string command)
    {
        var (m, now) = (c.Matter, c.Now);
        return command switch
        {
            "submit" => m.Handle(new SubmitMajorDecision(), People.Maker, now),
            "planAssessment" => m.Handle(DecisionCmd.Plan(), People.Assessor, now),
            "openPublicComment" => m.Handle(DecisionCmd.Open(), People.Assessor, now),
            "closePublicComment" => m.Handle(DecisionCmd.Close(), People.Assessor, now),
            "recordViews" => m.Handle(DecisionCmd.Views(ViewMethod.Questionnaire, m.State.Round?.OpenedAt ?? now.AddHours(-1), now), People.Assessor, now),
            "attachPublicOpinion" => m.Handle(DecisionCmd.Opinion(now.AddDays(-10), now.AddDays(-1)), People.Assessor, now),
            "finishHearingViews" => m.Handle(DecisionCmd.Finish(), People.Assessor, now),
            "recordFinding" => m.Handle(DecisionCmd.Finding(AnalysisDimension.Legality), People.Assessor, now),
            "rateRisk" => m.Handle(DecisionCmd.Rate(RiskLevel.Low), People.Assessor, now),
            "recordMitigation" => m.Handle(DecisionCmd.Mitigation(), People.Assessor, now),
            "writeReport" => m.Handle(DecisionCmd.Report(), People.Assessor, now),
            "recordReview" => m.Handle(DecisionCmd.Review(ReviewOffice.StabilityOffice), People.Stability, now),
            "takeCollectiveDecision" => m.Handle(DecisionCmd.Decide(CollectiveDecisionOutcome.DoNotImplement), People.Maker, now),
            "changeProposal" => m.Handle(DecisionCmd.Change(), People.Maker, now),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command, "unknown command"),
        };
    }

    private static TheoryData<string, string, bool, string> BuildMatrix()
    {
        var data = new TheoryData<string, string, bool, string>();
        foreach (var (stage, accepts) in Accepts)
        {
            foreach (var command in Commands)
            {
                var row = accepts.FirstOrDefault(a => a.Accepted.Contains(command));
                data.Add(stage, command, row.Accepted is not null, row.After ?? stage);
            }
        }

        return data;
    }
}
