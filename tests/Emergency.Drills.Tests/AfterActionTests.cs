using System.Text.RegularExpressions;
using Emergency.Contracts;
using Emergency.Domain.Cases;
using Emergency.Domain.Drills;
using Emergency.Drills.Tests.Infrastructure;

namespace Emergency.Drills.Tests;

/// <summary>
/// The after-action review on the drill's report page, drawn from the scoring: each expectation an objective rated
/// P/S/U, the met ones and the steps on time as strengths, every late, missed, overdue, untrue or refused thing as an
/// area for improvement with one corrective action each in the improvement plan.
/// </summary>
[Collection(DrillEngineCollection.Name)]
public sealed partial class AfterActionTests(DrillEngine engine)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_report_page_rates_each_objective_and_plans_one_action_per_area_for_improvement_from_the_scoring()
    {
        var (run, json) = await engine.RunFastAsync(Scenarios.Longjiang, "longjiang-cadmium-2012.yaml");
        var report = DrillReportJson.Deserialize(json);
        using var organiser = engine.Client();

        var page = await organiser.GetStringAsync($"/api/drills/{run}/report.html", Cancel);
        var review = AfterActionReview.Of(report);

        // Objectives: one per expectation, rated from its outcome (4 met, 1 late, 1 missed).
        Assert.Equal(report.Expectations.Select(x => x.Number), review.Objectives.Select(o => o.Number));
        Assert.Equal(
            report.Expectations.Select(x => x.Outcome switch { ExpectationOutcome.Met => "Performed", ExpectationOutcome.Late => "SomeChallenges", _ => "Unable" }),
            RatingPattern().Matches(page).Select(m => m.Groups[1].Value));
        Assert.Equal((6, 1, 1), (review.Objectives.Count(o => o.Rating == PerformanceRating.Performed), review.Objectives.Count(o => o.Rating == PerformanceRating.SomeChallenges), review.Objectives.Count(o => o.Rating == PerformanceRating.Unable)));

        // Strengths: the objectives met and every step completed on time.
        var onTime = report.Incidents.Sum(i => i.Obligations.Count(o => o.Status == ObligationStatus.Completed));
        Assert.Equal(6 + onTime, review.Strengths.Count);

        // Areas for improvement: what was late or missed, every step late or still overdue, every untrue report, every refused inject.
        var expected = 2
            + report.Incidents.Sum(i => i.Obligations.Count(o => o.LateBy is not null && o.CompletedAt is not null))
            + report.Incidents.Sum(i => i.Obligations.Count(o => !(o.LateBy is not null && o.CompletedAt is not null) && o.OverdueBy is not null))
            + report.Incidents.Sum(i => i.Corrections.Count)
            + report.Refused.Count;
        Assert.True(expected > 2, "the Longjiang drill has late steps");
        Assert.Equal(expected, review.AreasForImprovement.Count);
        Assert.Equal(review.AreasForImprovement.Select(a => a.Text), review.ImprovementPlan.Select(a => a.Issue));
        Assert.Equal(Enumerable.Range(1, expected), review.ImprovementPlan.Select(a => a.Number));

        // On the page, in the reader's language (the test client reads English).
        Assert.Contains("After-action report and improvement plan", page, StringComparison.Ordinal);
        Assert.Equal(expected, PlanRowPattern().Count(Between(page, "data-testid=\"improvement-plan\"", "</table>")));
        Assert.Contains("Objective missed: ", page, StringComparison.Ordinal);
        Assert.Contains("Duty commanders", page, StringComparison.Ordinal);
    }

    private static string Between(string page, string start, string end)
    {
        var from = page.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"no {start}");
        return page[from..page.IndexOf(end, from, StringComparison.Ordinal)];
    }

    [GeneratedRegex("<tr data-rating=\"(\\w+)\">")]
    private static partial Regex RatingPattern();

    [GeneratedRegex("<tr><td>\\d+</td>")]
    private static partial Regex PlanRowPattern();
}
