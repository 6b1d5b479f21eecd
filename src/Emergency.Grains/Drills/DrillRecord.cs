using System.Text.Json.Serialization;
using Emergency.Contracts;
using Emergency.Domain.Drills;

namespace Emergency.Grains.Drills;

/// <summary>
/// What a drill grain stores: the scenario's text, the run's mode and phase, and its <see cref="DrillProgress"/>, whose
/// fields sit beside these in the stored JSON as they always have.
/// </summary>
public sealed class DrillRecord : DrillProgress
{
    public string Text { get; set; } = "";

    public string File { get; set; } = "";

    public DrillMode Mode { get; set; }

    public string StartedBy { get; set; } = "";

    public DrillPhase Phase { get; set; }

    public string? Failure { get; set; }

    /// <summary>The report once finished, as served: kept as text so every download is the same bytes (stored compressed).</summary>
    [JsonConverter(typeof(StoredReportConverter))]
    public string? Report { get; set; }

    public DrillResult? Result { get; set; }

    public bool Exists => Text.Length > 0;
}
