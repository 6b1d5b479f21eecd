using Emergency.Domain.Incidents;

namespace Emergency.Domain.Drills;

/// <summary>
/// How far a drill run got, as stored between turns: its virtual clock, what it applied, refused and told the players,
/// and what it saw of its cases. A <see cref="DrillRun"/> reads and moves it; whoever hosts the run stores it.
/// </summary>
public class DrillProgress
{
    /// <summary>Virtual seconds per engine second in a paced run; 0 in a fast run, whose clock jumps from moment to moment.</summary>
    public double Speed { get; set; } = 1;

    /// <summary>Now on the drill's clock: everything due before it has been applied.</summary>
    public DateTimeOffset VirtualNow { get; set; }

    /// <summary>How many of the scenario's injects (in schedule order) have been applied.</summary>
    public int Applied { get; set; }

    /// <summary>Injects sent by hand, applied or waiting for their moment.</summary>
    public List<ManualInjectRecord> Manual { get; set; } = [];

    /// <summary>The drill's incidents by scenario name.</summary>
    public Dictionary<string, DrillIncidentTrack> Incidents { get; set; } = [];

    /// <summary>The drill's major decisions: scenario name → engine id.</summary>
    public Dictionary<string, string> Decisions { get; set; } = [];

    public List<DrillMessage> Messages { get; set; } = [];

    public List<RefusedInject> Refused { get; set; } = [];

    /// <summary>Paced runs: the engine-clock moment at which the virtual clock stood at <see cref="AnchorVirtual"/>.</summary>
    public DateTimeOffset AnchorReal { get; set; }

    public DateTimeOffset AnchorVirtual { get; set; }
}

/// <summary>One incident of the drill as the drill knows it: its engine id, its facts and its levels over time.</summary>
public sealed class DrillIncidentTrack
{
    public string Id { get; set; } = "";

    /// <summary>The sequence of the inject that reported it: the report lists incidents in this order.</summary>
    public int Sequence { get; set; }

    public IncidentFacts Facts { get; set; } = new();

    public List<LevelAt> Levels { get; set; } = [];
}

/// <summary>An inject sent by hand: its text as received, its moment and place in the order, and who sent it.</summary>
public sealed class ManualInjectRecord
{
    public int Sequence { get; set; }

    public string Text { get; set; } = "";

    public TimeSpan At { get; set; }

    public string SentBy { get; set; } = "";

    public Role SentByRole { get; set; }

    public bool Applied { get; set; }
}
