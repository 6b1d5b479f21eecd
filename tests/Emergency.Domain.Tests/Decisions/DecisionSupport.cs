using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Emergency.Domain.Decisions;
using Emergency.Domain.Enforcement;
using Emergency.Domain.Regions;
using Emergency.Testing;

namespace Emergency.Domain.Tests.Decisions;

/// <summary>The real rule files under config/rules/decisions.</summary>
public static class RealDecisionRules
{
    private static readonly Lazy<MajorDecisionRuleCatalog> LazyCatalog = new(() => MajorDecisionRuleLoader.Load(Directory));

    public static string Directory => Path.Combine(RepoPaths.Config, "rules", "decisions");

    public static MajorDecisionRuleCatalog Catalog => LazyCatalog.Value;

    public static MajorDecisionRuleSet Cn2019 => Catalog.Get("decisions-cn-2019");

    public static MajorDecisionRuleSet Local2012 => Catalog.Get("decisions-local-2012");

    public static string Text(string fileName) => File.ReadAllText(Path.Combine(Directory, fileName));

    public static JsonObject Node(string fileName) => JsonNode.Parse(Text(fileName))!.AsObject();

    public static List<(string File, string Json)> Sources() =>
        [("cn-2019.json", Text("cn-2019.json")), ("local-2012.json", Text("local-2012.json"))];
}

/// <summary>The people of the procedure.</summary>
public static class People
{
    public static readonly Actor Maker = new("director.li", Role.DecisionMaker);
    public static readonly Actor Assessor = new("assessor.zhao", Role.Assessor);
    public static readonly Actor Stability = new("stability.sun", Role.DecisionMaker);
    public static readonly Actor Legal = new("legal.zhou", Role.DecisionMaker);
    public static readonly Actor Enforcer = new("enforcement.qian", Role.DecisionMaker);
}

/// <summary>Well-formed commands with sensible defaults; tests change only what they are about.</summary>
public static class DecisionCmd
{
    public static DraftMajorDecision Draft(MajorDecisionKind kind = MajorDecisionKind.InvestmentProject, string region = "Handan") => new()
    {
        Title = "Waste incinerator at Dongshan",
        Region = region,
        Kind = kind,
        Proposal = "A 1,500 t/day waste-to-energy plant 800 m from the Dongshan villages.",
        Description = "Replaces the Dongshan landfill.",
    };

    public static PlanAssessment Plan(params ViewMethod[] methods) => new()
    {
        AssessedBy = "Handan environmental protection bureau, stability assessment group",
        Plan = "Hear the five villages within 3 km; questionnaires, visits, a hearing; analyse on the four dimensions.",
        Methods = methods.Length == 0 ? [ViewMethod.PublicComment, ViewMethod.Questionnaire, ViewMethod.Visit] : methods,
    };

    public static OpenPublicComment Open(DateTimeOffset? at = null) => new() { Channel = "the bureau's website", At = at };

    public static ClosePublicComment Close(DateTimeOffset? at = null, int received = 412) => new() { CommentsReceived = received, Summary = "Most comments fear dioxin emissions.", At = at };

    public static RecordViews Views(ViewMethod method, DateTimeOffset from, DateTimeOffset to, int people = 300, int? opposed = 120) => new()
    {
        Method = method,
        From = from,
        To = to,
        People = people,
        Opposed = opposed,
        Summary = "Villagers ask for a larger buffer zone and emission monitoring they can see.",
    };

    public static AttachPublicOpinion Opinion(DateTimeOffset from, DateTimeOffset to, PublicOpinionKind kind = PublicOpinionKind.Complaints, int count = 37) => new()
    {
        Kind = kind,
        Ids = ["12369-2026-0411", "12369-2026-0417"],
        Summary = "Complaints about the site selection meeting being closed to villagers.",
        Count = count,
        From = from,
        To = to,
    };

    public static FinishHearingViews Finish(string? note = null) => new() { Note = note };

    public static RecordFinding Finding(AnalysisDimension dimension) => new() { Dimension = dimension, Findings = $"Findings on {dimension.Name()}." };

    public static RateRisk Rate(RiskLevel level, params string[] reasons) => new() { Level = level, Reasons = reasons.Length == 0 ? [$"rated {level.Name()} after the views heard"] : reasons };

    public static RecordMitigation Mitigation(string measure = "Move the stack 600 m further from the villages; publish emission data live.") => new() { Measure = measure, ResponsibleUnit = "project company" };

    public static WriteReport Report() => new() { Summary = "The assessment as heard and analysed.", EmergencyPlan = "Dialogue team on call; county police plan for gatherings; hotline staffed." };

    public static RecordReview Review(ReviewOffice office, ReviewVerdict verdict = ReviewVerdict.Agreed) => new() { Office = office, Verdict = verdict, Comments = "Reviewed." };

    public static TakeCollectiveDecision Decide(CollectiveDecisionOutcome outcome, string? explanation = "Village meetings will explain the emission limits and the monitoring.") => new()
    {
        Outcome = outcome,
        Meeting = "bureau executive meeting",
        Reasons = "As assessed.",
        Explanation = explanation,
    };

    public static ChangeProposal Change(string proposal = "The plant moved to the Xishan industrial park, 4 km from any village.", string what = "site moved to Xishan") =>
        new() { Proposal = proposal, WhatChanged = what };
}

/// <summary>
/// One matter walked through its procedure on its own clock. Every step is accepted (asserted) and moves the clock on
/// by an hour, except closing the comment period, which waits for the minimum to run.
/// </summary>
public sealed class MatterCase
{
    public static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>Drafted at 2026-11-27 08:00; submitted at 09:00 under the 2019 rules.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 8, 0, 0, China);

    private static int _sequence;

    public MatterCase(
        MajorDecisionKind kind = MajorDecisionKind.InvestmentProject, DateTimeOffset? start = null, MajorDecisionRuleCatalog? catalog = null, string region = "Handan", RegionCatalog? regions = null)
    {
        Now = start ?? Start;
        Registry = new EnforcementRegistry(new EnforcementRegistryState(), regions ?? RegionCatalog.None);
        var (matter, decision) = MajorDecision.Draft(
            $"md-{Interlocked.Increment(ref _sequence)}", "live", DecisionCmd.Draft(kind, region), People.Maker, catalog ?? RealDecisionRules.Catalog, Registry, Now);
        decision.Accept();
        Matter = Assert.IsType<MajorDecision>(matter);
    }

    public MajorDecision Matter { get; }

    public EnforcementRegistry Registry { get; }

    public DateTimeOffset Now { get; set; }

    public MajorDecisionState State => Matter.State;

    public MatterCase Later(TimeSpan by)
    {
        Now += by;
        return this;
    }

    public MatterCase Step(Func<MajorDecision, DateTimeOffset, Decision> command)
    {
        Now = Now.AddHours(1);
        command(Matter, Now).Accept();
        return this;
    }

    public MatterCase Submit() => Step((m, now) => m.Handle(new SubmitMajorDecision(), People.Maker, now));

    public MatterCase Plan() => Submit().Step((m, now) => m.Handle(DecisionCmd.Plan(), People.Assessor, now));

    /// <summary>Public comment opened (at the planned moment + 1 h) and a questionnaire recorded.</summary>
    public MatterCase CommentOpen() => Plan()
        .Step((m, now) => m.Handle(DecisionCmd.Open(), People.Assessor, now))
        .Step((m, now) => m.Handle(DecisionCmd.Views(ViewMethod.Questionnaire, now.AddHours(-1), now), People.Assessor, now));

    /// <summary>In a reopened assessment: public comment opened again, an hour later.</summary>
    public MatterCase CommentOpenAgain() => Step((m, now) => m.Handle(DecisionCmd.Open(), People.Assessor, now));

    /// <summary>The comment period run to its minimum and closed, then hearing views finished.</summary>
    public MatterCase ViewsHeard()
    {
        CommentOpen();
        Now = State.Round!.PublicComment!.MayCloseAt;
        Matter.Handle(DecisionCmd.Close(), People.Assessor, Now).Accept();
        return Step((m, now) => m.Handle(DecisionCmd.Finish(), People.Assessor, now));
    }

    public MatterCase Analysed()
    {
        ViewsHeard();
        foreach (var dimension in Matter.Rules!.Dimensions.Keys)
        {
            Step((m, now) => m.Handle(DecisionCmd.Finding(dimension), People.Assessor, now));
        }

        return this;
    }

    /// <summary>Rated at <paramref name="level"/>; a medium rating is mitigated and rated medium again, so it may go on.</summary>
    public MatterCase Rated(RiskLevel level)
    {
        Analysed().Step((m, now) => m.Handle(DecisionCmd.Rate(level), People.Assessor, now));
        Step((m, now) => m.Handle(DecisionCmd.Mitigation(), People.Assessor, now));
        return level == RiskLevel.Medium ? Step((m, now) => m.Handle(DecisionCmd.Rate(RiskLevel.Medium, "still medium with the measures"), People.Assessor, now)) : this;
    }

    public MatterCase Reported(RiskLevel level) => Rated(level).Step((m, now) => m.Handle(DecisionCmd.Report(), People.Assessor, now));

    public MatterCase Reviewed(RiskLevel level) => Reported(level)
        .Step((m, now) => m.Handle(DecisionCmd.Review(ReviewOffice.StabilityOffice), People.Stability, now))
        .Step((m, now) => m.Handle(DecisionCmd.Review(ReviewOffice.LegalOffice), People.Legal, now));

    public MatterCase Postponed(RiskLevel level) => Reviewed(level).Step((m, now) => m.Handle(DecisionCmd.Decide(CollectiveDecisionOutcome.Postpone), People.Maker, now));

    public MatterCase Decided(RiskLevel level = RiskLevel.Low) => Reviewed(level).Step((m, now) => m.Handle(DecisionCmd.Decide(CollectiveDecisionOutcome.DoNotImplement), People.Maker, now));

    /// <summary>A matter brought to a stage by name (the names of <see cref="MajorDecisionStage"/>).</summary>
    public static MatterCase InStage(string stage, RiskLevel level = RiskLevel.Low, MajorDecisionKind kind = MajorDecisionKind.InvestmentProject)
    {
        var c = new MatterCase(kind);
        return stage switch
        {
            "Draft" => c,
            "Submitted" => c.Submit(),
            "AssessmentPlanned" => c.Plan(),
            "HearingViews" => c.CommentOpen(),
            "ViewsHeard" => c.ViewsHeard(),
            "Analysed" => c.Analysed(),
            "RiskRated" => c.Rated(level),
            "Reported" => c.Reported(level),
            "Reviewed" => c.Reviewed(level),
            "Postponed" => c.Postponed(level),
            "Decided" => c.Decided(level),
            _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "unknown stage"),
        };
    }

    /// <summary>
    /// Runs a command that must be refused at <paramref name="now"/> and proves it changed nothing: the Tick every command
    /// does first (a comment period's minimum run, a restriction noted) is done before the snapshot, at the same "now".
    /// </summary>
    public Decision Refused(DateTimeOffset now, Func<MajorDecision, Decision> command, DecisionOutcome expected = DecisionOutcome.NotAllowed)
    {
        Matter.Tick(now);
        return Refused(command, expected);
    }

    /// <summary>Runs a command that must be refused and proves it changed nothing.</summary>
    public Decision Refused(Func<MajorDecision, Decision> command, DecisionOutcome expected = DecisionOutcome.NotAllowed)
    {
        var before = DecisionSnapshots.Of(State);
        var decision = command(Matter);
        Assert.True(expected == decision.Outcome, $"expected {expected}, got {decision.Outcome}: {decision.Reason}");
        Assert.False(string.IsNullOrWhiteSpace(decision.Reason.En()));
        Assert.Equal(before, DecisionSnapshots.Of(State));
        return decision;
    }
}

public static class DecisionSnapshots
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new JsonStringEnumConverter() }, WriteIndented = true };

    public static string Of<T>(T state) => JsonSerializer.Serialize(state, Options);
}
