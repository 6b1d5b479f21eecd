using Emergency.Contracts;
using Emergency.Domain.Decisions;
using Emergency.Domain.Drills;
using Emergency.Drills.Tests.Infrastructure;
using Emergency.Testing;

namespace Emergency.Drills.Tests;

/// <summary>A moveRefused expectation is met only by the refusal it names: a step refused for another reason never tested the guard.</summary>
[Collection(DrillEngineCollection.Name)]
public sealed class MoveRefusedTests(DrillEngine engine)
{
    private const string File = "move-refused.yaml";

    /// <summary>A matter approved before any risk was rated: the procedure refuses it, but as out of order, not as a high risk.</summary>
    private static string ApprovedUnrated(string refusal) => $$$"""
        title: Approval before any rating
        region: Dongshan
        ruleSetDate: 2026-03-02
        start: 2026-03-02T09:00:00+08:00
        end: +2d
        injects:
          - {at: +0, kind: decision, decision: plant, action: draft, with: {title: A plant, region: Dongshan, kind: investmentProject, proposal: A plant near the villages.}}
          - {at: +1h, kind: decision, decision: plant, action: submit}
          - {at: +2h, kind: decision, decision: plant, action: planAssessment, with: {assessedBy: the bureau, plan: Hear the villages., methods: [publicComment]}}
          - {at: +1d, kind: decision, decision: plant, action: takeCollectiveDecision, with: {outcome: implement, meeting: bureau executive meeting, reasons: The landfill is full., explanation: Meetings will explain it.}}
        expectations:
          - name: A high risk cannot be approved
            moveRefused: {decision: plant, action: takeCollectiveDecision, refusal: {{{refusal}}}}
        """;

    [Fact]
    public async Task An_approval_refused_because_no_risk_was_rated_does_not_meet_the_high_risk_guard()
    {
        var (_, json) = await engine.RunFastAsync(ApprovedUnrated(DecisionRefusals.HighRiskNotImplemented), File);
        var report = DrillReportJson.Deserialize(json);

        var refused = Assert.Single(report.Refused);
        Assert.Equal(("takeCollectiveDecision", DecisionRefusals.OutOfOrder), (refused.Action, refused.Code));
        var expectation = Assert.Single(report.Expectations);
        Assert.Equal(ExpectationOutcome.Missed, expectation.Outcome);
        Assert.Contains($"refused for another reason ({DecisionRefusals.OutOfOrder}, not {DecisionRefusals.HighRiskNotImplemented})", expectation.Detail, StringComparison.Ordinal);
        Assert.False(report.Result.Passed);
    }

    [Fact]
    public async Task The_refusal_named_is_the_one_that_meets_it()
    {
        var (_, json) = await engine.RunFastAsync(ApprovedUnrated(DecisionRefusals.OutOfOrder), File);
        var report = DrillReportJson.Deserialize(json);

        var expectation = Assert.Single(report.Expectations);
        Assert.Equal(ExpectationOutcome.Met, expectation.Outcome);
        Assert.StartsWith($"refused ({DecisionRefusals.OutOfOrder})", expectation.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("moveRefused: {decision: plant, action: takeCollectiveDecision}", "'refusal' is required in the expectation moveRefused", 13, 18)]
    [InlineData("moveRefused: {decision: plant, action: takeCollectiveDecision, refusal: highRisk}", "'refusal' must be the code of the refusal expected, one of invalid,", 13, 77)]
    public void A_move_refused_without_a_known_refusal_code_is_refused_at_its_place(string expectation, string reason, int line, int column)
    {
        var yaml = ApprovedUnrated(DecisionRefusals.OutOfOrder).Replace(
            "moveRefused: {decision: plant, action: takeCollectiveDecision, refusal: outOfOrder}", expectation, StringComparison.Ordinal);
        var errors = Assert.Throws<ScenarioException>(() => ScenarioReader.Read(yaml, File)).Errors;

        var error = Assert.Single(errors);
        Assert.StartsWith(reason, error.Reason.En(), StringComparison.Ordinal);
        Assert.Equal((line, column), (error.Line, error.Column));
    }
}
