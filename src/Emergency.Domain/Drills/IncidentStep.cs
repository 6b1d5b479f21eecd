using Emergency.Domain.Incidents;

namespace Emergency.Domain.Drills;

/// <summary>
/// Any move of an incident already in the drill, named by <see cref="Action"/> as the API's routes name it (draftRelease,
/// approveRelease, publishRelease...): <see cref="Move"/> is read from the inject's <c>with</c> fields exactly as the API
/// reads its body, and sent to the grain as the API sends it, by a player in the move's first role unless <c>by</c> says.
/// </summary>
public sealed record IncidentStep : IncidentInject
{
    public const string KindName = "incident";

    public override string Kind => KindName;

    /// <summary>The move's name, as in the API's routes ("publishRelease").</summary>
    public required string Action { get; init; }

    public required IncidentCommand Move { get; init; }

    public override IncidentCommand Command(Scenario scenario, TimeSpan at) => Move;
}
