using Emergency.Domain.Messages;

namespace Emergency.Domain.Incidents;

/// <summary>
/// What the engine says about warning the neighbouring areas of an incident that crosses a boundary off a river
/// (通报相邻区域): the basis of each warning's deadline, why one is no longer needed, and the refusals.
/// </summary>
public static class NeighbourTexts
{
    public static readonly MessageCode DoneBySendWarning = new("neighbour.doneBySendWarning");

    public static readonly MessageCode NotNeeded = new("neighbour.notNeeded", "party");

    public static readonly MessageCode Basis = new("neighbour.basis", "party", "level", "beside", "notice");

    // The notice's own basis (window, rule, source) stays on the notice: each warning names it rather than repeating it.
    public static readonly MessageCode DueWithNotice = new("neighbour.dueWithNotice", "obligation");

    public static readonly MessageCode OnARiver = new("neighbour.onARiver", "party");
}
