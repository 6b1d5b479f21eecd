namespace Emergency.Domain.Decisions;

/// <summary>How views are heard (听取意见) before the risk is analysed.</summary>
public enum ViewMethod
{
    /// <summary>公示 / 公开征求意见 — the proposal published for comment, for at least the rule set's minimum period.</summary>
    PublicComment,

    /// <summary>问卷调查 — questionnaires.</summary>
    Questionnaire,

    /// <summary>走访 — visits to the people affected.</summary>
    Visit,

    /// <summary>听证会 — a hearing.</summary>
    Hearing,
}

public static class ViewMethods
{
    public static readonly IReadOnlyList<ViewMethod> All = Enum.GetValues<ViewMethod>();

    public static string Title(this ViewMethod method) => method switch
    {
        ViewMethod.PublicComment => "public comment (公开征求意见)",
        ViewMethod.Questionnaire => "questionnaire (问卷调查)",
        ViewMethod.Visit => "visits (走访)",
        ViewMethod.Hearing => "hearing (听证会)",
        _ => method.ToString(),
    };

    /// <summary>The name used in the API, the board and the rule files.</summary>
    public static string Name(this ViewMethod method) => method switch
    {
        ViewMethod.PublicComment => "publicComment",
        ViewMethod.Questionnaire => "questionnaire",
        ViewMethod.Visit => "visit",
        ViewMethod.Hearing => "hearing",
        _ => method.ToString(),
    };
}
