using Emergency.Domain.Messages;

namespace Emergency.Domain.Incidents;

/// <summary>
/// What a situation report (初报, 续报, 处理结果报告) and an activity log say, line by line, beside the timeline's own
/// lines: the facts as they stand, the open steps, the sign-off. Headings are terms of <see cref="SituationHeading"/>.
/// </summary>
public static class SituationTexts
{
    public static readonly MessageCode Discovered = new("situation.discovered", "at");

    public static readonly MessageCode Place = new("situation.place", "region");

    public static readonly MessageCode Source = new("situation.source", "channel");

    public static readonly MessageCode Registered = new("situation.registered", "at", "by");

    public static readonly MessageCode Event = new("situation.event", "title");

    public static readonly MessageCode Description = new("situation.description", "text");

    public static readonly MessageCode Level = new("situation.level", "level", "reasons");

    public static readonly MessageCode LevelUnclear = new("situation.levelUnclear");

    public static readonly MessageCode Spill = new("situation.spill", "pollutant", "mass", "reach", "at");

    public static readonly MessageCode NoSpill = new("situation.noSpill");

    public static readonly MessageCode Monitoring = new("situation.monitoring", "at", "by");

    public static readonly MessageCode MonitoringNotStarted = new("situation.monitoringNotStarted");

    public static readonly MessageCode Velocity = new("situation.velocity", "reach", "velocity", "at", "by");

    public static readonly MessageCode Note = new("situation.note", "note");

    public static readonly MessageCode Casualties = new("situation.casualties", "deaths", "poisoned", "injured", "evacuated");

    public static readonly MessageCode Loss = new("situation.loss", "amount");

    /// <summary>A figure not known yet, in place of a number.</summary>
    public static readonly MessageCode Unknown = new("situation.unknown");

    public static readonly MessageCode IntakeInterrupted = new("situation.intakeInterrupted", "intake");

    public static readonly MessageCode DrinkingWater = new("situation.drinkingWater");

    public static readonly MessageCode Receptors = new("situation.receptors");

    public static readonly MessageCode HeavyMetals = new("situation.heavyMetals");

    public static readonly MessageCode CrossProvince = new("situation.crossProvince");

    public static readonly MessageCode MassIncident = new("situation.massIncident");

    public static readonly MessageCode NoReceptors = new("situation.noReceptors");

    public static readonly MessageCode Arrival = new("situation.arrival", "point", "distance", "at");

    public static readonly MessageCode Passed = new("situation.passed", "point", "distance");

    public static readonly MessageCode Warned = new("situation.warned", "party", "to", "at");

    public static readonly MessageCode Due = new("situation.due", "obligation", "due");

    public static readonly MessageCode Overdue = new("situation.overdue", "obligation", "due", "by");

    public static readonly MessageCode WrittenReportOutstanding = new("situation.writtenReportOutstanding");

    public static readonly MessageCode WarningUnacknowledged = new("situation.warningUnacknowledged", "party", "at");

    public static readonly MessageCode Late = new("situation.late", "obligation", "at", "by");

    public static readonly MessageCode Corrected = new("situation.corrected", "kind", "concerns", "declared", "actual", "known");

    public static readonly MessageCode NoAccountability = new("situation.noAccountability");

    public static readonly MessageCode Released = new("situation.released", "at", "audience", "headline");

    public static readonly MessageCode NoRelease = new("situation.noRelease");

    public static readonly MessageCode LastReport = new("situation.lastReport", "number", "kind", "at");

    public static readonly MessageCode NoReportYet = new("situation.noReportYet");

    public static readonly MessageCode SignedOff = new("situation.signedOff", "by", "contact", "number", "at", "medium");

    public static readonly MessageCode NotSignedOff = new("situation.notSignedOff");

    public static readonly MessageCode Nothing = new("situation.nothing");
}

/// <summary>The sections of a situation report, in the words of MEP Order 17 (art. 11) for each kind.</summary>
public enum SituationHeading
{
    /// <summary>发生时间、地点、信息来源.</summary>
    Basics,

    /// <summary>事件起因和性质.</summary>
    CauseAndNature,

    /// <summary>主要污染物和数量.</summary>
    Pollutants,

    /// <summary>监测数据.</summary>
    Monitoring,

    /// <summary>人员伤亡情况.</summary>
    Casualties,

    /// <summary>饮用水水源地等环境敏感点受影响情况.</summary>
    SensitiveReceptors,

    /// <summary>事件发展趋势.</summary>
    Trend,

    /// <summary>处置情况.</summary>
    Measures,

    /// <summary>拟采取的措施以及下一步工作建议.</summary>
    NextSteps,

    /// <summary>续报: 处置进展 since the last report.</summary>
    Progress,

    /// <summary>处理结果报告: 处理突发环境事件的措施、过程和结果.</summary>
    Process,

    /// <summary>潜在或者间接危害.</summary>
    Harm,

    /// <summary>损失.</summary>
    Losses,

    /// <summary>社会影响.</summary>
    SocialImpact,

    /// <summary>处理后的遗留问题.</summary>
    RemainingProblems,

    /// <summary>责任追究: 迟报, 谎报, 瞒报, 漏报 and late steps, made visible.</summary>
    Accountability,

    /// <summary>签发人和联系人.</summary>
    SignOff,
}
