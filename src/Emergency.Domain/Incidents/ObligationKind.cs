using System.Collections.Frozen;
using Emergency.Domain.Messages;

namespace Emergency.Domain.Incidents;

/// <summary>
/// The five first-moment obligations (五个第一时间), plus the obligations that arise during a response: the repeat
/// report a change of level requires, and the notice to neighbouring areas that may be affected.
/// They are timestamped obligations with deadlines, not a strict chain: only real orderings are enforced.
/// </summary>
public enum ObligationKind
{
    /// <summary>第一时间报告 — the initial report (初报); completed by filing it.</summary>
    Report,

    /// <summary>第一时间赶赴现场 — reach the scene.</summary>
    ReachScene,

    /// <summary>第一时间开展监测 — start monitoring; needs someone on scene.</summary>
    StartMonitoring,

    /// <summary>第一时间组织开展调查 — organise the investigation; needs someone on scene.</summary>
    OrganiseInvestigation,

    /// <summary>第一时间发布信息 — release information to the public.</summary>
    ReleaseInformation,

    /// <summary>Report again at the new level after a regrade (MEP Order 17); completed by a follow-up or final report.</summary>
    LevelChangeReport,

    /// <summary>
    /// 通报相邻区域 — tell the same-level bureau of each neighbouring area that is or may be affected (MEP Order 17 art. 8);
    /// arises when the facts say the incident crosses or may cross a boundary.
    /// </summary>
    NotifyNeighbours,

    /// <summary>
    /// 下游预警 — warn one party downstream of a river spill (an intake's operator or a jurisdiction the river enters) a
    /// lead time before the pollution is estimated to arrive; one per party, completed by sending the warning.
    /// </summary>
    WarnDownstream,

    /// <summary>逐级上报 — one hop of a report up the levels (MEP Order 17 arts. 3 and 7); recorded by its own move, one obligation per hop.</summary>
    ReportUp,

    /// <summary>
    /// 通报相邻区域 — warn one neighbouring area that may be affected by an incident crossing a boundary off a river (MEP
    /// Order 17 art. 8); one per area of the region catalog's neighbours, completed by sending the warning.
    /// </summary>
    WarnNeighbour,
}

public static class ObligationKinds
{
    /// <summary>The five first-moment obligations every incident starts with.</summary>
    public static readonly IReadOnlyList<ObligationKind> FirstMoment =
    [
        ObligationKind.Report,
        ObligationKind.ReachScene,
        ObligationKind.StartMonitoring,
        ObligationKind.OrganiseInvestigation,
        ObligationKind.ReleaseInformation,
    ];

    /// <summary>
    /// The obligation's name as the reader's language says it (the term "ObligationKind.ReachScene"). One message per
    /// kind, made once: every view and summary names every obligation, and a message never changes once made.
    /// </summary>
    public static Message Title(this ObligationKind kind) => Titles is { } titles && titles.TryGetValue(kind, out var title) ? title : TitleOf(kind);

    private static readonly FrozenDictionary<ObligationKind, Message> Titles =
        Enum.GetValues<ObligationKind>().ToFrozenDictionary(kind => kind, TitleOf);

    private static Message TitleOf(ObligationKind kind) => IncidentTexts.Obligation.With(("obligation", Arg.Of(kind)));

    /// <summary>
    /// Why the complete-obligation command refuses an obligation met by a move of its own: a report, a published release,
    /// a warning sent downstream, a hop of the reporting chain; null for those it completes.
    /// </summary>
    public static Message? DoneByItsOwnMove(this ObligationKind kind) => DoneByOwnMove is { } made && made.TryGetValue(kind, out var why) ? why : DoneByItsOwnMoveOf(kind);

    /// <summary>One refusal per kind, made once: the moves allowed ask it of every obligation with every answer.</summary>
    private static readonly FrozenDictionary<ObligationKind, Message?> DoneByOwnMove =
        Enum.GetValues<ObligationKind>().ToFrozenDictionary(kind => kind, DoneByItsOwnMoveOf);

    private static Message? DoneByItsOwnMoveOf(ObligationKind kind) => kind switch
    {
        _ when kind.IsReport() => IncidentTexts.DoneByReport.With(("obligation", Arg.Of(kind))),
        ObligationKind.ReleaseInformation => ReleaseTexts.DoneByRelease.With(("obligation", Arg.Of(kind))),
        ObligationKind.WarnDownstream => DownstreamTexts.DoneBySendWarning,
        ObligationKind.WarnNeighbour => NeighbourTexts.DoneBySendWarning,
        ObligationKind.ReportUp => ChainTexts.ByItsOwnMove.With(("obligation", Arg.Of(kind))),
        _ => null,
    };

    /// <summary>Obligations completed by filing a report rather than by the complete-obligation command.</summary>
    public static bool IsReport(this ObligationKind kind) => kind is ObligationKind.Report or ObligationKind.LevelChangeReport;

    /// <summary>The name used in the API, the board and the scenario files.</summary>
    public static string Name(this ObligationKind kind) => kind switch
    {
        ObligationKind.Report => "report",
        ObligationKind.ReachScene => "reachScene",
        ObligationKind.StartMonitoring => "startMonitoring",
        ObligationKind.OrganiseInvestigation => "organiseInvestigation",
        ObligationKind.ReleaseInformation => "releaseInformation",
        ObligationKind.LevelChangeReport => "levelChangeReport",
        ObligationKind.NotifyNeighbours => "notifyNeighbours",
        ObligationKind.WarnDownstream => "warnDownstream",
        ObligationKind.ReportUp => "reportUp",
        ObligationKind.WarnNeighbour => "warnNeighbour",
        _ => kind.ToString(),
    };
}
