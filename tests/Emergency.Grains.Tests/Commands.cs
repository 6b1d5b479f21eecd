using Emergency.Contracts;
using Emergency.Domain;
using Emergency.Domain.Incidents;

namespace Emergency.Grains.Tests;

/// <summary>Commands and people the grain tests use.</summary>
internal static class Commands
{
    public static readonly Actor Commander = new("duty.zhang", Role.DutyCommander);

    public static CommandContext As(string? commandId = null) => new(Commander, commandId);

    /// <summary>A level IV incident with every grading fact known: report due 4 h after discovery.</summary>
    public static ReportIncident Minor(DateTimeOffset discoveredAt, string region = "Changzhi") => new()
    {
        Title = "Oil sheen on the Zhuozhang river",
        Region = region,
        DiscoveredAt = discoveredAt,
        SourceChannel = SourceChannel.Hotline12369,
        Facts = new IncidentFacts
        {
            Deaths = 0,
            Poisoned = 0,
            SeriouslyInjured = 0,
            Evacuated = 0,
            DirectLossCny = 0,
            IntakeInterruption = new IntakeInterruption { Scale = IntakeScale.None },
            CrossBoundary = CrossBoundary.None,
            EcologicalImpact = EcologicalImpact.None,
        },
    };

    public static FileReport Report(ReportKind kind) => new()
    {
        Kind = kind,
        Medium = ReportMedium.Written,
        SignedOffBy = "Director Li",
        Contact = "0355-12369",
        Content = $"{kind} report: time, place, cause, pollutants, measures.",
    };
}
