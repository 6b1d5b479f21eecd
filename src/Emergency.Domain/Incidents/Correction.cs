using Emergency.Domain.Messages;

namespace Emergency.Domain.Incidents;

/// <summary>
/// An earlier report, claim or step shown untrue: what was declared against what was real, and when that became known.
/// Recorded, never edited or removed, so a false, concealed or omitted report stays visible after the truth is out.
/// </summary>
public sealed record Correction
{
    public required int Number { get; init; }

    public required CorrectionKind Kind { get; init; }

    /// <summary>What it corrects, in the words of the API: "registration", "report 2", or a step's id such as "releaseInformation".</summary>
    public required string Concerns { get; init; }

    /// <summary>The report it corrects, by its number in the report list.</summary>
    public int? Report { get; init; }

    /// <summary>The obligation whose completion it shows untrue; that obligation is open again.</summary>
    public string? Obligation { get; init; }

    /// <summary>When the report, claim or step it corrects was made.</summary>
    public required DateTimeOffset ConcernsAt { get; init; }

    /// <summary>What was declared ("1–1.5 t reached the river").</summary>
    public required string Declared { get; init; }

    /// <summary>What was real ("8.68 t reached the river").</summary>
    public required string Actual { get; init; }

    /// <summary>When the truth became known.</summary>
    public required DateTimeOffset KnownAt { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    public required string RecordedBy { get; init; }

    public string? Note { get; init; }
}

/// <summary>The kinds of untrue reporting MEP Order 17 names as violations besides lateness (迟报).</summary>
public enum CorrectionKind
{
    /// <summary>谎报 — a report that said something untrue. Not "False": a plain false in a scenario file is a boolean.</summary>
    Falsified,

    /// <summary>瞒报 — facts known and kept out of a report.</summary>
    Concealed,

    /// <summary>漏报 — facts left out of a report, or a party left unreported.</summary>
    Omitted,
}

public static class CorrectionKinds
{
    public static string Title(this CorrectionKind kind) => kind switch
    {
        CorrectionKind.Falsified => "falsified report (谎报)",
        CorrectionKind.Concealed => "concealed report (瞒报)",
        CorrectionKind.Omitted => "omitted report (漏报)",
        _ => kind.ToString(),
    };
}

/// <summary>A completion of an obligation that a correction showed untrue: kept beside the obligation once it is open again.</summary>
public sealed record FalseCompletion
{
    public required DateTimeOffset CompletedAt { get; init; }

    public string? CompletedBy { get; init; }

    public Message? Note { get; init; }

    /// <summary>The correction that showed it untrue.</summary>
    public required int Correction { get; init; }

    public required DateTimeOffset KnownAt { get; init; }
}
