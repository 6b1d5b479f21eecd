using Emergency.Contracts;
using Emergency.Domain;
using Emergency.Domain.Decisions;
using Emergency.Domain.Enforcement;

namespace Emergency.Grains.Tests;

/// <summary>A major decision walked through its procedure on the grains, each step asserted accepted.</summary>
internal static class DecisionSteps
{
    public static readonly Actor Maker = new("director.li", Role.DecisionMaker);
    public static readonly Actor Assessor = new("assessor.zhao", Role.Assessor);
    public static readonly Actor Enforcer = new("director.li", Role.DecisionMaker);

    public static CommandContext By(Actor actor, string? commandId = null) => new(actor, commandId);

    public static IMajorDecisionGrain Decision(this EngineCluster engine, string id) => engine.Client.GetGrain<IMajorDecisionGrain>(id);

    public static IEnforcementRegistryGrain Registry(this EngineCluster engine) => engine.Client.GetGrain<IEnforcementRegistryGrain>(EnforcementRegistries.KeyOf(Scopes.Live));

    public static async Task<IReadOnlyList<MajorDecisionSummary>> OpenDecisionsAsync(this EngineCluster engine)
    {
        return await engine.Client.GetGrain<IMajorDecisionDirectoryGrain>(Scopes.Live).List();
    }

    public static DraftMajorDecision Draft(string region = "Handan") => new()
    {
        Title = "Waste incinerator at Dongshan",
        Region = region,
        Kind = MajorDecisionKind.Policy,
        Proposal = "A 1,500 t/day waste-to-energy plant 800 m from the Dongshan villages.",
    };

    public static SetRegionalRestriction Restriction(string region = "Handan") => new() { Region = region, Reason = "Air quality targets missed two years running." };

    public static MajorDecisionView Accepted(this CommandResult<MajorDecisionView> result)
    {
        Assert.True(result.Status == CommandStatus.Accepted, $"expected accepted, got {result.Status}: {result.Decision?.Reason} {string.Join("; ", result.Decision?.Errors.Select(e => $"{e.Field} {e.Message}") ?? [])}");
        return result.View!;
    }

    /// <summary>Drafted, submitted, planned, and public comment opened now.</summary>
    public static async Task<MajorDecisionView> CommentOpenAsync(this EngineCluster engine, string id, string region = "Handan")
    {
        var grain = engine.Decision(id);
        (await grain.Execute(Draft(region), By(Maker))).Accepted();
        (await grain.Execute(new SubmitMajorDecision(), By(Maker))).Accepted();
        (await grain.Execute(new PlanAssessment { AssessedBy = "stability group", Plan = "Hear the villages.", Methods = [ViewMethod.PublicComment, ViewMethod.Visit] }, By(Assessor))).Accepted();
        return (await grain.Execute(new OpenPublicComment { Channel = "the bureau's website" }, By(Assessor))).Accepted();
    }

    /// <summary>From an open comment period to both offices' agreement at a low risk; the engine clock runs past the comment period.</summary>
    public static async Task<MajorDecisionView> ReviewedAsync(this EngineCluster engine, string id, string region = "Handan")
    {
        var opened = await engine.CommentOpenAsync(id, region);
        var grain = engine.Decision(id);
        var visitAt = engine.Clock.GetUtcNow();
        engine.Clock.Advance(opened.PublicComment!.MayCloseAt - engine.Clock.GetUtcNow());
        (await grain.Execute(new ClosePublicComment { CommentsReceived = 12, Summary = "Few objections." }, By(Assessor))).Accepted();
        (await grain.Execute(new RecordViews { Method = ViewMethod.Visit, From = visitAt, To = visitAt, People = 40, Opposed = 3, Summary = "Most support it." }, By(Assessor))).Accepted();
        (await grain.Execute(new FinishHearingViews(), By(Assessor))).Accepted();
        foreach (var dimension in (AnalysisDimension[])[AnalysisDimension.Legality, AnalysisDimension.Reasonableness, AnalysisDimension.Feasibility, AnalysisDimension.Controllability])
        {
            (await grain.Execute(new RecordFinding { Dimension = dimension, Findings = "Sound." }, By(Assessor))).Accepted();
        }

        (await grain.Execute(new RateRisk { Level = RiskLevel.Low, Reasons = ["most support it"] }, By(Assessor))).Accepted();
        (await grain.Execute(new RecordMitigation { Measure = "Publish emission data live.", ResponsibleUnit = "project company" }, By(Assessor))).Accepted();
        (await grain.Execute(new WriteReport { Summary = "Low risk.", EmergencyPlan = "Dialogue team on call." }, By(Assessor))).Accepted();
        (await grain.Execute(new RecordReview { Office = ReviewOffice.StabilityOffice, Verdict = ReviewVerdict.Agreed, Comments = "Agreed." }, By(Assessor))).Accepted();
        return (await grain.Execute(new RecordReview { Office = ReviewOffice.LegalOffice, Verdict = ReviewVerdict.Agreed, Comments = "Agreed." }, By(Assessor))).Accepted();
    }

    public static TakeCollectiveDecision Implement() => new()
    {
        Outcome = CollectiveDecisionOutcome.Implement,
        Meeting = "bureau executive meeting",
        Reasons = "As assessed.",
        Explanation = "Village meetings will explain the emission limits.",
    };
}
