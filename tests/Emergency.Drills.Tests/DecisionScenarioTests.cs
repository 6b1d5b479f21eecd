using Emergency.Domain.Cases;
using Emergency.Domain.Decisions;
using Emergency.Domain.Drills;
using Emergency.Drills.Tests.Infrastructure;
using Emergency.Testing;

namespace Emergency.Drills.Tests;

/// <summary>Decision steps in scenario files: read into the domain's own commands, or refused at their place with a reason.</summary>
public sealed class DecisionScenarioTests
{
    private const string File = "decisions.yaml";

    [Fact]
    public void The_incinerator_siting_reads_into_typed_commands_in_order()
    {
        var scenario = ScenarioReader.Read(System.IO.File.ReadAllText(Scenarios.PathOf("incinerator-siting.yaml")), "incinerator-siting.yaml");

        Assert.Equal(["incinerator"], scenario.Decisions);
        var steps = scenario.Injects.Select(s => (DecisionStep)s.Inject).ToList();
        Assert.Equal(35, steps.Count);
        var draft = Assert.IsType<DraftMajorDecision>(steps[0].Command);
        Assert.Equal((MajorDecisionKind.InvestmentProject, "Dongshan"), (draft.Kind, draft.Region));
        var plan = Assert.IsType<PlanAssessment>(steps[2].Command);
        Assert.Equal([ViewMethod.PublicComment, ViewMethod.Questionnaire, ViewMethod.Visit, ViewMethod.Hearing], plan.Methods);
        var high = Assert.IsType<RateRisk>(steps.First(s => s.Action == "rateRisk").Command);
        Assert.Equal(RiskLevel.High, high.Level);
        Assert.Equal(2, high.Reasons.Count);
        Assert.All(steps, s => Assert.Equal(Moves.Info(s.Command.GetType()).Roles[0], s.By));
        Assert.Equal(Domain.Role.DecisionMaker, steps.Single(s => s.Id == "approve-high").By);
        Assert.Equal(TimeSpan.FromDays(70), scenario.End);
        Assert.Equal(
            [MoveRefusedExpectation.KindName, MoveRefusedExpectation.KindName, DecisionOutcomeExpectation.KindName, DecisionOutcomeExpectation.KindName],
            scenario.Expectations.Select(e => e.Kind));
    }

    [Theory]
    [InlineData("  - {at: +1h, kind: decision, decision: d, action: draft, with: {title: T, region: R, kind: investmentProject, proposal: P, colour: red}}", "'with' does not fit draft", "{title")]
    [InlineData("  - {at: +1h, kind: decision, decision: d, action: draft, with: {title: T, region: R, kind: investmentProject}}", "missing required properties", "{title")]
    [InlineData("  - {at: +1h, kind: decision, decision: d, action: draft, with: {title: T, region: R, kind: nuclearPlant, proposal: P}}", "'with' does not fit draft", "{title")]
    [InlineData("  - {at: +1h, kind: decision, decision: d, action: draft, with: [a, b]}", "'with' is a mapping of the fields of draft", "[a, b]")]
    [InlineData("  - {at: +1h, kind: decision, decision: d, action: approve}", "'action' must be one of draft, submit", "approve")]
    [InlineData("  - {at: +1h, kind: decision, decision: d, action: submit}", "unknown decision 'd': no decision inject drafts it", "{at: +1h, kind: decision")]
    [InlineData("  - {at: +1h, kind: decision, decision: d, action: draft, by: assessor, with: {title: T, region: R, kind: investmentProject, proposal: P}}", "'by': a assessor cannot do 'draft'", "assessor")]
    public void Bad_decision_steps_are_refused_at_their_place(string inject, string reason, string at)
    {
        var yaml = Scenarios.Minimal(inject);
        var errors = Assert.Throws<ScenarioException>(() => ScenarioReader.Read(yaml, File)).Errors;
        var error = Assert.Single(errors);
        Assert.Contains(reason, error.Reason.En(), StringComparison.Ordinal);
        var lines = yaml.Split('\n');
        var line = Array.FindIndex(lines, l => l.Contains(at, StringComparison.Ordinal));
        Assert.Equal((line + 1, lines[line].IndexOf(at, StringComparison.Ordinal) + 1), (error.Line, error.Column));
    }

    [Fact]
    public void A_step_before_the_draft_and_an_expectation_about_an_unknown_decision_are_refused()
    {
        var yaml = Scenarios.Minimal(
            """
              - {at: +2h, kind: decision, decision: d, action: draft, with: {title: T, region: R, kind: investmentProject, proposal: P}}
              - {at: +1h, kind: decision, decision: d, action: submit}
            """,
            "  - decisionOutcome: {decision: e, outcome: implement}");
        var errors = Assert.Throws<ScenarioException>(() => ScenarioReader.Read(yaml, File)).Errors;

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Reason.En().Contains("comes before decision 'd' is drafted (+2h", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Reason.En().Contains("unknown decision 'e'", StringComparison.Ordinal));
    }
}
