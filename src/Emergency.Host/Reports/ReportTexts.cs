using Emergency.Domain.Messages;

namespace Emergency.Host.Reports;

/// <summary>The words around a situation report, an activity log and the after-action review: titles and column heads.</summary>
public static class ReportTexts
{
    public static readonly MessageCode InitialTitle = new("situation.page.initial");

    public static readonly MessageCode FollowUpTitle = new("situation.page.followUp", "number");

    public static readonly MessageCode FinalTitle = new("situation.page.final");

    public static readonly MessageCode Incident = new("situation.page.incident", "title", "id");

    public static readonly MessageCode AsOf = new("situation.page.asOf", "at");

    public static readonly MessageCode Drill = new("situation.page.drill");

    public static readonly MessageCode When = new("situation.page.when");

    public static readonly MessageCode What = new("situation.page.what");

    public static readonly MessageCode Who = new("situation.page.who");

    public static readonly MessageCode Line = new("situation.page.line");

    public static readonly MessageCode LogTitle = new("activity.page.title");

    public static readonly MessageCode Period = new("activity.page.period", "from", "to");

    public static readonly MessageCode Position = new("activity.page.position", "name", "position");

    public static readonly MessageCode Engine = new("activity.page.engine", "name");

    public static readonly MessageCode Recorded = new("activity.page.recorded");

    public static readonly MessageCode Activities = new("activity.page.count", "count");

    public static readonly MessageCode AarTitle = new("aar.page.title");

    public static readonly MessageCode AarObjectives = new("aar.page.objectives");

    public static readonly MessageCode AarObjective = new("aar.page.objective");

    public static readonly MessageCode AarRating = new("aar.page.rating");

    public static readonly MessageCode AarDetail = new("aar.page.detail");

    public static readonly MessageCode AarStrengths = new("aar.page.strengths");

    public static readonly MessageCode AarAreas = new("aar.page.areas");

    public static readonly MessageCode AarPlan = new("aar.page.plan");

    public static readonly MessageCode AarIssue = new("aar.page.issue");

    public static readonly MessageCode AarAction = new("aar.page.action");

    public static readonly MessageCode AarOwner = new("aar.page.owner");

    public static readonly MessageCode AarNone = new("aar.page.none");
}
