using Emergency.Domain.Messages;

namespace Emergency.Domain.Drills;

/// <summary>What the drill says when it is started, paced, jumped and asked for its report.</summary>
public static class DrillTexts
{
    public static readonly MessageCode ClockNeverGoesBack = new("drill.clockNeverGoesBack", "at");

    public static readonly MessageCode RunExists = new("drill.runExists", "run");

    public static readonly MessageCode NotARunId = new("drill.notARunId", "run");

    public static readonly MessageCode SpeedOutOfRange = new("drill.speedOutOfRange", "speed");

    public static readonly MessageCode FastRunsAlone = new("drill.fastRunsAlone");

    public static readonly MessageCode DrillIs = new("drill.drillIs", "phase");

    public static readonly MessageCode Queued = new("drill.queued", "at");

    public static readonly MessageCode Applied = new("drill.applied", "at");

    public static readonly MessageCode InvalidScenario = new("drill.invalidScenario", "count");

    public static readonly MessageCode NoSuchRun = new("drill.noSuchRun");

    public static readonly MessageCode NoRunWithId = new("drill.noRunWithId", "run");

    public static readonly MessageCode JumpToRequired = new("drill.jumpToRequired");

    public static readonly MessageCode ModeShape = new("drill.modeShape");

    public static readonly MessageCode SpeedShape = new("drill.speedShape");

    public static readonly MessageCode FileNameShape = new("drill.fileNameShape");

    public static readonly MessageCode ReportNotYet = new("drill.reportNotYet", "phase", "at", "percent");

    public static readonly MessageCode InvalidScenarioTitle = new("drill.invalidScenarioTitle");

    /// <summary>How many more problems a refusal found than it lists.</summary>
    public static readonly MessageCode AndMore = new("drill.andMore", "count");
}
